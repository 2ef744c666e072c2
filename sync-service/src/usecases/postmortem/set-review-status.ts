import { isDone } from "../../domain/postmortem/action-item.ts";
import { changeReviewStatus, type Postmortem, type ReviewStatus } from "../../domain/postmortem/postmortem.ts";
import type { Principal } from "../../domain/principal.ts";
import { timelineRecords } from "../../domain/timeline-records.ts";
import { recordIncidentChange } from "../incidents/fan-out.ts";
import { ConflictUseCaseError, NotFoundUseCaseError } from "../shared/errors.ts";
import { findIncident } from "../shared/find-incident.ts";
import { requireResponder } from "../shared/require-role.ts";
import { callDocuments, ticketSiteUrl, type PublishDeps } from "./postmortem-deps.ts";
import { postmortemDocument } from "./postmortem-document.ts";

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
  requireResponder(by, "Only a responder can change the review status.");
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
