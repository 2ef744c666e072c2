import { incidentKey } from "../../domain/incident.ts";
import { changeReviewStatus, type Postmortem, type ReviewStatus } from "../../domain/postmortem/postmortem.ts";
import { isDone } from "../../domain/postmortem/action-item.ts";
import { chooseTemplate } from "../../domain/postmortem/template.ts";
import { hasRole, type Principal } from "../../domain/principal.ts";
import type { DocumentPort, DocumentPorts } from "../../ports/document-port.ts";
import { ConflictUseCaseError, ForbiddenUseCaseError, NotFoundUseCaseError } from "../shared/errors.ts";
import { findIncident } from "../shared/find-incident.ts";
import { withIntegrationHealth } from "../shared/integration-health.ts";
import { recordIncidentChange } from "../incidents/fan-out.ts";
import { publishJob } from "./on-incident-change.ts";

export { POSTMORTEM_PUBLISH_TASK, REFRESH_DEBOUNCE_MS } from "./on-incident-change.ts";
import { postmortemDocument, ticketSiteUrl, type PostmortemDeps } from "./postmortem-preview.ts";
import { timelineRecords } from "../../domain/timeline-records.ts";

export const DOCUMENT_INTEGRATION = "confluence";
export interface PublishDeps extends PostmortemDeps {
  readonly documents: DocumentPorts;
}

/** Runs a call to the tenant's documents and keeps the integration's health current (see withIntegrationHealth). */
function callDocuments<T>(
  deps: PublishDeps,
  tenantId: string,
  call: (documents: DocumentPort) => Promise<T>,
): Promise<T> {
  return withIntegrationHealth(deps, tenantId, DOCUMENT_INTEGRATION, async () =>
    call(await deps.documents.forTenant(tenantId)),
  );
}

/** Creates (first time) or refreshes the incident's postmortem page. @throws NotFoundUseCaseError, ForbiddenUseCaseError */
export async function requestPostmortem(deps: PostmortemDeps, by: Principal, ref: string): Promise<Postmortem> {
  if (!hasRole(by, "responder"))
    throw new ForbiddenUseCaseError("AUTH.RESPONDER_REQUIRED", "Only a responder can publish the postmortem.");
  return deps.uow.run(async (tx) => {
    const incident = await findIncident(tx, by.tenantId, ref);
    const now = deps.clock.now();
    let postmortem = await tx.postmortems.get(incident.id);
    if (!postmortem) {
      const service = incident.serviceId ? await tx.services.get(incident.serviceId) : null;
      const template = chooseTemplate(deps.templates, service?.name ?? null, incident.severity)!;
      postmortem = {
        incidentId: incident.id,
        templateId: template.id,
        status: "draft",
        pageId: null,
        pageUrl: null,
        timelinePageId: null,
        pageVersion: 0,
        renderedAt: null,
        lastError: null,
        createdBy: by.name,
        createdAt: now,
        updatedAt: now,
      };
      await tx.postmortems.save(postmortem);
    }
    await tx.jobs.enqueue(publishJob(incident.id));
    return postmortem;
  });
}

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

/**
 * Moves the review status. `complete` reads the page to check every required people's section is
 * written, and needs every required action item done. @throws ConflictUseCaseError naming what is missing
 */
export async function setReviewStatus(
  deps: PublishDeps,
  by: Principal,
  ref: string,
  to: ReviewStatus,
): Promise<Postmortem> {
  if (!hasRole(by, "responder"))
    throw new ForbiddenUseCaseError("AUTH.RESPONDER_REQUIRED", "Only a responder can change the review status.");
  const { postmortem, incident, items } = await deps.uow.run(async (tx) => {
    const incident = await findIncident(tx, by.tenantId, ref);
    const postmortem = await tx.postmortems.get(incident.id);
    if (!postmortem) throw new NotFoundUseCaseError("postmortem", ref);
    return { postmortem, incident, items: await tx.postmortems.itemsOf(incident.id) };
  });
  let emptySections: string[] = [];
  if (to === "complete") {
    if (!postmortem.pageId)
      throw new ConflictUseCaseError(
        "POSTMORTEM.NOT_PUBLISHED",
        "Publish the postmortem first (POST …/postmortem); a draft that is not in Confluence cannot be completed.",
      );
    const siteUrl = await ticketSiteUrl(deps.tickets, incident.tenantId);
    const document = await deps.uow.run((tx) => postmortemDocument(deps, tx, incident, siteUrl));
    const written = await callDocuments(deps, incident.tenantId, (documents) =>
      documents.sectionsWritten(postmortem.pageId!, document),
    );
    emptySections = document.sections
      .filter((s) => s.owner === "people" && s.required && !written[s.id])
      .map((s) => s.title);
  }
  const openActionItems = items
    .filter((i) => i.required && !isDone(i))
    .map((i) => `${i.issueKey ?? "(creating)"} "${i.title}"`);
  return deps.uow.run(async (tx) => {
    const current = (await tx.postmortems.get(incident.id))!;
    const next = changeReviewStatus(current, to, { emptySections, openActionItems }, deps.clock.now());
    await tx.postmortems.save(next);
    if (next.status !== current.status) {
      await recordIncidentChange(
        tx,
        { kind: "postmortem", incidentId: incident.id, at: next.updatedAt },
        timelineRecords.postmortemStatusChanged(incident.id, next.updatedAt, current.status, to, by.name),
      );
    }
    return next;
  });
}
