import type { IntakeDeps } from "../shared/deps.ts";
import { CHAT_INBOUND_TASK } from "./chat-deps.ts";

/**
 * Records a chat event delivery and queues it, in one transaction, before the 2xx. Deliveries are keyed
 * by the chat's event id, which its retries keep. @returns false for a delivery seen before
 */
export async function recordChatDelivery(deps: IntakeDeps, eventId: string, payload: unknown): Promise<boolean> {
  // The intake path (as for alert events): one round trip to record, the job enqueued with the commit.
  return deps.intake.run(async (tx) => {
    if (!(await tx.inbox.record("slack", eventId, payload))) return false;
    await tx.jobs.enqueue({ task: CHAT_INBOUND_TASK, key: `slack_event:${eventId}`, payload: { eventId } });
    return true;
  });
}
