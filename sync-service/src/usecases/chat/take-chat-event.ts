import { randomUUID } from "node:crypto";
import { applyChatEvent, type ChatEvent } from "../../domain/chat-message.ts";
import { mirroredEntry } from "../../domain/chat-mirror.ts";
import { recordIncidentChange } from "../incidents/fan-out.ts";
import type { IntakeDeps } from "../shared/deps.ts";
import { CHAT_INBOUND_TASK } from "./chat-deps.ts";

/** The people an event names, whose display names its timeline entry shows. */
export function peopleOf(event: ChatEvent): string[] {
  const ids = ["userId" in event ? event.userId : event.message?.userId];
  return ids.filter((id): id is string => typeof id === "string");
}

/**
 * Takes one Events API delivery before the 2xx, on the intake path (as alert events): the delivery is recorded and,
 * for an incident channel's message, merged into the message and mirrored to the timeline in the same transaction,
 * so the entry is there when Slack has its answer and a retry (same event id) changes nothing. Only an event from a
 * person the service has not met waits for a job, which asks the chat for their name first.
 * @param event what the delivery says happened in a channel; null for deliveries that change no message
 * @returns false for a delivery seen before
 */
export async function takeChatEvent(
  deps: IntakeDeps,
  eventId: string,
  payload: unknown,
  event: ChatEvent | null,
): Promise<boolean> {
  return deps.intake.run(async (tx) => {
    if (!event) return tx.inbox.record("slack", eventId, payload);
    const people = peopleOf(event);
    const found = await tx.chat.recordAndRead({ eventId, payload }, event, people);
    if (found === "duplicate") return false;
    if (found === "not_incident_channel") return true;
    if (people.some((id) => !found.names.has(id))) {
      await tx.jobs.enqueue({ task: CHAT_INBOUND_TASK, key: `slack_event:${eventId}`, payload: { eventId } });
      return true;
    }
    const message = applyChatEvent(found.message, event, found.incidentId);
    await tx.chat.saveMessage(message);
    const entry = mirroredEntry(message, found.policy, found.entryId, found.names, randomUUID);
    if (entry) await tx.timeline.append(entry);
    // The postmortem's part of the change reads whether its page is refreshed: told by the same read.
    const fanOut = {
      jobs: tx.jobs,
      timeline: tx.timeline,
      postmortems: { refreshable: async () => found.refreshable },
    };
    await recordIncidentChange(fanOut, { kind: "recorded", incidentId: found.incidentId, at: deps.clock.now() });
    return true;
  });
}
