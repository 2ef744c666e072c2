// Jira Cloud REST v3 issues (as reads, webhooks and Forge product events carry them) → Firewatch's ticket vocabulary.
// Status categories: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflow-status-categories/
// (keys "new", "indeterminate", "done"; teams rename statuses, never categories).
import { z } from "zod";
import type { RemoteIssue, TicketEvent, WorkCategory } from "../../domain/linked-issue.ts";
import { plainText } from "../adf/issue-adf.ts";

const CATEGORY_OF_KEY: Record<string, WorkCategory> = { new: "todo", indeterminate: "in_progress", done: "done" };
export const KEY_OF_CATEGORY: Record<WorkCategory, string> = {
  todo: "new",
  in_progress: "indeterminate",
  done: "done",
};

export function categoryOfKey(key: string | undefined): WorkCategory {
  return CATEGORY_OF_KEY[key ?? ""] ?? "todo";
}

// An empty string names nothing; Jira's ids are numbers or numeric strings.
const id = z.union([z.string().min(1), z.number()]).transform(String);

/** An issue as Jira's REST answers, webhooks and Forge product events carry it. */
export const jiraIssue = z.looseObject({ id, key: z.string().min(1), fields: z.looseObject({}).optional() });
export type JiraIssue = z.infer<typeof jiraIssue>;

export const jiraUser = z.looseObject({ accountId: z.string().optional(), displayName: z.string().optional() });

/** The changelog of an update: the fields it changed, from and to (as Jira displays them). */
export const jiraChangelog = z.looseObject({
  id: id.optional(),
  items: z
    .array(z.looseObject({ field: z.string(), fromString: z.string().nullish(), toString: z.string().nullish() }))
    .default([]),
});

export const jiraComment = z.looseObject({ id, author: jiraUser.optional(), body: z.unknown().optional() });

export function toRemoteIssue(issue: { id?: string; key?: string; fields?: Record<string, any> }): RemoteIssue {
  const f = issue.fields ?? {};
  return {
    id: String(issue.id),
    key: String(issue.key),
    projectKey: f.project?.key ?? String(issue.key).split("-")[0],
    summary: f.summary ?? "",
    priority: f.priority?.name ?? null,
    statusName: f.status?.name ?? "",
    statusCategory: categoryOfKey(f.status?.statusCategory?.key),
    assignee: f.assignee?.displayName ?? null,
    dueDate: typeof f.duedate === "string" ? f.duedate : null,
  };
}

/** What a delivery about one issue asks of Firewatch, whether a Jira webhook or a Forge product event brought it. */
export interface IssueDelivery {
  /** created, updated and deleted issues go through the JQL rules; null: an event Firewatch does not act on. */
  readonly change: "created" | "updated" | "deleted" | "commented" | null;
  /** The issue as Jira has it after the change (for the rules, and for action items after an update). */
  readonly issue: JiraIssue;
  /** The change for the timeline of linked incidents. */
  readonly event: TicketEvent | null;
}

/** One change to an issue as Jira's webhooks and Forge's product events both tell it. */
export interface IssueChange {
  readonly change: IssueDelivery["change"];
  readonly issue: JiraIssue;
  readonly actor: z.infer<typeof jiraUser> | undefined;
  readonly at: Date;
  readonly changelog: z.infer<typeof jiraChangelog> | undefined;
  readonly comment: z.infer<typeof jiraComment> | undefined;
}

const TRACKED = new Set(["status", "priority", "assignee"]);

/**
 * The change as the domain's TicketEvent; `deliveryId` keys a change that has no changelog id.
 * @returns null for a created issue (JQL rules use it) and for an update of fields the timeline does not follow
 */
export function toTicketEvent(
  { change, issue, actor, at, changelog, comment }: IssueChange,
  deliveryId: string,
): TicketEvent | null {
  if (change !== "updated" && change !== "commented" && change !== "deleted") return null;
  const fields = (issue.fields ?? {}) as Record<string, any>;
  const changes = (changelog?.items ?? [])
    .filter((item) => TRACKED.has(item.field))
    .map((item) => ({
      field: item.field as "status" | "priority" | "assignee",
      from: item.fromString ?? null,
      to: item.toString ?? null,
    }));
  if (change === "updated" && changes.length === 0) return null;
  return {
    kind: change,
    changeId: changelog?.id ? `changelog:${changelog.id}` : `delivery:${deliveryId}`,
    issueId: issue.id,
    issueKey: issue.key,
    actorAccountId: actor?.accountId ?? null,
    actorName: actor?.displayName ?? "someone in Jira",
    at,
    statusName: fields.status?.name ?? null,
    statusCategory: fields.status ? categoryOfKey(fields.status.statusCategory?.key) : null,
    changes,
    comment: change === "commented" && comment ? { id: comment.id, text: plainText(comment.body) } : null,
  };
}
