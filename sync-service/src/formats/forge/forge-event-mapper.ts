// Forge product events as Forge Remote delivers them to POST /forge/events
// (https://developer.atlassian.com/platform/forge/events-reference/jira/). An issue event carries only a
// few of the issue's fields (summary, issuetype, creator, created, project, reporter, assignee, updated,
// status: no labels, priority or custom fields), so the job reads the whole issue back before rules
// look at it; the event then maps straight to what a Jira admin webhook maps to (IssueDelivery).
import { z } from "zod";
import {
  jiraChangelog,
  jiraComment,
  jiraIssue,
  toTicketEvent,
  type IssueChange,
  type IssueDelivery,
} from "../jira/jira-issue-mapper.ts";

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

const CHANGE: Record<(typeof ISSUE_EVENT_TYPES)[number], IssueChange["change"]> = {
  "avi:jira:created:issue": "created",
  "avi:jira:updated:issue": "updated",
  "avi:jira:deleted:issue": "deleted",
  "avi:jira:commented:issue": "commented",
};

export const forgeIssueEvent = z.looseObject({
  eventType: z.enum(ISSUE_EVENT_TYPES),
  issue: jiraIssue,
  atlassianId: z.string().optional(),
  changelog: jiraChangelog.optional(),
  comment: jiraComment.optional(),
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

/**
 * What the event asks of Firewatch, with the issue as read back from Jira (a deleted issue: the event's own), who
 * acted and when the event arrived. @returns null when what was read back is not an issue
 */
export function fromForgeEvent(
  event: ForgeIssueEvent,
  issue: unknown,
  actor: { accountId: string | null; displayName: string | null },
  at: Date,
  deliveryId: string,
): IssueDelivery | null {
  const whole = jiraIssue.safeParse(issue ?? event.issue);
  if (!whole.success) return null;
  const user = actor.accountId
    ? { accountId: actor.accountId, ...(actor.displayName ? { displayName: actor.displayName } : {}) }
    : undefined;
  const change = CHANGE[event.eventType];
  const { changelog, comment } = event;
  return {
    change,
    issue: whole.data,
    event: toTicketEvent({ change, issue: whole.data, actor: user, at, changelog, comment }, deliveryId),
  };
}
