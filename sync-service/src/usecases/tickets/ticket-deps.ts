// What the ticket actions share: their dependencies, calls to the tenant's tracker, and how links are added and dropped.
import { randomUUID } from "node:crypto";
import { InvalidInputDomainError } from "../../domain/errors.ts";
import type { Incident } from "../../domain/incident.ts";
import { ISSUE_KEY_PATTERN, type LinkedIssue } from "../../domain/linked-issue.ts";
import { ticketEntries } from "../../domain/ticket-entries.ts";
import { TicketNotFoundError } from "../../ports/integration-errors.ts";
import type { TicketPort, TicketPorts } from "../../ports/ticket-port.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";
import { recordIncidentChange, type FanOutTransaction } from "../incidents/fan-out.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { withIntegrationHealth } from "../shared/integration-health.ts";

export interface TicketDeps extends UseCaseDeps {
  /** Each tenant's tracker; reach it through callTracker so its health is kept. */
  readonly tickets: TicketPorts;
  /** Base of links back to incidents. */
  readonly publicUrl: string;
}

export const TICKET_INTEGRATION = "jira";
export const LINK_TICKET_TASK = "ticket.link";
export { UNHEALTHY_RETRY_MS } from "../shared/integration-health.ts";

/**
 * Runs a call to the tenant's tracker and keeps the integration's health current: rejected credentials
 * or missing permissions mark it unhealthy and keep the job for later; success marks it healthy again.
 */
export async function callTracker<T>(
  deps: TicketDeps,
  tenantId: string,
  call: (tickets: TicketPort) => Promise<T>,
): Promise<T> {
  return withIntegrationHealth(deps, tenantId, TICKET_INTEGRATION, async () =>
    call(await deps.tickets.forTenant(tenantId)),
  );
}

/**
 * Runs `call` on the tenant's tracker for one link. When the tracker answers that the issue does not exist (or
 * Firewatch may not see it), the link is dropped with `drop`'s timeline entry instead of failing the job, and the
 * answer is undefined.
 */
export async function onLinkedIssue<T>(
  deps: TicketDeps,
  tenantId: string,
  link: LinkedIssue,
  call: (jira: TicketPort) => Promise<T>,
  drop: { reason: string; type: "ticket.link_failed" | "ticket.dropped" } = {
    reason: `${link.issueKey} was deleted in Jira, or Firewatch may no longer see it`,
    type: "ticket.dropped",
  },
): Promise<T | undefined> {
  try {
    return await callTracker(deps, tenantId, call);
  } catch (error) {
    if (!(error instanceof TicketNotFoundError)) throw error;
    await deps.uow.run((tx) => dropLink(tx, deps.clock.now(), link, drop.reason, drop.type));
    return undefined;
  }
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

/** Stores a pending link and queues the job that does the Jira side (creates or looks up the issue). */
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

/** Drops a link, saying why on the timeline. */
export async function dropLink(
  tx: Pick<Transaction, "links" | "incidents"> & FanOutTransaction,
  now: Date,
  link: LinkedIssue,
  reason: string,
  type: "ticket.link_failed" | "ticket.dropped",
): Promise<void> {
  await tx.links.update({ ...link, state: "dropped", dropReason: reason });
  const incident = (await tx.incidents.get(link.incidentId))!;
  await recordIncidentChange(tx, { kind: "links", incident, at: now }, ticketEntries.dropped(link, reason, type, now));
}
