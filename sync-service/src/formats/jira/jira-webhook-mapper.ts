// Jira webhook payloads → TicketEvent. Payload shapes:
// https://developer.atlassian.com/cloud/jira/platform/webhooks/#example-callback-for-an-issue-related-event
// (fixtures with provenance in test/fixtures/jira/).
import { z } from "zod";
import type { TicketEvent } from "../../domain/linked-issue.ts";
import {
  jiraChangelog,
  jiraComment,
  jiraIssue,
  jiraUser,
  toTicketEvent as ticketEventOf,
  type IssueChange,
  type IssueDelivery,
} from "./jira-issue-mapper.ts";

export const jiraWebhookPayload = z.looseObject({
  webhookEvent: z.string().min(1),
  timestamp: z.number().optional(),
  user: jiraUser.optional(),
  issue: jiraIssue,
  changelog: jiraChangelog.optional(),
  comment: jiraComment.optional(),
});

export type JiraWebhookPayload = z.infer<typeof jiraWebhookPayload>;

const CHANGE: Record<string, IssueChange["change"]> = {
  "jira:issue_created": "created",
  "jira:issue_updated": "updated",
  "jira:issue_deleted": "deleted",
  comment_created: "commented",
};

function changeOf(payload: JiraWebhookPayload): IssueChange {
  const change = CHANGE[payload.webhookEvent] ?? null;
  return {
    change,
    issue: payload.issue,
    actor: change === "commented" ? (payload.comment?.author ?? payload.user) : payload.user,
    at: new Date(payload.timestamp ?? Date.now()),
    changelog: payload.changelog,
    comment: payload.comment,
  };
}

/** @returns null for events Firewatch does not act on (e.g. issue_created, which JQL rules will use) */
export function toTicketEvent(payload: JiraWebhookPayload, deliveryId: string): TicketEvent | null {
  return ticketEventOf(changeOf(payload), deliveryId);
}

/** What the webhook asks of Firewatch: the rules, the timeline, action items. */
export function fromJiraWebhook(payload: JiraWebhookPayload, deliveryId: string): IssueDelivery {
  const change = changeOf(payload);
  return { change: change.change, issue: payload.issue, event: ticketEventOf(change, deliveryId) };
}
