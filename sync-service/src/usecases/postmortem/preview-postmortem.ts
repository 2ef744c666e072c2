import type { PostmortemDocument } from "../../domain/postmortem/document.ts";
import type { Principal } from "../../domain/principal.ts";
import { findIncident } from "../shared/find-incident.ts";
import { ticketSiteUrl, type PostmortemDeps } from "./postmortem-deps.ts";
import { postmortemDocument } from "./postmortem-document.ts";

/** The postmortem the incident would get now. @throws NotFoundUseCaseError */
export async function previewPostmortem(deps: PostmortemDeps, by: Principal, ref: string): Promise<PostmortemDocument> {
  const siteUrl = await ticketSiteUrl(deps.tickets, by.tenantId);
  return deps.uow.run(async (tx) => postmortemDocument(deps, tx, await findIncident(tx, by.tenantId, ref), siteUrl));
}
