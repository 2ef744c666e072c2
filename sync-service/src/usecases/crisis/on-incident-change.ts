import type { IncidentChange } from "../../domain/incident-change.ts";
import type { Jobs } from "../../ports/jobs.ts";
import { CRISIS_OPENED_TASK } from "./crisis-deps.ts";

/**
 * Crisis communications' part of an incident change: an incident opening on a service with a play, a bridge or
 * subscribers gets them from a job (alert intake stays short; pages read the service's bridge until then).
 */
export async function crisisFollowUp(tx: { jobs: Jobs }, change: IncidentChange): Promise<void> {
  if (change.kind !== "opened") return;
  const crisis = change.service?.crisis;
  if (!crisis || (!crisis.responsePlayId && !crisis.conferenceBridge && crisis.subscribers.length === 0)) return;
  await tx.jobs.enqueue({
    task: CRISIS_OPENED_TASK,
    key: `crisis_opened:${change.incident.id}`,
    payload: { incidentId: change.incident.id },
  });
}
