import { acknowledgeIncident, resolveIncident } from "../../domain/incident.ts";
import { effectOfOriginMove, type LinkedIssue } from "../../domain/linked-issue.ts";
import { ticketEntries } from "../../domain/ticket-entries.ts";
import type { TicketEvent } from "../../ports/ticket-port.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";
import { dropLink } from "./ticket-deps.ts";
import { recordIncidentChange } from "../incidents/fan-out.ts";
import { callTracker, type TicketDeps } from "./ticket-deps.ts";

/**
 * Applies a change made in the tenant's Jira to every incident the issue is linked to: timeline entries for status,
 * priority, assignee and comments; the origin issue entering In Progress / Done acknowledges / resolves
 * the incident (per the service's settings). Changes made by Firewatch's own account are not echoed.
 */
export async function applyTicketEvent(deps: TicketDeps, tenantId: string, event: TicketEvent): Promise<void> {
  if (event.actorAccountId && event.actorAccountId === (await callTracker(deps, tenantId, (jira) => jira.accountId())))
    return;
  await deps.uow.run(async (tx) => {
    for (const link of await tx.links.findByIssueId(tenantId, event.issueId)) {
      if (event.kind === "deleted") {
        await dropLink(
          tx,
          deps.clock.now(),
          link,
          `${event.issueKey} was deleted in Jira by ${event.actorName}`,
          "ticket.dropped",
        );
        continue;
      }
      await recordChanges(tx, link, event);
      if (event.statusCategory && event.changes.some((c) => c.field === "status")) {
        await tx.links.update({
          ...link,
          issueKey: event.issueKey,
          statusName: event.statusName,
          statusCategory: event.statusCategory,
        });
        if (link.isOrigin) await followOrigin(tx, deps.clock.now(), link, event);
      }
    }
  });
}

async function recordChanges(tx: Transaction, link: LinkedIssue, event: TicketEvent): Promise<void> {
  const entries = [
    ...event.changes.map((change) => ticketEntries.changed(link.incidentId, event, change)),
    ...(event.comment ? [ticketEntries.changed(link.incidentId, event, null)] : []),
  ];
  if (entries.length === 0) return;
  await recordIncidentChange(tx, { kind: "recorded", incidentId: link.incidentId, at: event.at }, ...entries);
}

async function followOrigin(tx: Transaction, now: Date, link: LinkedIssue, event: TicketEvent): Promise<void> {
  const found = await tx.incidents.get(link.incidentId);
  const incident = found && (await tx.incidents.lockById(found.tenantId, found.id));
  if (!incident) return;
  const service = incident.serviceId ? await tx.services.get(incident.serviceId) : null;
  const effect = effectOfOriginMove(
    incident,
    event.statusCategory!,
    service?.tickets ?? (await tx.tenants.settings(incident.tenantId)).tickets,
  );
  if (!effect) return;
  const next = effect === "acknowledge" ? acknowledgeIncident(incident, now) : resolveIncident(incident, now);
  await tx.incidents.update(next);
  if (effect === "resolve") await tx.alerts.resolveAllOf(next.id, now);
  await recordIncidentChange(
    tx,
    { kind: "status", from: incident, incident: next },
    ticketEntries.statusChangedByOrigin(next, event),
  );
}
