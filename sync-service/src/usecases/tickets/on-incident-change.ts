import type { IncidentChange } from "../../domain/incident-change.ts";
import type { Jobs } from "../../ports/jobs.ts";

export const INCIDENT_SYNC_TASK = "incident.sync";
export const NOTE_TO_TICKETS_TASK = "ticket.comment";

/**
 * The linked Jira issues' part of an incident change: a change of the incident (or a new link) brings every
 * issue in step (one job per incident waits at a time; it reads the latest state, so a burst is one sync);
 * a note becomes a comment on each.
 */
export async function ticketsFollowUp(tx: { jobs: Jobs }, change: IncidentChange): Promise<void> {
  if (change.kind === "status" || change.kind === "edited" || change.kind === "links") {
    const { id, revision } = change.incident;
    await tx.jobs.enqueue({
      task: INCIDENT_SYNC_TASK,
      key: `incident_sync:${id}`,
      payload: { incidentId: id, revision },
    });
  }
  if (change.kind === "note")
    await tx.jobs.enqueue({
      task: NOTE_TO_TICKETS_TASK,
      key: `ticket_comment:${change.entryId}`,
      payload: { incidentId: change.incidentId, entryId: change.entryId },
    });
}
