// Shared types of the Jira Cloud emulator. Internal records are kept small and flat; the Jira-shaped JSON is built
// from them in represent.ts (REST v3) and webhook-payloads.ts (webhook bodies).

export type AdfDoc = { type: "doc"; version: number; content: Record<string, unknown>[] };

export interface JiraUser {
  accountId: string;
  displayName: string;
  emailAddress: string;
  timeZone: string;
}

export type StatusCategoryKey = "new" | "indeterminate" | "done";

export interface StatusDef {
  id: string;
  name: string;
  description: string;
  category: StatusCategoryKey;
}

export interface ProjectDef {
  id: string;
  key: string;
  name: string;
  leadAccountId: string;
  /** Status ids of this project's workflow, initial status first. */
  workflow: string[];
  /**
   * How its screens differ from the default: `offScreen` fields are on neither the create nor the edit screen (Jira
   * refuses them with "cannot be set"); `resolutionScreen` puts a screen with a required Resolution on every
   * transition into a done status (the classic "Resolve Issue" / JSM workflows), listing `resolutionIds` in order.
   */
  screens?: { offScreen?: string[]; resolutionScreen?: boolean; resolutionIds?: string[] };
}

export interface IssueTypeDef {
  id: string;
  name: string;
  description: string;
}

export interface PriorityDef {
  id: string;
  name: string;
  description: string;
  statusColor: string;
  isDefault: boolean;
}

export interface LinkTypeDef {
  id: string;
  name: string;
  inward: string;
  outward: string;
}

export interface CommentRecord {
  id: string;
  authorId: string;
  body: AdfDoc;
  created: number;
  updated: number;
  properties: Record<string, unknown>;
  visibility?: { type: string; value: string };
}

/** One entry of an issue's history, in Jira's changelog item shape. */
export interface ChangeItem {
  field: string;
  fieldtype: "jira" | "custom";
  fieldId: string;
  from: string | null;
  fromString: string | null;
  to: string | null;
  toString: string | null;
}

export interface ChangelogEntry {
  id: string;
  authorId: string;
  created: number;
  items: ChangeItem[];
}

export interface IssueLinkRecord {
  id: string;
  typeId: string;
  /** The other issue's id, and which side of the link it is on. */
  otherIssueId: string;
  direction: "inward" | "outward";
}

/** A remote issue link ("web link"): a URL shown on the issue, optionally keyed by a caller-chosen globalId. */
export interface RemoteLinkRecord {
  id: number;
  globalId: string | null;
  application: { type?: string; name?: string } | null;
  relationship: string | null;
  object: RemoteObject;
}

export interface RemoteIcon {
  url16x16?: string;
  title?: string;
  link?: string;
}

export interface RemoteObject {
  url: string;
  title: string;
  summary?: string;
  icon?: RemoteIcon;
  status?: { resolved?: boolean; icon?: RemoteIcon };
}

export interface IssueRecord {
  id: string;
  key: string;
  projectId: string;
  issueTypeId: string;
  summary: string;
  description: AdfDoc | null;
  statusId: string;
  priorityId: string;
  labels: string[];
  assigneeId: string | null;
  /** The system Due date field: a calendar date, YYYY-MM-DD. */
  dueDate: string | null;
  reporterId: string;
  creatorId: string;
  created: number;
  updated: number;
  resolved: number | null;
  /** The resolution set on entering a done status (Done unless the transition's screen chose another). */
  resolutionId?: string;
  comments: CommentRecord[];
  properties: Record<string, unknown>;
  changelog: ChangelogEntry[];
  links: IssueLinkRecord[];
  remoteLinks: RemoteLinkRecord[];
}

/** What happened, for webhooks: produced by every state change. */
export type JiraEvent =
  | { kind: "created"; issue: IssueRecord; actorId: string }
  | { kind: "updated"; issue: IssueRecord; actorId: string; entry: ChangelogEntry; eventType: string }
  | { kind: "commented"; issue: IssueRecord; actorId: string; comment: CommentRecord }
  | { kind: "deleted"; issue: IssueRecord; actorId: string };

export interface LoggedRequest {
  seq: number;
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  body: unknown;
  /** Email of the Basic-auth user the request presented, whether or not it was accepted. */
  authUser: string | null;
  /** Came through the Forge app gateway (`/ex/jira/<cloudId>/…`, Bearer token); `path` is the part after it. */
  gateway?: boolean;
  receivedAt: number;
  /** Status sent, "dropped" for afterCommit, "hung" for hang; undefined while in flight. */
  outcome?: number | "dropped" | "hung";
  fault?: string;
}

export interface UnexpectedRequest {
  method: string;
  path: string;
  reason: string;
  receivedAt: number;
}

export type JiraErrorBody = { errorMessages: string[]; errors: Record<string, string> };

export class JiraHttpError extends Error {
  constructor(
    readonly status: number,
    readonly body: JiraErrorBody,
  ) {
    super(body.errorMessages[0] ?? Object.values(body.errors)[0] ?? `HTTP ${status}`);
  }
}

export function jiraError(status: number, errorMessages: string[], errors: Record<string, string> = {}): JiraHttpError {
  return new JiraHttpError(status, { errorMessages, errors });
}

export const ISSUE_NOT_FOUND = "Issue does not exist or you do not have permission to see it.";
