/** Where a timeline entry came from; with `sourceId` it identifies the entry, so re-syncs update in place. */
export type TimelineSource = "firewatch" | "events-v2" | "alertmanager" | "jira" | "slack" | "statuspage";

export type TimelineEntryType =
  | "incident.triggered"
  | "incident.acknowledged"
  | "incident.resolved"
  | "incident.updated"
  | "note"
  | "alert.triggered"
  | "alert.deduplicated"
  | "alert.acknowledged"
  | "alert.resolved"
  | "ticket.linked"
  | "ticket.link_failed"
  | "ticket.dropped"
  | "ticket.status_changed"
  | "ticket.priority_changed"
  | "ticket.assignee_changed"
  | "ticket.comment"
  | "escalation.level"
  | "page.sent"
  | "page.failed";

export interface TimelineEntry {
  readonly id: string;
  readonly incidentId: string;
  readonly type: TimelineEntryType;
  readonly source: TimelineSource;
  readonly sourceId: string;
  readonly occurredAt: Date;
  readonly author: string | null;
  readonly body: string;
  readonly data: Record<string, unknown>;
}
