import type { ChatPort } from "../../ports/chat-port.ts";
import type { Jobs } from "../../ports/jobs.ts";
import type { TicketPorts } from "../../ports/ticket-port.ts";
import type { UseCaseDeps } from "../shared/deps.ts";

export const CHAT_SYNC_TASK = "chat.sync";
export const CHAT_INBOUND_TASK = "chat.inbound";
/** The integration name in GET /api/integrations. */
export const CHAT_INTEGRATION = "slack";

export interface ChatDeps extends UseCaseDeps {
  readonly chat: ChatPort;
  /** Base of links back to incidents. */
  readonly publicUrl: string;
  /** For issue links in the summary: each tenant's Jira site. */
  readonly tickets?: TicketPorts;
}

/**
 * Queues the channel's catch-up: create it if the incident qualifies, invite people, refresh the
 * pinned summary and post new announcements, in order. One job per incident waits at a time.
 */
export async function conversationChanged(tx: { jobs: Jobs }, incidentId: string): Promise<void> {
  await tx.jobs.enqueue({ task: CHAT_SYNC_TASK, key: `chat_sync:${incidentId}`, payload: { incidentId } });
}
