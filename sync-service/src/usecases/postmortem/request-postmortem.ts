import { chooseTemplate } from "../../domain/postmortem/template.ts";
import type { Postmortem } from "../../domain/postmortem/postmortem.ts";
import type { Principal } from "../../domain/principal.ts";
import { findIncident } from "../shared/find-incident.ts";
import { requireResponder } from "../shared/require-role.ts";
import { publishJob } from "./on-incident-change.ts";
import type { PostmortemDeps } from "./postmortem-deps.ts";

/** Creates (first time) or refreshes the incident's postmortem page. @throws NotFoundUseCaseError, ForbiddenUseCaseError */
export async function requestPostmortem(deps: PostmortemDeps, by: Principal, ref: string): Promise<Postmortem> {
  requireResponder(by, "Only a responder can publish the postmortem.");
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
