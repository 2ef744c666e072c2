import { IllegalTransitionDomainError, InvalidInputDomainError } from "./errors.ts";
import type { Severity } from "./severity.ts";

export const INCIDENT_STATUSES = ["triggered", "acknowledged", "resolved"] as const;
export type IncidentStatus = (typeof INCIDENT_STATUSES)[number];

export interface Incident {
  readonly id: string;
  readonly tenantId: string;
  readonly number: number;
  readonly title: string;
  readonly description: string;
  readonly severity: Severity;
  readonly status: IncidentStatus;
  readonly serviceId: string | null;
  readonly ownerId: string | null;
  /** A practice incident: the whole flow runs, every page and post says DRILL, and reports leave it out. */
  readonly drill: boolean;
  /** Increases on every change; outbound writes carry it so a stale write never overwrites newer state. */
  readonly revision: number;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly acknowledgedAt: Date | null;
  readonly resolvedAt: Date | null;
}

export const MAX_TITLE_LENGTH = 1024;

export function incidentKey(incident: Pick<Incident, "number">): string {
  return `INC-${incident.number}`;
}

/** `INC-42` (any case) → 42; anything else → null. */
export function parseIncidentKey(ref: string): number | null {
  const match = /^INC-([1-9][0-9]{0,9})$/i.exec(ref.trim());
  return match ? Number(match[1]) : null;
}

export interface NewIncident {
  id: string;
  tenantId: string;
  number: number;
  title: string;
  description?: string;
  severity: Severity;
  serviceId?: string | null;
  ownerId?: string | null;
  drill?: boolean;
}

/** @throws InvalidInputDomainError when the title is blank or too long */
export function openIncident(props: NewIncident, now: Date): Incident {
  const title = props.title.trim();
  if (!title) throw new InvalidInputDomainError("INCIDENT.TITLE_REQUIRED", "An incident needs a non-blank title.");
  if (title.length > MAX_TITLE_LENGTH) {
    throw new InvalidInputDomainError(
      "INCIDENT.TITLE_TOO_LONG",
      `An incident title has at most ${MAX_TITLE_LENGTH} characters.`,
    );
  }
  return {
    id: props.id,
    tenantId: props.tenantId,
    number: props.number,
    title,
    description: props.description ?? "",
    severity: props.severity,
    status: "triggered",
    serviceId: props.serviceId ?? null,
    ownerId: props.ownerId ?? null,
    drill: props.drill ?? false,
    revision: 1,
    createdAt: now,
    updatedAt: now,
    acknowledgedAt: null,
    resolvedAt: null,
  };
}

/** triggered → acknowledged. @throws IllegalTransitionDomainError from any other status */
export function acknowledgeIncident(incident: Incident, now: Date, byUserId: string | null = null): Incident {
  if (incident.status === "resolved") throw alreadyResolved(incident);
  if (incident.status === "acknowledged") {
    throw new IllegalTransitionDomainError(
      "INCIDENT.ALREADY_ACKNOWLEDGED",
      `${incidentKey(incident)} is already acknowledged.`,
    );
  }
  // Whoever acknowledges an incident nobody owns takes it on, as in PagerDuty and Opsgenie.
  const ownerId = incident.ownerId ?? byUserId;
  return {
    ...incident,
    status: "acknowledged",
    ownerId,
    acknowledgedAt: now,
    updatedAt: now,
    revision: incident.revision + 1,
  };
}

/** triggered|acknowledged → resolved. @throws IllegalTransitionDomainError when already resolved */
export function resolveIncident(incident: Incident, now: Date): Incident {
  if (incident.status === "resolved") throw alreadyResolved(incident);
  return { ...incident, status: "resolved", resolvedAt: now, updatedAt: now, revision: incident.revision + 1 };
}

export function isOpen(incident: Incident): boolean {
  return incident.status !== "resolved";
}

function alreadyResolved(incident: Incident): IllegalTransitionDomainError {
  return new IllegalTransitionDomainError(
    "INCIDENT.ALREADY_RESOLVED",
    `${incidentKey(incident)} is already resolved; open a new incident instead.`,
  );
}

export interface IncidentChanges {
  readonly title?: string;
  readonly description?: string;
  readonly severity?: Severity;
  /** The responder who owns the incident (reassign), or null for nobody. */
  readonly ownerId?: string | null;
  /** The service it is on (whose escalation policy pages), or null for none. */
  readonly serviceId?: string | null;
}

/** Applies edits; a no-op edit returns the incident unchanged (same revision). @throws InvalidInputDomainError */
export function editIncident(incident: Incident, changes: IncidentChanges, now: Date): Incident {
  const title = changes.title === undefined ? incident.title : changes.title.trim();
  if (!title) throw new InvalidInputDomainError("INCIDENT.TITLE_REQUIRED", "An incident needs a non-blank title.");
  if (title.length > MAX_TITLE_LENGTH) {
    throw new InvalidInputDomainError(
      "INCIDENT.TITLE_TOO_LONG",
      `An incident title has at most ${MAX_TITLE_LENGTH} characters.`,
    );
  }
  const next = {
    ...incident,
    title,
    description: changes.description ?? incident.description,
    severity: changes.severity ?? incident.severity,
    ownerId: changes.ownerId === undefined ? incident.ownerId : changes.ownerId,
    serviceId: changes.serviceId === undefined ? incident.serviceId : changes.serviceId,
  };
  const changed =
    next.title !== incident.title ||
    next.description !== incident.description ||
    next.severity !== incident.severity ||
    next.ownerId !== incident.ownerId ||
    next.serviceId !== incident.serviceId;
  return changed ? { ...next, updatedAt: now, revision: incident.revision + 1 } : incident;
}
