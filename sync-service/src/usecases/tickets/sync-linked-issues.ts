import { randomUUID } from "node:crypto";
import { incidentKey } from "../../domain/incident.ts";
import { categoryFor } from "../../domain/linked-issue.ts";
import { timelineRecords } from "../../domain/timeline-records.ts";
import { noteOmittedFields } from "./ticket-screen-notes.ts";
import { onLinkedIssue, type TicketDeps } from "./ticket-deps.ts";

/**
 * Brings every linked issue in step with the incident: status by category, priority from severity.
 * Issues already written at this revision or later are skipped, so an old job never undoes a newer one.
 */
export async function syncLinkedIssues(deps: TicketDeps, incidentId: string): Promise<void> {
  const state = await deps.uow.run(async (tx) => {
    const incident = await tx.incidents.get(incidentId);
    if (!incident) return null;
    const service = incident.serviceId ? await tx.services.get(incident.serviceId) : null;
    return {
      incident,
      tickets: service?.tickets ?? (await tx.tenants.settings(incident.tenantId)).tickets,
      links: await tx.links.listOf(incidentId),
    };
  });
  if (!state) return;
  const { incident, tickets, links } = state;
  const category = categoryFor(incident.status);
  for (const link of links) {
    if (link.state !== "linked" || !link.issueId || link.syncedRevision >= incident.revision) continue;
    const marker = { incidentId, incidentKey: incidentKey(incident), linkId: link.id, revision: incident.revision };
    await onLinkedIssue(deps, incident.tenantId, link, async (jira) => {
      const result = await jira.sync(link.issueId!, {
        category,
        priority: tickets.priorities[incident.severity],
        resolution: tickets.resolution,
        marker,
      });
      await deps.uow.run(async (tx) => {
        const latest = await tx.links.findById(link.id);
        if (!latest || latest.state !== "linked" || latest.syncedRevision >= incident.revision) return;
        await tx.links.update({
          ...latest,
          syncedRevision: incident.revision,
          statusName: result.statusName,
          statusCategory: result.statusCategory,
        });
        await noteOmittedFields(tx, deps.clock.now(), latest, latest.issueKey ?? "", result.omitted ?? []);
        if (!result.blocked) return;
        const blocked = timelineRecords.transitionBlocked(
          link,
          category,
          result.statusName,
          result.unfilled ?? [],
          deps.clock.now(),
        );
        await tx.timeline.append({ id: randomUUID(), ...blocked });
      });
    });
  }
}
