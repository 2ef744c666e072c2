/** Where a timeline entry came from; with `sourceId` it identifies the entry, so re-syncs update in place. */
export type TimelineSource = "firewatch" | "events-v2" | "alertmanager" | "email" | "jira" | "slack" | "statuspage";

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
  | "ticket.field_omitted"
  | "escalation.level"
  | "page.sent"
  | "page.failed"
  | "chat.channel_created"
  | "chat.message"
  | "status.posted"
  | "status.update"
  | "status.component_changed"
  | "postmortem.published"
  | "postmortem.status_changed"
  | "action_item.created"
  | "action_item.updated"
  | "action_item.reminded"
  | "subscriber.added"
  | "subscriber.removed"
  | "status_update.posted"
  | "play.ran"
  | "play.channel_post"
  | "bridge.set"
  | "call.ringing"
  | "call.missed"
  | "call.answered"
  | "call.voicemail"
  | "call.unreachable"
  | "call.ended";

export const TIMELINE_SOURCES: readonly TimelineSource[] = [
  "firewatch",
  "events-v2",
  "alertmanager",
  "email",
  "jira",
  "slack",
  "statuspage",
];

/** An earlier version of an entry's body, kept when a person edits it. */
export interface TimelineEdit {
  readonly body: string;
  /** ISO 8601. */
  readonly editedAt: string;
  readonly editedBy: string;
}

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
  /** Earlier bodies, oldest first; written when given, kept as stored otherwise. */
  readonly edits?: readonly TimelineEdit[];
  /** Set by people; kept as stored when not given. */
  readonly keyMoment?: boolean;
}

/** A stored entry: everything a reader sees. */
export interface StoredTimelineEntry extends TimelineEntry {
  readonly edits: readonly TimelineEdit[];
  readonly keyMoment: boolean;
  /** Insertion order, for stable paging. */
  readonly seq: bigint;
}

/** Entry types people may rewrite (with history kept); everything else is a record of what a system saw. */
export function isEditableByPeople(entry: Pick<TimelineEntry, "type" | "source">): boolean {
  return entry.type === "note" && entry.source === "firewatch";
}
