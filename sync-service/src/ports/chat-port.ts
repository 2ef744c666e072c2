// The conversation capability: an incident's chat channel, its pinned summary and announcements.
// Adapters throw IntegrationError (integration-errors.ts): transient for rate limits, access for the bot's
// credentials, rejected when retrying cannot help; anything else is transient (the job backs off).
import { IntegrationError } from "./integration-errors.ts";

export interface ChatChannelRef {
  readonly id: string;
  readonly name: string;
}

/** What the pinned summary message shows; the adapter lays it out in the chat's own format. */
export interface IncidentSummary {
  readonly incidentId: string;
  readonly key: string;
  readonly title: string;
  readonly status: string;
  readonly severity: string;
  readonly ownerName: string | null;
  readonly incidentUrl: string;
  readonly tickets: readonly { readonly key: string; readonly url: string | null; readonly status: string | null }[];
  readonly statusPageUrl: string | null;
  /** The conference bridge people join by, when the incident has one. */
  readonly bridge: { readonly url: string; readonly dialIn?: string } | null;
  readonly postmortemUrl: string | null;
  /** A practice incident: the summary says DRILL, and the status page is never posted to. */
  readonly drill?: boolean;
}

/** A timeline entry posted into the channel so people there see what happened elsewhere. */
export interface Announcement {
  readonly incidentId: string;
  readonly entryId: string;
  readonly text: string;
}

/** Marks a message of ours so it can be found again after a crash (chat-side idempotency). */
export type MessageMarker =
  | { readonly kind: "summary"; readonly incidentId: string }
  | { readonly kind: "announcement"; readonly incidentId: string; readonly entryId: string };

export interface ChatPort {
  readonly configured: boolean;
  /** Creates the channel, or finds it when one with this name exists already (a crash after creating it). */
  openChannel(name: string): Promise<ChatChannelRef>;
  /** Adds people to the channel; people already in it are fine. */
  invite(channelId: string, userIds: readonly string[]): Promise<void>;
  /** The ts of our latest message carrying this marker among the channel's recent messages. */
  findMarked(channelId: string, marker: MessageMarker): Promise<string | null>;
  postSummary(channelId: string, summary: IncidentSummary): Promise<string>;
  updateSummary(channelId: string, ts: string, summary: IncidentSummary): Promise<void>;
  /** Pins the message; already pinned is fine. */
  pin(channelId: string, ts: string): Promise<void>;
  announce(channelId: string, announcement: Announcement): Promise<string>;
  /** The person's display name. */
  userName(userId: string): Promise<string>;
  /** A message only `userId` sees, in `channelId` (a DM or a channel they are in): why a click did nothing. */
  reply(channelId: string, userId: string, text: string): Promise<void>;
  /** Rewrites a page message in place once someone acted on it: `text` says who did what, and its buttons go. */
  markActed(channelId: string, ts: string, text: string): Promise<void>;
}

export const unconfiguredChat: ChatPort = {
  configured: false,
  openChannel: notConfigured,
  invite: notConfigured,
  findMarked: notConfigured,
  postSummary: notConfigured,
  updateSummary: notConfigured,
  pin: notConfigured,
  announce: notConfigured,
  userName: notConfigured,
  reply: notConfigured,
  markActed: notConfigured,
};

// Rejected rather than not_configured: the chat is the deployment's, so nothing waits for it (a person's name
// shows as their id, the channel job stops).
async function notConfigured(): Promise<never> {
  throw new IntegrationError("slack", "rejected", "Chat is not configured: set SLACK_BOT_TOKEN");
}
