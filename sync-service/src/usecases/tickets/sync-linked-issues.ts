import { randomUUID } from "node:crypto";
import { incidentKey } from "../../domain/incident.ts";
import { categoryFor, type LinkedIssue } from "../../domain/linked-issue.ts";
import { TicketNotFoundError } from "../../ports/integration-errors.ts";
import type { TicketPort } from "../../ports/ticket-port.ts";
import { dropLink } from "./complete-link.ts";
import { noteOmittedFields } from "./ticket-screen-notes.ts";
import { callTracker, type TicketDeps } from "./ticket-deps.ts";
import { timelineRecords } from "../../domain/timeline-records.ts";

/** Runs `call` for one linked issue; a deleted issue drops the link (with a timeline entry) instead of failing the job. */
async function onIssue(
  deps: TicketDeps,
  tenantId: string,
  link: LinkedIssue,
  call: (jira: TicketPort) => Promise<void>,
): Promise<void> {
  try {
    await callTracker(deps, tenantId, call);
  } catch (error) {
    if (!(error instanceof TicketNotFoundError)) throw error;
    await deps.uow.run((tx) =>
      dropLink(
        tx,
        deps.clock.now(),
        link,
        `${link.issueKey} was deleted in Jira, or Firewatch may no longer see it`,
        "ticket.dropped",
      ),
    );
  }
}

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
    await onIssue(deps, incident.tenantId, link, async (jira) => {
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

/** Posts a note to every linked issue as a comment, once per issue (the comment carries the note's id). */
export async function postNoteToLinkedIssues(deps: TicketDeps, incidentId: string, entryId: string): Promise<void> {
  const state = await deps.uow.run(async (tx) => ({
    incident: await tx.incidents.get(incidentId),
    entry: await tx.timeline.get(entryId),
    links: await tx.links.listOf(incidentId),
  }));
  if (!state.incident || !state.entry) return;
  const key = incidentKey(state.incident);
  for (const link of state.links) {
    if (link.state !== "linked" || !link.issueId) continue;
    await onIssue(deps, state.incident.tenantId, link, async (jira) => {
      await jira.comment(link.issueId!, {
        noteId: entryId,
        author: state.entry!.author ?? "Firewatch",
        text: state.entry!.body,
        incidentKey: key,
        incidentUrl: `${deps.publicUrl}/incidents/${key}`,
      });
    });
  }
}
