import { randomUUID } from "node:crypto";
import { postmortemChanged } from "../postmortem/postmortems.ts";
import { acknowledgeIncident, resolveIncident } from "../../domain/incident.ts";
import { effectOfOriginMove, type LinkedIssue } from "../../domain/linked-issue.ts";
import type { TimelineEntryType } from "../../domain/timeline.ts";
import type { TicketEvent } from "../../ports/ticket-port.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";
import { dropLink } from "./complete-link.ts";
import { incidentChanged } from "../incidents/incident-changed.ts";
import { callTracker, type TicketDeps } from "./ticket-deps.ts";

const ENTRY_TYPE: Record<TicketEvent["changes"][number]["field"], TimelineEntryType> = {
  status: "ticket.status_changed",
  priority: "ticket.priority_changed",
  assignee: "ticket.assignee_changed",
};

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
  const entry = (type: TimelineEntryType, sourceId: string, body: string, data: Record<string, unknown>) =>
    tx.timeline.append({
      id: randomUUID(),
      incidentId: link.incidentId,
      type,
      source: "jira",
      sourceId,
      occurredAt: event.at,
      author: event.actorName,
      body,
      data: { issueKey: event.issueKey, issueId: event.issueId, ...data },
    });
  for (const change of event.changes) {
    const body = `${event.issueKey} ${change.field}: ${change.from ?? "none"} → ${change.to ?? "none"}`;
    await entry(ENTRY_TYPE[change.field], `${event.changeId}:${change.field}`, body, {
      field: change.field,
      from: change.from,
      to: change.to,
    });
  }
  if (event.comment) {
    await entry("ticket.comment", `comment:${event.comment.id}`, event.comment.text, { commentId: event.comment.id });
  }
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
  await tx.timeline.append({
    id: randomUUID(),
    incidentId: next.id,
    type: effect === "acknowledge" ? "incident.acknowledged" : "incident.resolved",
    source: "jira",
    sourceId: `${event.changeId}:incident`,
    occurredAt: event.at,
    author: event.actorName,
    body: `${event.actorName} moved origin issue ${event.issueKey} to ${event.statusName}, which ${effect === "acknowledge" ? "acknowledged" : "resolved"} the incident`,
    data: { issueKey: event.issueKey, status: event.statusName },
  });
  await incidentChanged(tx, next);
  await postmortemChanged(tx, next.id, next.updatedAt);
}
