// What the Forge app's Confluence byline shows: the incident behind a postmortem page. Every read is the
// caller's tenant's: a page id from another site finds nothing.
import { isDone, type ActionItem } from "../../domain/postmortem/action-item.ts";
import type { Postmortem } from "../../domain/postmortem/postmortem.ts";
import type { Incident } from "../../domain/incident.ts";
import type { Principal } from "../../domain/principal.ts";
import type { UseCaseDeps } from "../shared/deps.ts";

export interface PagePostmortem {
  readonly incident: Incident;
  readonly postmortem: Postmortem;
  readonly openItems: readonly ActionItem[];
  readonly doneItems: number;
}

/** The postmortem written to a Confluence page, if the page is one of the caller's tenant's postmortems. */
export async function postmortemOfPage(
  deps: UseCaseDeps,
  by: Principal,
  pageId: string,
): Promise<PagePostmortem | null> {
  return deps.uow.run(async (tx) => {
    const postmortem = await tx.postmortems.findByPageId(pageId);
    const incident = postmortem && (await tx.incidents.findById(by.tenantId, postmortem.incidentId));
    if (!postmortem || !incident) return null;
    const items = await tx.postmortems.itemsOf(incident.id);
    return { incident, postmortem, openItems: items.filter((i) => !isDone(i)), doneItems: items.filter(isDone).length };
  });
}
