import type { AlertEvent } from "./alert.ts";
import { incidentKey, type Incident } from "./incident.ts";
import type { LinkedIssue } from "./linked-issue.ts";
import type { TimelineEntry, TimelineEntryType } from "./timeline.ts";

/** An entry before it is stored: the fan-out gives it an id unless it names its own (a note's id is its key). */
export type NewTimelineEntry = Omit<TimelineEntry, "id"> & { readonly id?: string };

/** Who did it, as the timeline shows them. */
export interface Actor {
  readonly name: string;
}

type Status = Incident["status"];
const PAST: Record<Status, string> = { triggered: "triggered", acknowledged: "acknowledged", resolved: "resolved" };
const TYPE_OF: Record<Status, TimelineEntryType> = {
  triggered: "incident.triggered",
  acknowledged: "incident.acknowledged",
  resolved: "incident.resolved",
};

/** The constructors of every entry an incident change records; use cases never build entries by hand. */
export const timelineEntries = {
  declared(incident: Incident, by: Actor, fromIssueKey: string | null): NewTimelineEntry {
    return {
      ...byPerson(incident, by, incident.createdAt),
      type: "incident.triggered",
      body: `${by.name} declared ${incidentKey(incident)}: ${incident.title}`,
      data: { severity: incident.severity, serviceId: incident.serviceId, fromIssueKey },
    };
  },

  /** Acknowledged or resolved by a person. */
  statusChanged(from: Incident, next: Incident, by: Actor): NewTimelineEntry {
    return {
      ...byPerson(next, by, next.updatedAt),
      type: TYPE_OF[next.status],
      body: `${by.name} ${PAST[next.status]} ${incidentKey(next)}`,
      data: { from: from.status, to: next.status },
    };
  },

  edited(from: Incident, next: Incident, by: Actor, ownerName: string | null): NewTimelineEntry {
    return {
      ...byPerson(next, by, next.updatedAt),
      type: "incident.updated",
      body: `${by.name} changed ${changesOf(from, next, ownerName).join(", ")} of ${incidentKey(next)}`,
      data: editData(from, next),
    };
  },

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

  note(incidentId: string, id: string, by: Actor & { userId: string }, text: string, via: string, at: Date) {
    return {
      id,
      incidentId,
      type: "note",
      source: "firewatch",
      sourceId: `note:${id}`,
      occurredAt: at,
      author: by.name,
      body: text,
      data: { userId: by.userId, via },
    } satisfies NewTimelineEntry;
  },

  /** What a monitoring event did, keyed by the event so a redelivery is one entry. */
  alert(incidentId: string, event: AlertEvent, type: TimelineEntryType, body: string): NewTimelineEntry {
    return {
      incidentId,
      type,
      source: event.origin,
      sourceId: event.eventId,
      occurredAt: event.occurredAt,
      author: event.source || null,
      body,
      data: { dedupKey: event.dedupKey, action: event.action, severity: event.severity, details: event.details },
    };
  },

  triggeredByAlert(incident: Incident, event: AlertEvent): NewTimelineEntry {
    const body = `${incidentKey(incident)} triggered by ${event.source}: ${event.summary}`;
    return timelineEntries.alert(incident.id, event, "incident.triggered", body);
  },

  statusChangedByAlert(next: Incident, event: AlertEvent): NewTimelineEntry {
    const body = `${incidentKey(next)} ${PAST[next.status]} by ${event.source}`;
    return timelineEntries.alert(next.id, event, TYPE_OF[next.status], body);
  },

  /** The origin issue moved in Jira, which acknowledged or resolved the incident. */
  statusChangedByOrigin(next: Incident, move: OriginMove): NewTimelineEntry {
    return {
      incidentId: next.id,
      type: TYPE_OF[next.status],
      source: "jira",
      sourceId: `${move.changeId}:incident`,
      occurredAt: move.at,
      author: move.actorName,
      body: `${move.actorName} moved origin issue ${move.issueKey} to ${move.statusName}, which ${PAST[next.status]} the incident`,
      data: { issueKey: move.issueKey, status: move.statusName },
    };
  },

  /** A change someone made to a linked issue in Jira (status, priority, assignee) or a comment they left on it. */
  ticketChanged(incidentId: string, event: TicketChange, change: TicketFieldChange | null): NewTimelineEntry {
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

  ticketLinked(link: LinkedIssue, issue: { id: string; key: string; summary: string }, at: Date): NewTimelineEntry {
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
  ticketDropped(
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

function byPerson(incident: Incident, by: Actor, at: Date) {
  return {
    incidentId: incident.id,
    source: "firewatch" as const,
    sourceId: `revision:${incident.revision}`,
    occurredAt: at,
    author: by.name,
  };
}

function changesOf(from: Incident, next: Incident, ownerName: string | null): string[] {
  return [
    next.title !== from.title && `title to "${next.title}"`,
    next.severity !== from.severity && `severity ${from.severity} → ${next.severity}`,
    next.description !== from.description && "the description",
    next.ownerId !== from.ownerId && (ownerName ? `the owner to ${ownerName}` : "the owner to nobody"),
  ].filter((c): c is string => Boolean(c));
}

function editData(from: Incident, next: Incident) {
  return {
    from: { title: from.title, severity: from.severity, ownerId: from.ownerId },
    to: { title: next.title, severity: next.severity, ownerId: next.ownerId },
  };
}
