// Action items: each becomes a Jira issue in the service's backlog, due by a per-severity SLA, and is
// tracked until its issue reaches the Done status category.
import { InvalidInputDomainError } from "../errors.ts";
import type { WorkCategory } from "../linked-issue.ts";
import type { Severity } from "../severity.ts";
import { DAY_MS } from "../clock.ts";

export interface ActionItem {
  readonly id: string;
  readonly incidentId: string;
  readonly title: string;
  readonly description: string;
  readonly required: boolean;
  /** `YYYY-MM-DD`, as Jira's due date. */
  readonly dueDate: string;
  /** pending until its Jira issue exists; failed when the tracker refused it for good. */
  readonly state: "pending" | "linked" | "failed";
  readonly issueId: string | null;
  readonly issueKey: string | null;
  readonly statusName: string | null;
  readonly statusCategory: WorkCategory | null;
  readonly assignee: string | null;
  readonly error: string | null;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly doneAt: Date | null;
  /** The UTC date (`YYYY-MM-DD`) its owner was last reminded of it being overdue (or found unreachable). */
  readonly remindedOn: string | null;
  /** When a create request for its issue last went to the tracker; while the issue is not found, that outcome is unknown. */
  readonly createSentAt: Date | null;
}

/** Days to finish an action item, by the incident's severity (SEV1 items are the most urgent). */
export type ActionItemSla = Readonly<Record<Severity, number>>;
export const DEFAULT_ACTION_ITEM_SLA: ActionItemSla = { SEV1: 14, SEV2: 30, SEV3: 60, SEV4: 90 };

/** The due date `days` after `from`, as a UTC calendar date. */
export function dueDateAfter(from: Date, days: number): string {
  return new Date(from.getTime() + days * DAY_MS).toISOString().slice(0, 10);
}

export const isDone = (item: Pick<ActionItem, "statusCategory">) => item.statusCategory === "done";

/** Not done and past its due date (compared as calendar dates in UTC). */
export function isOverdue(item: Pick<ActionItem, "statusCategory" | "dueDate">, now: Date): boolean {
  return !isDone(item) && item.dueDate < now.toISOString().slice(0, 10);
}

/** The UTC calendar date of `now`, as `YYYY-MM-DD`. */
export const utcDate = (now: Date): string => now.toISOString().slice(0, 10);

/** Whole days from the due date to today (UTC); 1 the day after it was due. */
export function daysOverdue(item: Pick<ActionItem, "dueDate">, now: Date): number {
  return Math.round((Date.parse(utcDate(now)) - Date.parse(item.dueDate)) / DAY_MS);
}

/** Its issue exists and is open, it is overdue, and its owner was not reminded today: at most one reminder a day. */
export function needsReminder(
  item: Pick<ActionItem, "state" | "statusCategory" | "dueDate" | "remindedOn">,
  now: Date,
): boolean {
  return item.state === "linked" && isOverdue(item, now) && item.remindedOn !== utcDate(now);
}

/** @throws InvalidInputDomainError for a blank or overlong title or a malformed due date */
export function newActionItem(
  input: {
    id: string;
    incidentId: string;
    title: string;
    description?: string;
    required?: boolean;
    dueDate?: string;
    createdBy: string;
  },
  severity: Severity,
  sla: ActionItemSla,
  now: Date,
): ActionItem {
  const title = input.title.trim();
  if (!title || title.length > 255)
    throw new InvalidInputDomainError(
      "ACTION_ITEM.INVALID_TITLE",
      "An action item needs a title of 1 to 255 characters (it becomes the Jira summary).",
    );
  if (input.dueDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(input.dueDate)) {
    throw new InvalidInputDomainError("ACTION_ITEM.INVALID_DUE_DATE", "`dueDate` is a calendar date like 2026-12-31.");
  }
  return {
    id: input.id,
    incidentId: input.incidentId,
    title,
    description: input.description?.trim() ?? "",
    required: input.required ?? true,
    dueDate: input.dueDate ?? dueDateAfter(now, sla[severity]),
    state: "pending",
    issueId: null,
    issueKey: null,
    statusName: null,
    statusCategory: null,
    assignee: null,
    error: null,
    createdBy: input.createdBy,
    createdAt: now,
    updatedAt: now,
    doneAt: null,
    remindedOn: null,
    createSentAt: null,
  };
}
