import { incidentKey, type Incident } from "../../domain/incident.ts";
import { buildPostmortem } from "../../domain/postmortem/build-postmortem.ts";
import type { PostmortemDocument } from "../../domain/postmortem/document.ts";
import { chooseTemplate } from "../../domain/postmortem/template.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";
import type { PostmortemDeps } from "./postmortem-deps.ts";

/** Every timeline entry, in order, a page at a time. */
async function wholeTimeline(tx: Transaction, incidentId: string) {
  const all = [];
  for (let after = undefined as { occurredAt: Date; seq: bigint } | undefined; ;) {
    const page = await tx.timeline.page(incidentId, { limit: 5_000, ...(after ? { after } : {}) });
    all.push(...page);
    if (page.length < 5_000) return all;
    const last = page.at(-1)!;
    after = { occurredAt: last.occurredAt, seq: last.seq };
  }
}

/** The document for an incident from everything Firewatch knows now; `siteUrl` is its tenant's Jira site. */
export async function postmortemDocument(
  deps: PostmortemDeps,
  tx: Transaction,
  incident: Incident,
  siteUrl: string | null,
): Promise<PostmortemDocument> {
  const service = incident.serviceId ? await tx.services.get(incident.serviceId) : null;
  const owner = incident.ownerId ? await tx.oncall.getUser(incident.ownerId) : null;
  const chosen = await tx.postmortems.get(incident.id);
  const template =
    deps.templates.find((t) => t.id === chosen?.templateId) ??
    chooseTemplate(deps.templates, service?.name ?? null, incident.severity)!;
  const links = (await tx.links.listOf(incident.id)).filter((l) => l.state === "linked" && l.issueKey);
  const issueUrl = (key: string | null) => (key && siteUrl ? `${siteUrl}/browse/${key}` : null);
  return buildPostmortem(template, {
    incident,
    serviceName: service?.name ?? null,
    ownerName: owner?.name ?? null,
    incidentUrl: `${deps.publicUrl}/incidents/${incidentKey(incident)}`,
    alertCount: (await tx.alerts.listOf(incident.id)).length,
    timeline: await wholeTimeline(tx, incident.id),
    tickets: links.map((l) => ({ key: l.issueKey!, url: issueUrl(l.issueKey), status: l.statusName })),
    actionItems: (await tx.postmortems.itemsOf(incident.id)).map((a) => ({
      title: a.title,
      issueKey: a.issueKey,
      issueUrl: issueUrl(a.issueKey),
      owner: a.assignee,
      dueDate: a.dueDate,
      status: a.state === "failed" ? `not created: ${a.error ?? "refused"}` : (a.statusName ?? "creating"),
      required: a.required,
    })),
    now: deps.clock.now(),
  });
}
