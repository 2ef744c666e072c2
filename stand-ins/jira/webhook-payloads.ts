// Webhook bodies in Jira Cloud's shape. Ref: https://developer.atlassian.com/cloud/jira/platform/webhooks/
// (issue-related event example: timestamp, webhookEvent, issue_event_type_name, user, issue, changelog{id,items}, comment).
// Webhook bodies use the REST v2 representation: self URLs under /rest/api/2 and rich text (description, comment
// body) as plain/wiki-markup strings — see test/fixtures/jira/README.md. User objects carry no emailAddress.
import { ALL_FIELDS, commentRep, issueFields, userRep, type RepCtx } from "./represent.ts";
import type { IssueRecord, JiraEvent } from "./types.ts";

export interface WebhookMessage {
  event: string;
  payload: Record<string, unknown>;
}

const WEBHOOK_ISSUE_FIELDS = new Set<string>(ALL_FIELDS.filter((f) => f !== "comment"));
const COMMENT_EVENT_ISSUE_FIELDS = new Set(["summary", "issuetype", "project", "assignee", "priority", "status"]);

function issuePart(ctx: RepCtx, issue: IssueRecord, fields: ReadonlySet<string>) {
  return {
    id: issue.id,
    self: `${ctx.baseUrl}/rest/api/${ctx.api}/issue/${issue.id}`,
    key: issue.key,
    fields: issueFields(ctx, issue, fields),
  };
}

export function webhookMessages(ctx: RepCtx, event: JiraEvent, timestamp: number): WebhookMessage[] {
  const user = userRep(ctx, ctx.state.user(event.actorId));
  const issue = issuePart(ctx, event.issue, WEBHOOK_ISSUE_FIELDS);
  switch (event.kind) {
    case "created":
      return [
        {
          event: "jira:issue_created",
          payload: {
            timestamp,
            webhookEvent: "jira:issue_created",
            issue_event_type_name: "issue_created",
            user,
            issue,
          },
        },
      ];
    case "updated":
      return [
        {
          event: "jira:issue_updated",
          payload: {
            timestamp,
            webhookEvent: "jira:issue_updated",
            issue_event_type_name: event.eventType,
            user,
            issue,
            changelog: { id: event.entry.id, items: event.entry.items },
          },
        },
      ];
    case "commented": {
      const comment = commentRep(ctx, event.issue, event.comment);
      return [
        {
          event: "comment_created",
          payload: {
            timestamp,
            webhookEvent: "comment_created",
            comment,
            issue: issuePart(ctx, event.issue, COMMENT_EVENT_ISSUE_FIELDS),
          },
        },
        {
          event: "jira:issue_updated",
          payload: {
            timestamp,
            webhookEvent: "jira:issue_updated",
            issue_event_type_name: "issue_commented",
            user,
            issue,
            comment,
          },
        },
      ];
    }
    case "deleted":
      return [
        {
          event: "jira:issue_deleted",
          payload: {
            timestamp,
            webhookEvent: "jira:issue_deleted",
            issue_event_type_name: "issue_deleted",
            user,
            issue,
          },
        },
      ];
  }
}
