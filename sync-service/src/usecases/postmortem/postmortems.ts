import { randomUUID } from "node:crypto";
import { incidentKey } from "../../domain/incident.ts";
import { changeReviewStatus, type Postmortem, type ReviewStatus } from "../../domain/postmortem/postmortem.ts";
import { isDone } from "../../domain/postmortem/action-item.ts";
import { chooseTemplate } from "../../domain/postmortem/template.ts";
import { hasRole, type Principal } from "../../domain/principal.ts";
import type { DocumentPort, DocumentPorts } from "../../ports/document-port.ts";
import type { Jobs } from "../../ports/jobs.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";
import { ConflictUseCaseError, ForbiddenUseCaseError, NotFoundUseCaseError } from "../shared/errors.ts";
import { findIncident } from "../shared/find-incident.ts";
import { withIntegrationHealth } from "../shared/integration-health.ts";
import { postmortemDocument, ticketSiteUrl, type PostmortemDeps } from "./postmortem-preview.ts";

export const POSTMORTEM_PUBLISH_TASK = "postmortem.publish";
export const DOCUMENT_INTEGRATION = "confluence";
/** Changes after the incident resolves refresh the page at most this often. */
export const REFRESH_DEBOUNCE_MS = 30_000;

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

const publishJob = (incidentId: string, runAt?: Date) => ({
  task: POSTMORTEM_PUBLISH_TASK,
  key: `postmortem_publish:${incidentId}`,
  payload: { incidentId },
  ...(runAt ? { runAt } : {}),
});

/**
 * Something the postmortem shows changed: once the incident is resolved and its page exists, queue a
 * refresh (debounced: a burst of changes is one write). Before that, the owner publishes by hand.
 */
export async function postmortemChanged(
  tx: Pick<Transaction, "postmortems" | "incidents"> & { jobs: Jobs },
  incidentId: string,
  now: Date,
): Promise<void> {
  const postmortem = await tx.postmortems.get(incidentId);
  if (!postmortem?.pageId) return;
  const incident = await tx.incidents.get(incidentId);
  if (incident?.status !== "resolved") return;
  await tx.jobs.enqueue(publishJob(incidentId, new Date(now.getTime() + REFRESH_DEBOUNCE_MS)));
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
      await tx.timeline.append({
        id: randomUUID(),
        incidentId,
        type: "postmortem.published",
        source: "firewatch",
        sourceId: `postmortem:${page.pageId}`,
        occurredAt: now,
        author: postmortem.createdBy,
        body: `Postmortem page created: ${document.title}`,
        data: { pageId: page.pageId, url: page.url },
      });
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
      await tx.timeline.append({
        id: randomUUID(),
        incidentId: incident.id,
        type: "postmortem.status_changed",
        source: "firewatch",
        sourceId: `postmortem_status:${next.updatedAt.getTime()}`,
        occurredAt: next.updatedAt,
        author: by.name,
        body: `${by.name} set the postmortem to ${to.replace("_", " ")}`,
        data: { from: current.status, to },
      });
    }
    return next;
  });
}
