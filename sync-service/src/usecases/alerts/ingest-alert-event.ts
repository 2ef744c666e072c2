import { randomUUID } from "node:crypto";
import { decideAlertEvent, type Alert, type AlertEvent } from "../../domain/alert.ts";
import { acknowledgeIncident, openIncident, resolveIncident, type Incident } from "../../domain/incident.ts";
import type { Service } from "../../domain/service.ts";
import { severityFromAlert } from "../../domain/severity.ts";
import { timelineEntries } from "../../domain/timeline-entries.ts";
import type { TimelineEntry, TimelineEntryType } from "../../domain/timeline.ts";
import type { AlertIntakeTransaction as Transaction } from "../../ports/unit-of-work.ts";
import type { IntakeDeps } from "../shared/deps.ts";
import { NotFoundUseCaseError } from "../shared/errors.ts";
import { recordIncidentChange } from "../incidents/fan-out.ts";

export interface AlertOutcome {
  readonly dedupKey: string;
  readonly effect: "opened" | "deduplicated" | "acknowledged" | "resolved" | "dropped";
  readonly incidentId: string | null;
}

/**
 * Applies one monitoring event to the alerts and incidents of the service with `integrationKey`, in
 * its own transaction. @throws NotFoundUseCaseError when no service has that key
 */
export async function ingestAlertEvent(
  deps: IntakeDeps,
  integrationKey: string,
  event: AlertEvent,
): Promise<AlertOutcome> {
  return deps.intake.run((tx) => applyAlertEvent(tx, deps.clock.now(), integrationKey, event));
}

/**
 * Applies one event inside the caller's transaction. Events with one dedup key are serialised by a
 * lock on that key, so concurrent identical triggers open exactly one incident and count into one alert;
 * the open alert's own lock keeps a person from resolving it under us.
 * @throws NotFoundUseCaseError when no service has `integrationKey`
 */
export async function applyAlertEvent(
  tx: Transaction,
  now: Date,
  integrationKey: string,
  event: AlertEvent,
): Promise<AlertOutcome> {
  await tx.locks.lock(`alert:${integrationKey}:${event.dedupKey}`);
  const found = await tx.intake.serviceWithOpenAlert(integrationKey, event.dedupKey);
  if (!found) throw new NotFoundUseCaseError("service", integrationKey);
  const { service, alert } = found;
  const decision = decideAlertEvent(event, alert);
  switch (decision.kind) {
    case "open-incident":
      return openIncidentFromEvent(tx, now, service, event);
    case "deduplicate":
      await tx.alerts.recordRepeat(
        alert!.id,
        now,
        eventEntry(alert!.incidentId, event, "alert.deduplicated", `Repeated: ${event.summary}`),
      );
      return outcome(event, "deduplicated", alert!.incidentId);
    case "acknowledge":
    case "resolve": {
      const incident = await tx.incidents.lockById(service.tenantId, alert!.incidentId);
      if (!incident || incident.status === "resolved") return outcome(event, "dropped", null);
      return decision.kind === "acknowledge"
        ? acknowledgeFromEvent(tx, now, incident, event)
        : resolveFromEvent(tx, now, alert!, incident, event);
    }
    case "drop":
      return outcome(event, "dropped", null);
  }
}

function outcome(event: AlertEvent, effect: AlertOutcome["effect"], incidentId: string | null): AlertOutcome {
  return { dedupKey: event.dedupKey, effect, incidentId };
}

async function openIncidentFromEvent(
  tx: Transaction,
  now: Date,
  service: Service,
  event: AlertEvent,
): Promise<AlertOutcome> {
  const incident = openIncident(
    {
      id: randomUUID(),
      tenantId: service.tenantId,
      number: await tx.tenants.nextIncidentNumber(service.tenantId),
      title: event.summary,
      description: event.description,
      severity: severityFromAlert(event.severity),
      serviceId: service.id,
    },
    now,
  );
  await tx.incidents.insert(incident);
  await tx.alerts.insert({
    id: randomUUID(),
    serviceId: service.id,
    incidentId: incident.id,
    dedupKey: event.dedupKey,
    summary: event.summary,
    source: event.source,
    severity: event.severity,
    count: 1,
    firstAt: now,
    lastAt: now,
    resolvedAt: null,
  });
  await recordIncidentChange(
    tx,
    { kind: "opened", incident, service },
    timelineEntries.triggeredByAlert(incident, event),
  );
  return outcome(event, "opened", incident.id);
}

async function acknowledgeFromEvent(
  tx: Transaction,
  now: Date,
  incident: Incident,
  event: AlertEvent,
): Promise<AlertOutcome> {
  if (incident.status === "triggered") return moveIncident(tx, incident, acknowledgeIncident(incident, now), event);
  await tx.timeline.append(
    eventEntry(incident.id, event, "alert.acknowledged", `Acknowledge event from ${event.source}`),
  );
  return outcome(event, "acknowledged", incident.id);
}

async function resolveFromEvent(
  tx: Transaction,
  now: Date,
  alert: Alert,
  incident: Incident,
  event: AlertEvent,
): Promise<AlertOutcome> {
  await tx.alerts.resolve(alert.id, now);
  // The incident resolves with its last open alert.
  if ((await tx.alerts.countOpen(incident.id)) === 0)
    return moveIncident(tx, incident, resolveIncident(incident, now), event);
  const body = `Alert ${event.dedupKey} resolved by ${event.source}`;
  await tx.timeline.append(eventEntry(incident.id, event, "alert.resolved", body));
  return outcome(event, "resolved", incident.id);
}

/** The event acknowledged or resolved the incident: the same change as a person's, through the same fan-out. */
async function moveIncident(tx: Transaction, from: Incident, next: Incident, event: AlertEvent): Promise<AlertOutcome> {
  await tx.incidents.update(next);
  await recordIncidentChange(
    tx,
    { kind: "status", from, incident: next },
    timelineEntries.statusChangedByAlert(next, event),
  );
  return outcome(event, next.status === "acknowledged" ? "acknowledged" : "resolved", next.id);
}

/** An alert-level entry (repeat, acknowledge or resolve that leaves the incident as it is). */
function eventEntry(incidentId: string, event: AlertEvent, type: TimelineEntryType, body: string): TimelineEntry {
  return { id: randomUUID(), ...timelineEntries.alert(incidentId, event, type, body) };
}
