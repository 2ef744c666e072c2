import type { LinkedIssue } from "../../domain/linked-issue.ts";
import type { Principal } from "../../domain/principal.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { ConflictUseCaseError } from "../shared/errors.ts";
import { findIncident } from "../shared/find-incident.ts";
import { addLink, projectForNewIssue, validIssueKey } from "./ticket-deps.ts";

export type LinkRequest =
  { kind: "create"; projectKey?: string; issueType?: string } | { kind: "link"; issueKey: string };

/**
 * Asks for a Jira issue to be created for the incident, or an existing one linked. The link is stored
 * as pending and a job does the Jira side, so the answer never waits on Jira.
 * @throws NotFoundUseCaseError, InvalidInputDomainError (no project), ConflictUseCaseError (already linked)
 */
export async function requestLinkedIssue(
  deps: UseCaseDeps,
  by: Principal,
  ref: string,
  request: LinkRequest,
): Promise<LinkedIssue> {
  return deps.uow.run(async (tx) => {
    const incident = await findIncident(tx, by.tenantId, ref);
    const links = (await tx.links.listOf(incident.id)).filter((l) => l.state !== "dropped");
    if (request.kind === "link") {
      const issueKey = validIssueKey(request.issueKey);
      if (links.some((l) => l.issueKey === issueKey)) {
        throw new ConflictUseCaseError("TICKET.ALREADY_LINKED", `${issueKey} is already linked to this incident.`);
      }
      return addLink(tx, {
        incidentId: incident.id,
        kind: "linked",
        isOrigin: false,
        issueKey,
        projectKey: issueKey.split("-")[0]!,
      });
    }
    const service = incident.serviceId ? await tx.services.findById(by.tenantId, incident.serviceId) : null;
    const projectKey = await projectForNewIssue(tx, by.tenantId, incident, request.projectKey);
    return addLink(tx, {
      incidentId: incident.id,
      kind: "created",
      // The first created issue is the incident's origin, unless it already has one.
      isOrigin: !links.some((l) => l.isOrigin),
      projectKey,
      issueType: request.issueType ?? service?.tickets.issueType ?? "Task",
    });
  });
}
