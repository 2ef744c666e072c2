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
  /** D… for a DM, C… for a public channel. */
  id: string;
  /** For a DM: the person it is with. */
  user: string | null;
  name: string | null;
  created: number;
  isArchived: boolean;
}

/** What chat.postMessage stored. `user` is the person the DM was opened for (null outside DMs). */
export interface PostedMessage {
  channel: string;
  user: string | null;
  text: string | null;
  blocks: unknown[] | null;
  ts: string;
  postedAt: number;
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

export class SlackMethodError extends Error {
  constructor(
    readonly error: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(error);
  }
}
