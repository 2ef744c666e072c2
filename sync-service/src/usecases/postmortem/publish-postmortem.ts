import { incidentKey } from "../../domain/incident.ts";
import { timelineRecords } from "../../domain/timeline-records.ts";
import { recordIncidentChange } from "../incidents/fan-out.ts";
import { callDocuments, ticketSiteUrl, type PublishDeps } from "./postmortem-deps.ts";
import { postmortemDocument } from "./postmortem-document.ts";

/** The publish job: render from the current facts and write the page (creating it the first time). */
export async function publishPostmortem(deps: PublishDeps, incidentId: string): Promise<void> {
  const tenantId = (await deps.uow.run((tx) => tx.incidents.get(incidentId)))?.tenantId;
  if (!tenantId) return;
  const siteUrl = await ticketSiteUrl(deps.tickets, tenantId);
  const prepared = await deps.uow.run(async (tx) => {
    const postmortem = await tx.postmortems.get(incidentId);
    const incident = await tx.incidents.get(incidentId);
    if (!postmortem || !incident) return null;
    const service = incident.serviceId ? await tx.services.get(incident.serviceId) : null;
    return {
      postmortem,
      document: await postmortemDocument(deps, tx, incident, siteUrl),
      parentTitle: `Postmortems: ${service?.name ?? "no service"}`,
      key: incidentKey(incident),
    };
  });
  if (!prepared) return;
  const { postmortem, document } = prepared;
  const page = await callDocuments(deps, tenantId, (documents) =>
    documents.publish({
      incidentId,
      pageId: postmortem.pageId,
      timelinePageId: postmortem.timelinePageId,
      parentTitle: prepared.parentTitle,
      document,
    }),
  );
  await deps.uow.run(async (tx) => {
    const current = (await tx.postmortems.get(incidentId)) ?? postmortem;
    const now = deps.clock.now();
    await tx.postmortems.save({
      ...current,
      pageId: page.pageId,
      pageUrl: page.url,
      timelinePageId: page.timelinePageId,
      pageVersion: page.version,
      renderedAt: now,
      lastError: null,
      updatedAt: now,
    });
    if (!postmortem.pageId) {
      await recordIncidentChange(
        tx,
        { kind: "postmortem", incidentId, at: now },
        timelineRecords.postmortemPublished(incidentId, now, { ...page, title: document.title }, postmortem.createdBy),
      );
    }
  });
}
