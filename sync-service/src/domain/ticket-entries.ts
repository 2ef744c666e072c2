import { incidentKey, type Incident } from "./incident.ts";
import type { LinkedIssue } from "./linked-issue.ts";
import type { TimelineEntryType } from "./timeline.ts";
import { changesOf, editData, PAST_TENSE, STATUS_ENTRY_TYPE, type NewTimelineEntry } from "./timeline-entries.ts";

/**
 * The constructors of the entries of Jira's side of an incident: its issues linked, dropped or changed there,
 * and what an issue did to the incident.
 */
export const ticketEntries = {
  /** An incident declared from a Jira issue takes the issue's summary and priority once the issue is read. */
  adoptedIssue(from: Incident, next: Incident, issueKey: string): NewTimelineEntry {
    return {
      incidentId: next.id,
      type: "incident.updated",
      source: "firewatch",
      sourceId: `revision:${next.revision}`,
      occurredAt: next.updatedAt,
      author: null,
      body: `${incidentKey(next)} took ${changesOf(from, next, null).join(", ")} from ${issueKey}`,
      data: { ...editData(from, next), issueKey },
    };
  },

  /** The origin issue moved in Jira, which acknowledged or resolved the incident. */
  statusChangedByOrigin(next: Incident, move: OriginMove): NewTimelineEntry {
    return {
      incidentId: next.id,
      type: STATUS_ENTRY_TYPE[next.status],
      source: "jira",
      sourceId: `${move.changeId}:incident`,
      occurredAt: move.at,
      author: move.actorName,
      body: `${move.actorName} moved origin issue ${move.issueKey} to ${move.statusName}, which ${PAST_TENSE[next.status]} the incident`,
      data: { issueKey: move.issueKey, status: move.statusName },
    };
  },

  /** A change someone made to a linked issue in Jira (status, priority, assignee) or a comment they left on it. */
  changed(incidentId: string, event: TicketChange, change: TicketFieldChange | null): NewTimelineEntry {
    const base = {
      incidentId,
      source: "jira" as const,
      occurredAt: event.at,
      author: event.actorName,
    };
    const issue = { issueKey: event.issueKey, issueId: event.issueId };
    if (!change)
      return {
        ...base,
        type: "ticket.comment",
        sourceId: `comment:${event.comment!.id}`,
        body: event.comment!.text,
        data: { ...issue, commentId: event.comment!.id },
      };
    return {
      ...base,
      type: TICKET_ENTRY_TYPE[change.field],
      sourceId: `${event.changeId}:${change.field}`,
      body: `${event.issueKey} ${change.field}: ${change.from ?? "none"} → ${change.to ?? "none"}`,
      data: { ...issue, field: change.field, from: change.from, to: change.to },
    };
  },

  linked(link: LinkedIssue, issue: { id: string; key: string; summary: string }, at: Date): NewTimelineEntry {
    const verb = link.kind === "created" ? "Created" : "Linked";
    return {
      incidentId: link.incidentId,
      type: "ticket.linked",
      source: "firewatch",
      sourceId: `link:${link.id}`,
      occurredAt: at,
      author: null,
      body: `${verb} Jira issue ${issue.key}${link.isOrigin ? " (origin)" : ""}: ${issue.summary}`,
      data: { linkId: link.id, issueId: issue.id, issueKey: issue.key },
    };
  },

  /** A link that could not be made (`ticket.link_failed`) or that Jira took away (`ticket.dropped`). */
  dropped(
    link: LinkedIssue,
    reason: string,
    type: "ticket.link_failed" | "ticket.dropped",
    at: Date,
  ): NewTimelineEntry {
    return {
      incidentId: link.incidentId,
      type,
      source: "firewatch",
      sourceId: `drop:${link.id}`,
      occurredAt: at,
      author: null,
      body:
        type === "ticket.dropped"
          ? `Unlinked ${link.issueKey}: ${reason}`
          : `Could not link ${link.issueKey ?? "a Jira issue"}: ${reason}`,
      data: { linkId: link.id, issueId: link.issueId, reason },
    };
  },
};

export interface TicketFieldChange {
  readonly field: "status" | "priority" | "assignee";
  readonly from: string | null;
  readonly to: string | null;
}

/** A change made in Jira, as the timeline needs it. */
export interface TicketChange {
  readonly changeId: string;
  readonly issueId: string;
  readonly issueKey: string;
  readonly actorName: string;
  readonly at: Date;
  readonly comment: { readonly id: string; readonly text: string } | null;
}

const TICKET_ENTRY_TYPE: Record<TicketFieldChange["field"], TimelineEntryType> = {
  status: "ticket.status_changed",
  priority: "ticket.priority_changed",
  assignee: "ticket.assignee_changed",
};

export interface OriginMove {
  readonly changeId: string;
  readonly issueKey: string;
  readonly statusName: string | null;
  readonly actorName: string;
  readonly at: Date;
}
