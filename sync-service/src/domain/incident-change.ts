import type { Incident } from "./incident.ts";
import type { Service } from "./service.ts";

/**
 * What happened to an incident, as a use case states it. The fan-out (usecases/incidents/fan-out.ts) records
 * its timeline entry and hands it to every subscriber, which decides the follow-ups of its own area.
 */
export type IncidentChange =
  /** Declared by a person or opened by an alert. */
  | {
      readonly kind: "opened";
      readonly incident: Incident;
      readonly service: Pick<Service, "escalationPolicyId" | "conversation" | "crisis"> | null;
    }
  /** Acknowledged or resolved (by a person, an alert or the origin issue). */
  | { readonly kind: "status"; readonly from: Incident; readonly incident: Incident }
  /** Title, description, severity, owner or service changed; `service` is the new one when it was changed. */
  | {
      readonly kind: "edited";
      readonly from: Incident;
      readonly incident: Incident;
      readonly service?: Pick<Service, "escalationPolicyId"> | null;
    }
  /** A person's note, which linked issues receive as a comment. */
  | { readonly kind: "note"; readonly incidentId: string; readonly entryId: string; readonly at: Date }
  /** A Jira issue was linked (created or existing) or its link dropped. */
  | { readonly kind: "links"; readonly incident: Incident; readonly at: Date }
  /** A responder wrote an update for the public status page. */
  | { readonly kind: "status-post"; readonly incidentId: string; readonly at: Date }
  /** Something the incident's record shows arrived from outside: a Jira change, a chat message, a status post, an action item. */
  | { readonly kind: "recorded"; readonly incidentId: string; readonly at: Date }
  /** Stakeholders were told (a status update), or a play or a person changed the subscribers, bridge or channel. */
  | { readonly kind: "crisis"; readonly incidentId: string; readonly at: Date }
  /** The postmortem page was published or its review status moved. */
  | { readonly kind: "postmortem"; readonly incidentId: string; readonly at: Date };

export function incidentIdOf(change: IncidentChange): string {
  return "incident" in change ? change.incident.id : change.incidentId;
}

/** When the change happened: debounced follow-ups count from it. */
export function timeOf(change: IncidentChange): Date {
  if ("at" in change) return change.at;
  return change.kind === "opened" ? change.incident.createdAt : change.incident.updatedAt;
}
