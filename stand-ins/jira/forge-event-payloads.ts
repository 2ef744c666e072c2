// Forge product events in Jira's shape (https://developer.atlassian.com/platform/forge/events-reference/jira/):
// `eventType`, the `issue` with only a few fields (summary, issuetype, creator, created, project, reporter,
// assignee, updated, status), `atlassianId` of the user who acted, `associatedUsers`, the `changelog` of
// an update and the `comment` of a comment event. Users are bare `{ accountId }`; rich text is ADF.
import { issueFields, type RepCtx } from "./represent.ts";
import type { JiraEvent } from "./types.ts";

const FORGE_ISSUE_FIELDS = new Set([
  "summary",
  "issuetype",
  "creator",
  "created",
  "project",
  "reporter",
  "assignee",
  "updated",
  "status",
]);
const USER_FIELDS = ["creator", "reporter", "assignee"];

const EVENT_TYPE: Record<JiraEvent["kind"], string> = {
  created: "avi:jira:created:issue",
  updated: "avi:jira:updated:issue",
  commented: "avi:jira:commented:issue",
  deleted: "avi:jira:deleted:issue",
};

export function forgeEventPayload(ctx: RepCtx, event: JiraEvent): Record<string, unknown> {
  const fields = issueFields(ctx, event.issue, FORGE_ISSUE_FIELDS);
  for (const name of USER_FIELDS) {
    const user = fields[name] as { accountId?: string } | null | undefined;
    if (user) fields[name] = { accountId: user.accountId };
  }
  const payload: Record<string, unknown> = {
    eventType: EVENT_TYPE[event.kind],
    issue: { id: event.issue.id, key: event.issue.key, fields },
    atlassianId: event.actorId,
    associatedUsers: [{ accountId: event.actorId }],
  };
  if (event.kind === "updated") payload.changelog = { id: event.entry.id, items: event.entry.items };
  if (event.kind === "commented") {
    const c = event.comment;
    payload.comment = {
      id: c.id,
      author: { accountId: c.authorId },
      body: c.body,
      created: new Date(c.created).toISOString(),
      updated: new Date(c.updated).toISOString(),
    };
  }
  return payload;
}
