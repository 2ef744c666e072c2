// What the Forge app's UI Kit modules show: the incidents linked to a Jira issue (issue panel), the
// incident behind a Confluence postmortem page (byline) and the tenant's settings (admin page). Every
// read is the caller's tenant's: an issue or page id from another site finds nothing.
import { isDone } from "../../domain/postmortem/action-item.ts";
import type { Incident } from "../../domain/incident.ts";
import type { Principal } from "../../domain/principal.ts";
import type { LinkedIssue } from "../../domain/linked-issue.ts";
import type { Postmortem } from "../../domain/postmortem/postmortem.ts";
import type { ActionItem } from "../../domain/postmortem/action-item.ts";
import type { UseCaseDeps } from "../shared/deps.ts";

export interface IssueIncident {
  readonly incident: Incident;
  readonly ownerName: string | null;
  readonly link: LinkedIssue;
}

/** Incidents of the caller's tenant linked to the issue, newest first. */
export async function incidentsOfIssue(
  deps: UseCaseDeps,
  by: Principal,
  issue: { id: string; key: string },
): Promise<IssueIncident[]> {
  return deps.uow.run(async (tx) => {
    const found: IssueIncident[] = [];
    for (const link of await tx.links.findByIssue(by.tenantId, issue)) {
      const incident = await tx.incidents.findById(by.tenantId, link.incidentId);
      if (!incident || found.some((f) => f.incident.id === incident.id)) continue;
      const owner = incident.ownerId ? await tx.oncall.getUser(incident.ownerId) : null;
      found.push({ incident, ownerName: owner?.name ?? null, link });
    }
    return found.sort((a, b) => b.incident.number - a.incident.number);
  });
}

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
