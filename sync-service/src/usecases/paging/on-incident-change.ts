import type { IncidentChange } from "../../domain/incident-change.ts";
import type { Jobs } from "../../ports/jobs.ts";
import { escalateWhenOpened, stopEscalation } from "./paging-deps.ts";

/** Paging's part of an incident change: a service with a policy escalates what opens (or moves onto it); acknowledge or resolve stops it. */
export async function pagingFollowUp(tx: { jobs: Jobs }, change: IncidentChange): Promise<void> {
  if (change.kind === "opened" && change.service?.escalationPolicyId) await escalateWhenOpened(tx, change.incident.id);
  // Moved onto a service with a policy while still triggered: escalation starts, unless one is already running.
  if (change.kind === "edited" && change.incident.status === "triggered" && change.service?.escalationPolicyId)
    await escalateWhenOpened(tx, change.incident.id);
  if ((change.kind === "status" || change.kind === "edited") && change.incident.status !== "triggered")
    await stopEscalation(tx, change.incident.id, change.incident.status);
}
