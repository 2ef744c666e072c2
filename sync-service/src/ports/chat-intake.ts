import type { ChatMessage } from "../domain/chat-message.ts";
import type { MirrorPolicy } from "../domain/conversation.ts";

/** What merging a chat event into its message needs, read in the delivery's own transaction. */
export interface ChatEventContext {
  readonly incidentId: string;
  /** The mirroring in force: the incident's own, else its service's. */
  readonly policy: MirrorPolicy;
  /** The message as events so far have told it, locked until the transaction ends; null before its first event. */
  readonly message: ChatMessage | null;
  /** The id of the message's timeline entry, when it has one. */
  readonly entryId: string | null;
  /** Display names known for the event's people and the message's author and editors. */
  readonly names: ReadonlyMap<string, string>;
  /** Whether the incident's postmortem page exists and is refreshed on change (the incident is resolved). */
  readonly refreshable: boolean;
}

/**
 * Chat events on the intake path: the delivery recorded, the message locked and its context read in one round
 * trip, the merged message written with the commit.
 */
export interface ChatIntake {
  /**
   * Records the delivery (keyed by the chat's event id, which its retries keep) and, when it is new and the channel
   * is an incident's, locks the message and reads its context.
   * @returns "duplicate" for a delivery seen before, "not_incident_channel" for any other channel
   */
  recordAndRead(
    delivery: { readonly eventId: string; readonly payload: unknown },
    message: { readonly channelId: string; readonly ts: string },
    people: readonly string[],
  ): Promise<ChatEventContext | "duplicate" | "not_incident_channel">;
  saveMessage(message: ChatMessage): Promise<void>;
}
