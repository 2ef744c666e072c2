// What the Forge app's issue panel shows: the incidents linked to a Jira issue. Every read is the caller's
// tenant's: an issue id from another site finds nothing.
import type { Incident } from "../../domain/incident.ts";
import type { LinkedIssue } from "../../domain/linked-issue.ts";
import type { Principal } from "../../domain/principal.ts";
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
