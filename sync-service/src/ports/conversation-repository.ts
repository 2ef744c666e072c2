import type { ChatMessage } from "../domain/chat-message.ts";
import type { IncidentChannel } from "../domain/conversation.ts";

export type ChannelChanges = Partial<
  Pick<
    IncidentChannel,
    "channelId" | "channelName" | "mirror" | "summaryTs" | "summaryRevision" | "invited" | "lastError" | "readyAt"
  >
>;

export interface ConversationRepository {
  channelOf(incidentId: string): Promise<IncidentChannel | null>;
  channelById(channelId: string): Promise<IncidentChannel | null>;
  /** Inserts the channel row unless the incident has one; @returns the stored row. */
  insertChannel(channel: IncidentChannel): Promise<IncidentChannel>;
  /** Writes only the given fields: the channel job and people changing the mirroring never overwrite each other. */
  updateChannel(incidentId: string, changes: ChannelChanges): Promise<void>;
  /** Reads a message and holds its lock until the transaction ends (events about it are applied one at a time). */
  lockMessage(channelId: string, ts: string): Promise<ChatMessage | null>;
  saveMessage(message: ChatMessage): Promise<void>;
  messagesOf(incidentId: string): Promise<ChatMessage[]>;
  userName(userId: string): Promise<string | null>;
  saveUserName(userId: string, name: string, at: Date): Promise<void>;
}
