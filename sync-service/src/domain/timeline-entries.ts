import type { AlertEvent } from "./alert.ts";
import type { EscalationStep } from "./escalation-policy.ts";
import { incidentKey, type Incident } from "./incident.ts";
import type { TimelineEntry, TimelineEntryType } from "./timeline.ts";

/** An entry before it is stored: the fan-out gives it an id unless it names its own (a note's id is its key). */
export type NewTimelineEntry = Omit<TimelineEntry, "id"> & { readonly id?: string };

/** Where a responder acted on a page, when not in Firewatch itself. */
export type ResponseChannel = "slack" | "sms" | "voice" | "email";
/** How an entry names the place: "… acknowledged INC-42 from Slack", "… by SMS reply". */
const CHANNEL_NAME: Record<ResponseChannel, string> = {
  slack: "from Slack",
  sms: "by SMS reply",
  voice: "by phone",
  email: "from an e-mail link",
};

/** Who did it, as the timeline shows them. */
export interface Actor {
  readonly name: string;
  /** The person, when a person did it (kept in the entry's data: the incident page shows who acknowledged). */
  readonly userId?: string;
}

type Status = Incident["status"];
/** "acknowledged" for `acknowledged`: how an entry says what a status change did. */
export const PAST_TENSE: Record<Status, string> = {
  triggered: "triggered",
  acknowledged: "acknowledged",
  resolved: "resolved",
};
/** The entry type that records a move to each status. */
export const STATUS_ENTRY_TYPE: Record<Status, TimelineEntryType> = {
  triggered: "incident.triggered",
  acknowledged: "incident.acknowledged",
  resolved: "incident.resolved",
};

/**
 * The constructors of the entries of what people and alerts do to an incident (the Jira side is in
 * ticket-entries.ts); use cases never build entries by hand.
 */
export const timelineEntries = {
  declared(incident: Incident, by: Actor, fromIssueKey: string | null): NewTimelineEntry {
    return {
      ...byPerson(incident, by, incident.createdAt),
      type: "incident.triggered",
      body: `${by.name} declared ${incident.drill ? "a drill, " : ""}${incidentKey(incident)}: ${incident.title}`,
      data: {
        severity: incident.severity,
        serviceId: incident.serviceId,
        fromIssueKey,
        ...(incident.drill && { drill: true }),
      },
    };
  },

  /** A service's scheduled drill opened it; `local` is the occurrence as the schedule says it ("2027-03-29 09:00 Europe/London"). */
  scheduledDrill(incident: Incident, by: Actor, serviceName: string, local: string): NewTimelineEntry {
    return {
      ...byPerson(incident, by, incident.createdAt),
      type: "incident.triggered",
      body: `${by.name} opened a drill, ${incidentKey(incident)}: ${incident.title} (the scheduled drill of ${serviceName}, ${local})`,
      data: { severity: incident.severity, serviceId: incident.serviceId, drill: true, scheduledFor: local },
    };
  },

  /** Acknowledged or resolved by a person. */
  statusChanged(from: Incident, next: Incident, by: Actor, via?: ResponseChannel): NewTimelineEntry {
    return {
      ...byPerson(next, by, next.updatedAt),
      type: STATUS_ENTRY_TYPE[next.status],
      body:
        `${by.name} ${PAST_TENSE[next.status]} ${incidentKey(next)}${via ? ` ${CHANNEL_NAME[via]}` : ""}` +
        (next.ownerId !== from.ownerId ? " and is now its owner" : ""),
      data: { from: from.status, to: next.status, byUserId: by.userId ?? null, ...(via ? { via } : {}) },
    };
  },

  /** "Escalate now": the next level pages at once. `id` keys the entry (one per press). */
  escalatedByHand(incident: Incident, id: string, by: Actor, step: EscalationStep, at: Date, via?: ResponseChannel) {
    return {
      ...byPerson(incident, by, at),
      sourceId: `escalate:${id}`,
      type: "escalation.level",
      body: `${by.name} escalated ${incidentKey(incident)} to level ${step.level + 1}${via ? ` ${CHANNEL_NAME[via]}` : ""}`,
      data: { round: step.round, level: step.level, manual: true, ...(via ? { via } : {}) },
    } satisfies NewTimelineEntry;
  },

  /** "Add responder": people paged beside the escalation, by name or through a schedule. */
  responderAdded(incident: Incident, id: string, by: Actor, added: { what: string; userIds: string[] }, at: Date) {
    return {
      ...byPerson(incident, by, at),
      sourceId: `responder:${id}`,
      type: "escalation.level",
      body: `${by.name} added ${added.what} as responder${added.userIds.length ? "" : " (nobody is on call there: nobody was paged)"}`,
      data: { responder: true, users: added.userIds },
    } satisfies NewTimelineEntry;
  },

  edited(
    from: Incident,
    next: Incident,
    by: Actor,
    ownerName: string | null,
    serviceName?: string | null,
  ): NewTimelineEntry {
    return {
      ...byPerson(next, by, next.updatedAt),
      type: "incident.updated",
      body: `${by.name} changed ${changesOf(from, next, ownerName, serviceName ?? null).join(", ")} of ${incidentKey(next)}`,
      data: editData(from, next),
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
    const body = `${incidentKey(next)} ${PAST_TENSE[next.status]} by ${event.source}`;
    return timelineEntries.alert(next.id, event, STATUS_ENTRY_TYPE[next.status], body);
  },
};

function byPerson(incident: Incident, by: Actor, at: Date) {
  return {
    incidentId: incident.id,
    source: "firewatch" as const,
    sourceId: `revision:${incident.revision}`,
    occurredAt: at,
    author: by.name,
  };
}

/** What an edit changed, as the entry says it: `title to "…"`, `severity SEV3 → SEV1`, … */
export function changesOf(
  from: Incident,
  next: Incident,
  ownerName: string | null,
  serviceName: string | null = null,
): string[] {
  return [
    next.title !== from.title && `title to "${next.title}"`,
    next.severity !== from.severity && `severity ${from.severity} → ${next.severity}`,
    next.description !== from.description && "the description",
    next.ownerId !== from.ownerId && (ownerName ? `the owner to ${ownerName}` : "the owner to nobody"),
    next.serviceId !== from.serviceId && (serviceName ? `the service to ${serviceName}` : "the service to none"),
  ].filter((c): c is string => Boolean(c));
}

/** The entry data of an edit: the fields before and after. */
export function editData(from: Incident, next: Incident) {
  return {
    from: { title: from.title, severity: from.severity, ownerId: from.ownerId, serviceId: from.serviceId },
    to: { title: next.title, severity: next.severity, ownerId: next.ownerId, serviceId: next.serviceId },
  };
}
