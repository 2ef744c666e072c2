import type { Incident, IncidentStatus } from "./incident.ts";
import { SEVERITIES, type Severity } from "./severity.ts";

/** The three buckets every tracker workflow status falls in; teams rename statuses, never these. */
export const WORK_CATEGORIES = ["todo", "in_progress", "done"] as const;
export type WorkCategory = (typeof WORK_CATEGORIES)[number];

/** An issue as the tracker reports it. */
export interface RemoteIssue {
  readonly id: string;
  readonly key: string;
  readonly projectKey: string;
  readonly summary: string;
  readonly priority: string | null;
  readonly statusName: string;
  readonly statusCategory: WorkCategory;
  /** Display name of the assignee, if any. */
  readonly assignee?: string | null;
  /** `YYYY-MM-DD`, if set. */
  readonly dueDate?: string | null;
}

/** A change made in the tracker, as its webhook or product event reported it. */
export interface TicketEvent {
  readonly kind: "updated" | "commented" | "deleted";
  /** Unique per change, for the timeline entry key. */
  readonly changeId: string;
  readonly issueId: string;
  readonly issueKey: string;
  readonly actorAccountId: string | null;
  readonly actorName: string;
  readonly at: Date;
  /** The issue's status after the change. */
  readonly statusName: string | null;
  readonly statusCategory: WorkCategory | null;
  readonly changes: readonly { field: "status" | "priority" | "assignee"; from: string | null; to: string | null }[];
  readonly comment: { id: string; text: string } | null;
}

export type LinkState = "pending" | "linked" | "dropped";

/** A tracker issue linked to an incident: one Firewatch created, or an existing one linked by key. */
export interface LinkedIssue {
  readonly id: string;
  readonly incidentId: string;
  readonly kind: "created" | "linked";
  readonly isOrigin: boolean;
  readonly state: LinkState;
  /** The tracker's own id, stable when an issue moves project; null until the link job has run. */
  readonly issueId: string | null;
  readonly issueKey: string | null;
  readonly projectKey: string | null;
  readonly issueType: string | null;
  readonly statusName: string | null;
  readonly statusCategory: WorkCategory | null;
  /** The incident revision last written to the issue; older writes are skipped. */
  readonly syncedRevision: number;
  readonly dropReason: string | null;
  /** When a create request for it last went to the tracker; while the issue is not found, that outcome is unknown. */
  readonly createSentAt: Date | null;
  readonly createdAt: Date;
}

/** triggered → todo, acknowledged → in_progress, resolved → done. */
export function categoryFor(status: IncidentStatus): WorkCategory {
  return status === "triggered" ? "todo" : status === "acknowledged" ? "in_progress" : "done";
}

/**
 * What a move of the origin issue into `to` does to the incident, per the service's settings:
 * in_progress acknowledges a triggered incident, done resolves an open one; nothing else.
 */
export function effectOfOriginMove(
  incident: Pick<Incident, "status">,
  to: WorkCategory,
  settings: { originAcknowledges: boolean; originResolves: boolean },
): "acknowledge" | "resolve" | null {
  if (to === "in_progress" && settings.originAcknowledges && incident.status === "triggered") return "acknowledge";
  if (to === "done" && settings.originResolves && incident.status !== "resolved") return "resolve";
  return null;
}

/** The severity whose priority name matches (case-insensitive), for incidents declared from an issue. */
export function severityForPriority(
  priority: string | null,
  priorities: Readonly<Record<Severity, string>>,
): Severity | null {
  if (!priority) return null;
  return SEVERITIES.find((s) => priorities[s].toLowerCase() === priority.toLowerCase()) ?? null;
}

/** Jira issue keys: project key (letters, digits, underscore; starts with a letter), dash, number. */
export const ISSUE_KEY_PATTERN = /^[A-Z][A-Z0-9_]+-[1-9][0-9]*$/;
