import { DRILL_LABEL, drillPrefixed } from "../../domain/drill-marks.ts";
import { ACTION_ITEM_ISSUE_LABEL } from "../../domain/escalation-rule.ts";
import { incidentKey } from "../../domain/incident.ts";
import { PermanentJobError } from "../../ports/jobs.ts";
import type { RemoteIssue, TicketPort } from "../../ports/ticket-port.ts";
import { findOrCreateOnce } from "../shared/create-once.ts";
import { callTracker } from "../tickets/ticket-deps.ts";
import { recordActionItemIssue, type ActionItemDeps } from "./postmortem-deps.ts";

/**
 * The action item's Jira issue: found by its marker (a crash after creating it) or created in the
 * service's project with the labels, due date, a "relates to" link to the incident's origin issue and a
 * remote link to the postmortem page. Re-running it only adds what is missing.
 */
export async function completeActionItem(deps: ActionItemDeps, id: string): Promise<void> {
  const ctx = await deps.uow.run(async (tx) => {
    const item = await tx.postmortems.getItem(id);
    const incident = item && (await tx.incidents.get(item.incidentId));
    if (!item || !incident) return null;
    const service = incident.serviceId ? await tx.services.get(incident.serviceId) : null;
    const origin = (await tx.links.listOf(incident.id)).find((l) => l.isOrigin && l.state === "linked" && l.issueKey);
    const tenantTickets = (await tx.tenants.settings(incident.tenantId)).tickets;
    return { item, incident, service, origin, tenantTickets, postmortem: await tx.postmortems.get(incident.id) };
  });
  if (!ctx || ctx.item.state === "failed") return;
  const { item, incident, service } = ctx;
  const key = incidentKey(incident);
  const projectKey = service?.tickets.projectKey ?? ctx.tenantTickets.projectKey;
  if (!item.issueId && !projectKey) {
    const error =
      "no Jira project for the incident's action items: set jira.projectKey on its service, or a default project on the Forge admin page";
    await deps.uow.run((tx) =>
      tx.postmortems.updateItem({ ...item, state: "failed", error, updatedAt: deps.clock.now() }),
    );
    throw new PermanentJobError(`Action item ${id}: no Jira project for ${key}`);
  }
  const tracker = <T>(call: (tickets: TicketPort) => Promise<T>) => callTracker(deps, incident.tenantId, call);
  const newIssue = {
    projectKey: projectKey!,
    issueType: service?.tickets.issueType ?? ctx.tenantTickets.issueType,
    summary: drillPrefixed(incident.drill, item.title),
    description: [item.description || `Action item from the postmortem of ${key}: ${incident.title}.`],
    incidentUrl: `${deps.publicUrl}/incidents/${key}`,
    priority: null,
    labels: ["postmortem", ACTION_ITEM_ISSUE_LABEL, key, incident.severity, ...(incident.drill ? [DRILL_LABEL] : [])],
    marker: { incidentId: incident.id, incidentKey: key, linkId: item.id, revision: 0 },
    dueDate: item.dueDate,
  };
  const recordSent = (at: Date) => deps.uow.run((tx) => tx.postmortems.markItemCreateSent(item.id, at));
  const issue: RemoteIssue =
    (item.issueId ? await tracker((t) => t.get(item.issueId!)) : null) ??
    (await tracker((t) =>
      findOrCreateOnce(
        t,
        () => deps.clock.now(),
        item,
        recordSent,
        () => t.create(newIssue),
      ),
    ));
  if (ctx.origin?.issueKey && ctx.origin.issueKey !== issue.key)
    await tracker((t) => t.relate(issue.id, ctx.origin!.issueKey!));
  if (ctx.postmortem?.pageUrl) {
    const pageUrl = ctx.postmortem.pageUrl;
    await tracker((t) =>
      t.remoteLink(issue.id, {
        globalId: `firewatch-postmortem:${incident.id}`,
        url: pageUrl,
        title: `Postmortem of ${key}`,
      }),
    );
  }
  await deps.uow.run((tx) => recordActionItemIssue(deps, tx, item, issue));
}
