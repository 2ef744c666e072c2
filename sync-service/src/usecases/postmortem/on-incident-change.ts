import { incidentIdOf, timeOf, type IncidentChange } from "../../domain/incident-change.ts";
import type { Jobs } from "../../ports/jobs.ts";
import type { PostmortemRepository } from "../../ports/postmortem-repository.ts";

export const POSTMORTEM_PUBLISH_TASK = "postmortem.publish";
/** Changes after the incident resolves refresh the page at most this often. */
export const REFRESH_DEBOUNCE_MS = 30_000;

export const publishJob = (incidentId: string, runAt?: Date) => ({
  task: POSTMORTEM_PUBLISH_TASK,
  key: `postmortem_publish:${incidentId}`,
  payload: { incidentId },
  ...(runAt ? { runAt } : {}),
});

/**
 * The postmortem's part of an incident change: once the incident is resolved and its page exists, anything the
 * page shows queues a refresh (debounced: a burst of changes is one write). Before that, the owner publishes.
 */
export async function postmortemFollowUp(
  tx: { jobs: Jobs; postmortems: Pick<PostmortemRepository, "refreshable"> },
  change: IncidentChange,
): Promise<void> {
  if (change.kind === "opened" || change.kind === "postmortem") return;
  const incidentId = incidentIdOf(change);
  if (!(await tx.postmortems.refreshable(incidentId))) return;
  await tx.jobs.enqueue(publishJob(incidentId, new Date(timeOf(change).getTime() + REFRESH_DEBOUNCE_MS)));
}
