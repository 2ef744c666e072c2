import { randomUUID } from "node:crypto";
import { decideAlertEvent, type Alert, type AlertEvent } from "../domain/alert.ts";
import { acknowledgeIncident, incidentKey, openIncident, resolveIncident, type Incident } from "../domain/incident.ts";
import type { Service } from "../domain/service.ts";
import { severityFromAlert } from "../domain/severity.ts";
import type { TimelineEntryType } from "../domain/timeline.ts";
import type { Transaction } from "../ports/unit-of-work.ts";
import type { UseCaseDeps } from "./deps.ts";

export interface AlertOutcome {
  readonly dedupKey: string;
  readonly effect: "opened" | "deduplicated" | "acknowledged" | "resolved" | "dropped";
  readonly incident: Incident | null;
}

/** Applies one monitoring event to the service's alerts and incidents, in its own transaction. */
export async function ingestAlertEvent(deps: UseCaseDeps, service: Service, event: AlertEvent): Promise<AlertOutcome> {
  return deps.uow.run((tx) => applyAlertEvent(tx, deps.clock.now(), service, event));
}

/**
 * Applies one event inside the caller's transaction. Events with one dedup key are serialised by a
 * lock on that key, so concurrent identical triggers open exactly one incident and count into one alert.
 */
export async function applyAlertEvent(tx: Transaction, now: Date, service: Service, event: AlertEvent): Promise<AlertOutcome> {
  await tx.locks.lock(`alert:${service.id}:${event.dedupKey}`);
  let alert = await tx.alerts.findOpen(service.id, event.dedupKey);
  let incident: Incident | null = null;
  if (alert) {
    await tx.locks.lock(`incident:${alert.incidentId}`);
    incident = await tx.incidents.findById(service.tenantId, alert.incidentId);
    // Resolved by a person after we read the alert: that resolved the alert too.
    if (!incident || incident.status === "resolved") alert = null;
  }
  const decision = decideAlertEvent(event, alert);
  const open = alert && incident ? { alert, incident } : null;
  switch (decision.kind) {
    case "open-incident":
      return openIncidentFromEvent(tx, now, service, event);
    case "deduplicate":
      await tx.alerts.recordRepeat(open!.alert.id, now);
      await appendEventEntry(tx, open!.incident, event, "alert.deduplicated", `Repeated: ${event.summary}`);
      return { dedupKey: event.dedupKey, effect: "deduplicated", incident: open!.incident };
    case "acknowledge":
      return acknowledgeFromEvent(tx, now, open!.incident, event);
    case "resolve":
      return resolveFromEvent(tx, now, open!.alert, open!.incident, event);
    case "drop":
      return { dedupKey: event.dedupKey, effect: "dropped", incident: null };
  }
}

async function openIncidentFromEvent(tx: Transaction, now: Date, service: Service, event: AlertEvent): Promise<AlertOutcome> {
  const incident = openIncident(
    {
      id: randomUUID(),
      tenantId: service.tenantId,
      number: await tx.tenants.nextIncidentNumber(service.tenantId),
      title: event.summary,
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
  await appendEventEntry(tx, incident, event, "incident.triggered", `${incidentKey(incident)} triggered by ${event.source}: ${event.summary}`);
  return { dedupKey: event.dedupKey, effect: "opened", incident };
}

async function acknowledgeFromEvent(tx: Transaction, now: Date, incident: Incident, event: AlertEvent): Promise<AlertOutcome> {
  if (incident.status !== "triggered") {
    await appendEventEntry(tx, incident, event, "alert.acknowledged", `Acknowledge event from ${event.source}`);
    return { dedupKey: event.dedupKey, effect: "acknowledged", incident };
  }
  const next = acknowledgeIncident(incident, now);
  await tx.incidents.update(next);
  await appendEventEntry(tx, next, event, "incident.acknowledged", `${incidentKey(next)} acknowledged by ${event.source}`);
  return { dedupKey: event.dedupKey, effect: "acknowledged", incident: next };
}

async function resolveFromEvent(tx: Transaction, now: Date, alert: Alert, incident: Incident, event: AlertEvent): Promise<AlertOutcome> {
  await tx.alerts.resolve(alert.id, now);
  if ((await tx.alerts.countOpen(incident.id)) > 0) {
    await appendEventEntry(tx, incident, event, "alert.resolved", `Alert ${event.dedupKey} resolved by ${event.source}`);
    return { dedupKey: event.dedupKey, effect: "resolved", incident };
  }
  const next = resolveIncident(incident, now);
  await tx.incidents.update(next);
  await appendEventEntry(tx, next, event, "incident.resolved", `${incidentKey(next)} resolved by ${event.source}`);
  return { dedupKey: event.dedupKey, effect: "resolved", incident: next };
}

async function appendEventEntry(
  tx: Transaction,
  incident: Incident,
  event: AlertEvent,
  type: TimelineEntryType,
  body: string,
): Promise<void> {
  await tx.timeline.append({
    id: randomUUID(),
    incidentId: incident.id,
    type,
    source: event.origin,
    sourceId: event.eventId,
    occurredAt: event.occurredAt,
    author: event.source || null,
    body,
    data: { dedupKey: event.dedupKey, action: event.action, severity: event.severity, details: event.details },
  });
}
