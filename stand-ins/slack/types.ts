import type { Workspace } from "./workspace.ts";

export interface SlackUser {
  /** U… (or W… on Enterprise Grid). */
  id: string;
  /** The handle, e.g. "alice". */
  name: string;
  realName: string;
  email?: string;
  tz?: string;
  /** A deactivated account: users.info still answers, conversations.open says user_disabled. */
  deleted?: boolean;
  isBot?: boolean;
}

export interface SlackChannel {
  /** D… for a DM, C… for a public or private channel (Slack gives new private channels C ids too). */
  id: string;
  /** For a DM: the person it is with. */
  user: string | null;
  name: string | null;
  created: number;
  isArchived: boolean;
  isPrivate: boolean;
  /** #general: every member of the workspace is in it. */
  isGeneral: boolean;
  /** Who created it (null for seeded channels and DMs). */
  creator: string | null;
  /** User ids in the conversation, the bot's included when it is a member. */
  members: Set<string>;
}

/** Message metadata, https://docs.slack.dev/messaging/message-metadata */
export interface MessageMetadata {
  event_type: string;
  event_payload: Record<string, unknown>;
}

/**
 * One message as the workspace stores it, whoever posted it. The bot's messages carry botId/appId and
 * user = the bot user, like a person's messages carry their user id.
 */
export interface StoredMessage {
  channel: string;
  ts: string;
  user: string;
  botId: string | null;
  appId: string | null;
  /** null when the message was posted with blocks only (Slack then shows text ""). */
  text: string | null;
  blocks: unknown[] | null;
  /** For a thread reply: the parent's ts. */
  threadTs: string | null;
  metadata: MessageMetadata | null;
  edited: { user: string; ts: string } | null;
  pin: { by: string; created: number } | null;
  reactions: { name: string; users: string[] }[];
  deleted: boolean;
  /** Posted through chat.postMessage (as opposed to a person acting in Slack). */
  viaApi: boolean;
  postedAt: number;
}

/** What chat.postMessage stored. `user` is the person the DM was opened for (null outside DMs). */
export interface PostedMessage {
  channel: string;
  user: string | null;
  text: string | null;
  blocks: unknown[] | null;
  metadata: MessageMetadata | null;
  ts: string;
  postedAt: number;
}

/** A chat.postEphemeral message: seen by `user` alone, never in the channel's history. */
export interface EphemeralMessage {
  channel: string;
  user: string;
  /** The message_ts chat.postEphemeral answered. */
  ts: string;
  text: string | null;
  blocks: unknown[] | null;
  threadTs: string | null;
  postedAt: number;
}

/** A message as channelMessages() shows it to tests. */
export interface MessageView {
  ts: string;
  user: string;
  botId: string | null;
  text: string | null;
  blocks: unknown[] | null;
  threadTs: string | null;
  replyCount: number;
  edited: { user: string; ts: string } | null;
  pinned: boolean;
  reactions: { name: string; users: string[]; count: number }[];
  deleted: boolean;
  metadata: MessageMetadata | null;
}

export interface LoggedRequest {
  seq: number;
  /** The Slack method from /api/<method>. */
  method: string;
  httpMethod: string;
  contentType: string | null;
  /** Arguments from the query and the body; `token` is redacted. Form-encoded `blocks` stay JSON strings. */
  args: Record<string, unknown>;
  /** How the token came: the Authorization header, a `token` form argument, or not at all. */
  auth: "bearer" | "form" | "none";
  receivedAt: number;
  fault?: string;
  /** The HTTP status, or "hung". */
  outcome?: number | "hung";
  /** Slack's `error` when the answer was ok:false. */
  error?: string;
}

export interface UnexpectedRequest {
  method: string;
  reason: string;
  receivedAt: number;
}

/** A method answer before serialisation; HTTP is 200 unless `status` says otherwise. */
export interface MethodResult {
  status?: number;
  headers?: Record<string, string>;
  body: Record<string, unknown>;
}

export interface MethodContext {
  ws: Workspace;
  args: Readonly<Record<string, unknown>>;
  now: number;
  recordUnexpected(reason: string): void;
  /** Hands an inner event about `channel` to the Events API side (delivered after the method answers). */
  publish(channel: SlackChannel, event: Record<string, unknown>): void;
}

export interface MethodDef {
  /** Arguments the emulator understands besides `token`; any other is recorded as unexpected. */
  args: readonly string[];
  handler(ctx: MethodContext): Record<string, unknown>;
}

export class SlackMethodError extends Error {
  constructor(
    readonly error: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(error);
  }
}
