import type { IncidentChange } from "../../domain/incident-change.ts";
import type { Jobs } from "../../ports/jobs.ts";
import { STATUS_PUBLISH_TASK } from "./status-page-deps.ts";

/** The status page's part of an incident change: a new post is published by a job, one post at a time, in order. */
export async function statusPageFollowUp(tx: { jobs: Jobs }, change: IncidentChange): Promise<void> {
  if (change.kind !== "status-post") return;
  await tx.jobs.enqueue({
    task: STATUS_PUBLISH_TASK,
    key: `status_publish:${change.incidentId}`,
    payload: { incidentId: change.incidentId },
  });
}
