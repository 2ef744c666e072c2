import { DRILL_LABEL, drillPrefixed } from "../../domain/drill-marks.ts";
import { INCIDENT_ISSUE_LABEL } from "../../domain/escalation-rule.ts";
import { editIncident, incidentKey, type Incident } from "../../domain/incident.ts";
import { severityForPriority, type LinkedIssue } from "../../domain/linked-issue.ts";
import type { IssueMarker, RemoteIssue } from "../../ports/ticket-port.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";
import { recordIncidentChange } from "../incidents/fan-out.ts";
import { ticketEntries } from "../../domain/ticket-entries.ts";
import { noteOmittedFields } from "./ticket-screen-notes.ts";
import { dropLink, onLinkedIssue, type TicketDeps } from "./ticket-deps.ts";
import { findOrCreateOnce } from "../shared/create-once.ts";

/**
 * The job side of a link request: creates the Jira issue (or finds the one an earlier run created, by the label
 * it carries, reconciling a create whose outcome is unknown first), or looks up an existing issue and marks it;
 * then records it.
 */
export async function completeLink(deps: TicketDeps, linkId: string, adopt: boolean): Promise<void> {
  const found = await deps.uow.run(async (tx) => {
    const link = await tx.links.findById(linkId);
    if (!link || link.state !== "pending") return null;
    const incident = (await tx.incidents.get(link.incidentId))!;
    const service = incident.serviceId ? await tx.services.get(incident.serviceId) : null;
    return { link, incident, tickets: service?.tickets ?? (await tx.tenants.settings(incident.tenantId)).tickets };
  });
  if (!found) return;
  const { link, incident, tickets } = found;
  const marker: IssueMarker = {
    incidentId: incident.id,
    incidentKey: incidentKey(incident),
    linkId: link.id,
    revision: incident.revision,
  };
  const notFound = {
    reason: `${link.issueKey} does not exist in Jira, or Firewatch may not see it`,
    type: "ticket.link_failed" as const,
  };
  const remote = await onLinkedIssue(
    deps,
    incident.tenantId,
    link,
    async (jira): Promise<RemoteIssue & { omitted?: readonly string[] }> => {
      if (link.kind === "linked") {
        const issue = await jira.get(link.issueKey!);
        await jira.mark(issue.id, marker);
        return issue;
      }
      return findOrCreateOnce(
        jira,
        () => deps.clock.now(),
        link,
        (at) => deps.uow.run((tx) => tx.links.markCreateSent(link.id, at)),
        () => jira.create(newIssue(deps, incident, link, tickets.priorities[incident.severity], marker)),
      );
    },
    notFound,
  );
  if (!remote) return;
  await deps.uow.run((tx) => recordLink(tx, deps, link, remote, adopt ? tickets.priorities : null));
}

function newIssue(deps: TicketDeps, incident: Incident, link: LinkedIssue, priority: string, marker: IssueMarker) {
  const url = `${deps.publicUrl}/incidents/${incidentKey(incident)}`;
  return {
    projectKey: link.projectKey!,
    issueType: link.issueType ?? "Task",
    summary: drillPrefixed(incident.drill, `[${incidentKey(incident)}] ${incident.title}`).slice(0, 255),
    description: [
      `${incident.drill ? "DRILL: a practice incident. " : ""}Firewatch incident ${incidentKey(incident)} (${incident.severity}): ${incident.title}`,
      ...(incident.description ? [incident.description] : []),
      "Status, severity and notes are kept in step with the incident by Firewatch.",
    ],
    incidentUrl: url,
    priority,
    labels: [INCIDENT_ISSUE_LABEL, ...(incident.drill ? [DRILL_LABEL] : [])],
    marker,
  };
}

async function recordLink(
  tx: Transaction,
  deps: TicketDeps,
  link: LinkedIssue,
  remote: RemoteIssue & { omitted?: readonly string[] },
  adoptWith: Record<string, string> | null,
) {
  const now = deps.clock.now();
  const current = await tx.links.findById(link.id);
  if (!current || current.state !== "pending") return;
  let incident = (await tx.incidents.get(link.incidentId))!;
  if (
    (await tx.links.listOf(incident.id)).some(
      (l) => l.id !== link.id && l.state !== "dropped" && l.issueId === remote.id,
    )
  ) {
    await dropLink(tx, now, current, `${remote.key} is already linked to this incident`, "ticket.link_failed");
    return;
  }
  if (adoptWith) incident = await adoptIssue(tx, now, incident, remote, adoptWith);
  await tx.links.update({
    ...current,
    state: "linked",
    issueId: remote.id,
    issueKey: remote.key,
    projectKey: remote.projectKey,
    statusName: remote.statusName,
    statusCategory: remote.statusCategory,
    // An existing issue keeps its state until the incident next changes; a created one is brought in step now.
    syncedRevision: link.kind === "linked" ? incident.revision : 0,
  });
  await recordIncidentChange(tx, { kind: "links", incident, at: now }, ticketEntries.linked(current, remote, now));
  await noteOmittedFields(tx, now, current, remote.key, remote.omitted ?? []);
}

/** An incident declared from an issue takes the issue's summary and, where it maps, its priority. */
async function adoptIssue(
  tx: Transaction,
  now: Date,
  incident: Incident,
  remote: RemoteIssue,
  priorities: Record<string, string>,
) {
  const severity = severityForPriority(remote.priority, priorities as never) ?? incident.severity;
  const next = editIncident(incident, { title: remote.summary, severity }, now);
  if (next === incident) return incident;
  await tx.incidents.update(next);
  await recordIncidentChange(
    tx,
    { kind: "edited", from: incident, incident: next },
    ticketEntries.adoptedIssue(incident, next, remote.key),
  );
  return next;
}
