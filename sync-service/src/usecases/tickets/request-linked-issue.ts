import { randomUUID } from "node:crypto";
import { InvalidInputDomainError } from "../../domain/errors.ts";
import type { Incident } from "../../domain/incident.ts";
import { ISSUE_KEY_PATTERN, type LinkedIssue } from "../../domain/linked-issue.ts";
import type { Principal } from "../../domain/principal.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { ConflictUseCaseError } from "../shared/errors.ts";
import { findIncident } from "../shared/find-incident.ts";

export const LINK_TICKET_TASK = "ticket.link";

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

/**
 * The Jira project a new issue of the incident goes to: the one asked for, else its service's, else the tenant's.
 * @throws InvalidInputDomainError when there is none
 */
export async function projectForNewIssue(
  tx: Pick<Transaction, "services" | "tenants">,
  tenantId: string,
  incident: Incident,
  requested?: string,
): Promise<string> {
  const service = incident.serviceId ? await tx.services.findById(tenantId, incident.serviceId) : null;
  const projectKey =
    requested ?? service?.tickets.projectKey ?? (await tx.tenants.settings(tenantId)).tickets.projectKey;
  if (!projectKey) {
    throw new InvalidInputDomainError(
      "TICKET.PROJECT_REQUIRED",
      "Give `projectKey`, or set `jira.projectKey` on the incident's service (or a default project on the Forge admin page).",
    );
  }
  return projectKey;
}

/**
 * Where a create request of the incident would put its issue (for checking the caller may create there first).
 * @throws NotFoundUseCaseError, InvalidInputDomainError (no project)
 */
export async function newIssueProject(
  deps: UseCaseDeps,
  by: Principal,
  ref: string,
  requested?: string,
): Promise<string> {
  return deps.uow.run(async (tx) =>
    projectForNewIssue(tx, by.tenantId, await findIncident(tx, by.tenantId, ref), requested),
  );
}

/** @throws InvalidInputDomainError */
export function validIssueKey(key: string): string {
  const issueKey = key.trim().toUpperCase();
  if (!ISSUE_KEY_PATTERN.test(issueKey)) {
    throw new InvalidInputDomainError(
      "TICKET.INVALID_KEY",
      `${JSON.stringify(key)} is not a Jira issue key such as CI-17.`,
    );
  }
  return issueKey;
}

export async function addLink(
  tx: Pick<Transaction, "links" | "jobs">,
  fields: Pick<LinkedIssue, "incidentId" | "kind" | "isOrigin"> &
    Partial<Pick<LinkedIssue, "issueId" | "issueKey" | "projectKey" | "issueType">>,
  options: { adopt?: boolean } = {},
): Promise<LinkedIssue> {
  const link: LinkedIssue = {
    id: randomUUID(),
    state: "pending",
    issueId: null,
    issueKey: null,
    projectKey: null,
    issueType: null,
    statusName: null,
    statusCategory: null,
    syncedRevision: 0,
    dropReason: null,
    createSentAt: null,
    createdAt: new Date(),
    ...fields,
  };
  await tx.links.insert(link);
  await tx.jobs.enqueue({
    task: LINK_TICKET_TASK,
    key: `ticket_link:${link.id}`,
    payload: { linkId: link.id, adopt: options.adopt ?? false },
  });
  return link;
}
