// Forge product events as Forge Remote delivers them to POST /forge/events
// (https://developer.atlassian.com/platform/forge/events-reference/jira/). An issue event carries only a
// few of the issue's fields (summary, issuetype, creator, created, project, reporter, assignee, updated,
// status: no labels, priority or custom fields), so the job reads the whole issue back before rules
// look at it, and then handles it exactly as it handles a Jira admin webhook.
import { z } from "zod";
import type { JiraWebhookPayload } from "../jira/jira-webhook-mapper.ts";

export const ISSUE_EVENT_TYPES = [
  "avi:jira:created:issue",
  "avi:jira:updated:issue",
  "avi:jira:deleted:issue",
  "avi:jira:commented:issue",
] as const;
export const LIFECYCLE_EVENT_TYPES = [
  "avi:forge:installed:app",
  "avi:forge:upgraded:app",
  "avi:forge:uninstalled:app",
] as const;

const WEBHOOK_EVENT: Record<(typeof ISSUE_EVENT_TYPES)[number], string> = {
  "avi:jira:created:issue": "jira:issue_created",
  "avi:jira:updated:issue": "jira:issue_updated",
  "avi:jira:deleted:issue": "jira:issue_deleted",
  "avi:jira:commented:issue": "comment_created",
};

const id = z.union([z.string().min(1), z.number()]).transform(String);

export const forgeIssueEvent = z.looseObject({
  eventType: z.enum(ISSUE_EVENT_TYPES),
  issue: z.looseObject({ id, key: z.string().min(1), fields: z.looseObject({}).optional() }),
  atlassianId: z.string().optional(),
  changelog: z
    .looseObject({ id: id.optional(), items: z.array(z.looseObject({ field: z.string() })).default([]) })
    .optional(),
  comment: z
    .looseObject({
      id,
      author: z.looseObject({ accountId: z.string().optional() }).optional(),
      body: z.unknown().optional(),
    })
    .optional(),
});

export type ForgeIssueEvent = z.infer<typeof forgeIssueEvent>;

/**
 * The key an event is recorded under. Forge retries a delivery up to four times
 * (https://developer.atlassian.com/platform/forge/forge-remote-invocation-contract), with the same
 * change or comment id each time, so a retry finds the first delivery and changes nothing.
 */
export function forgeDeliveryKey(cloudId: string, event: ForgeIssueEvent): string {
  const change = event.changelog?.id ?? event.comment?.id ?? "";
  return `${cloudId}:${event.eventType}:${event.issue.id}:${change}`;
}

/** Who made the change, by account id: the commenter of a comment, else the event's user. */
export function actorOf(event: ForgeIssueEvent): string | null {
  return (
    (event.eventType === "avi:jira:commented:issue" ? event.comment?.author?.accountId : undefined) ??
    event.atlassianId ??
    null
  );
}

/** The event as a Jira admin webhook would have told it, with the issue as read back from Jira. */
export function toWebhookPayload(
  event: ForgeIssueEvent,
  issue: unknown,
  actor: { accountId: string | null; displayName: string | null },
  at: Date,
): JiraWebhookPayload {
  const user = actor.accountId
    ? { accountId: actor.accountId, ...(actor.displayName ? { displayName: actor.displayName } : {}) }
    : undefined;
  const whole = (issue ?? event.issue) as JiraWebhookPayload["issue"];
  return {
    webhookEvent: WEBHOOK_EVENT[event.eventType],
    timestamp: at.getTime(),
    ...(user ? { user } : {}),
    issue: { ...whole, id: String(whole.id), key: String(whole.key) },
    ...(event.changelog ? { changelog: event.changelog as JiraWebhookPayload["changelog"] } : {}),
    ...(event.comment ? { comment: { ...event.comment, ...(user ? { author: user } : {}) } } : {}),
  };
}
