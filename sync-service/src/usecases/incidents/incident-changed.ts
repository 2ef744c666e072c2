import type { Incident } from "../../domain/incident.ts";
import type { Jobs } from "../../ports/jobs.ts";
import { DEFAULT_CONVERSATION } from "../../domain/conversation.ts";
import type { Service } from "../../domain/service.ts";
import { conversationChanged } from "../chat/chat-deps.ts";
import { escalateWhenOpened, stopEscalation } from "../paging/escalation.ts";

export const INCIDENT_SYNC_TASK = "incident.sync";

/**
 * Queues the fan-out of an incident change to its integrations (linked Jira issues today). One job per
 * incident waits at a time; it reads the latest state when it runs, so a burst of changes is one sync.
 */
export async function incidentChanged(
  tx: { jobs: Jobs },
  incident: Pick<Incident, "id" | "revision" | "status">,
): Promise<void> {
  // Acknowledged or resolved: nothing more is paged for it.
  if (incident.status !== "triggered") await stopEscalation(tx, incident.id);
  await tx.jobs.enqueue({
    task: INCIDENT_SYNC_TASK,
    key: `incident_sync:${incident.id}`,
    payload: { incidentId: incident.id, revision: incident.revision },
  });
  await conversationChanged(tx, incident.id);
}

/**
 * What every newly opened incident sets off: its escalation, when the service has a policy, and its chat
 * channel, when the severity asks for one (the job checks again when it runs: severity may change).
 */
export async function incidentOpened(
  tx: { jobs: Jobs },
  incident: Pick<Incident, "id" | "severity">,
  service: Pick<Service, "escalationPolicyId" | "conversation"> | null,
): Promise<void> {
  if (service?.escalationPolicyId) await escalateWhenOpened(tx, incident.id);
  if ((service?.conversation ?? DEFAULT_CONVERSATION).channelSeverities.includes(incident.severity))
    await conversationChanged(tx, incident.id);
}
