// Atlassian's lozenge pattern (https://atlassian.design/components/lozenge): status and severity as
// short uppercase labels whose colours come from the design tokens' semantic appearances.
export type Appearance = "default" | "success" | "removed" | "inprogress" | "new" | "moved";

const STATUS: Record<string, Appearance> = {
  triggered: "removed",
  acknowledged: "moved",
  resolved: "success",
  open: "inprogress",
  done: "success",
  overdue: "removed",
};
const SEVERITY: Record<string, Appearance> = { SEV1: "removed", SEV2: "moved", SEV3: "inprogress", SEV4: "default" };

export function Lozenge({ children, appearance = "default" }: { children: string; appearance?: Appearance }) {
  return <span className={`lozenge lozenge--${appearance}`}>{children}</span>;
}

export const StatusLozenge = ({ status }: { status: string }) => (
  <Lozenge appearance={STATUS[status] ?? "default"}>{status}</Lozenge>
);
/** A practice incident (docs/drills.md): shown wherever the incident is, so nobody takes it for a real one. */
export const DrillLozenge = () => <Lozenge appearance="new">Drill</Lozenge>;
export const SeverityLozenge = ({ severity }: { severity: string }) => (
  <Lozenge appearance={SEVERITY[severity] ?? "default"}>{severity}</Lozenge>
);
