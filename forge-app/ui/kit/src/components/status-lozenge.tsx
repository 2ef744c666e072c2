import { Lozenge } from "@forge/react";
import type { IncidentSummary } from "../answer";

const APPEARANCE = { triggered: "removed", acknowledged: "inprogress", resolved: "success" } as const;

export function StatusLozenge({ status }: { status: IncidentSummary["status"] }) {
  return <Lozenge appearance={APPEARANCE[status]}>{status}</Lozenge>;
}
