import type { Incident } from "../domain/incident.ts";
import type { Jobs } from "../ports/jobs.ts";
import { stopEscalation } from "./escalation-use-cases.ts";

export const INCIDENT_SYNC_TASK = "incident.sync";

/**
 * Queues the fan-out of an incident change to its integrations (linked Jira issues today). One job per
 * incident waits at a time; it reads the latest state when it runs, so a burst of changes is one sync.
 */
export async function incidentChanged(tx: { jobs: Jobs }, incident: Pick<Incident, "id" | "revision" | "status">): Promise<void> {
  // Acknowledged or resolved: nothing more is paged for it.
  if (incident.status !== "triggered") await stopEscalation(tx, incident.id);
  await tx.jobs.enqueue({
    task: INCIDENT_SYNC_TASK,
    key: `incident_sync:${incident.id}`,
    payload: { incidentId: incident.id, revision: incident.revision },
  });
}
