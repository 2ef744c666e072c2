import { randomUUID } from "node:crypto";
import { InvalidInputDomainError } from "../../domain/errors.ts";
import { openIncident, type Incident } from "../../domain/incident.ts";
import { severityForPriority } from "../../domain/linked-issue.ts";
import type { Principal } from "../../domain/principal.ts";
import type { Severity } from "../../domain/severity.ts";
import { timelineEntries } from "../../domain/timeline-entries.ts";
import { TicketNotFoundError } from "../../ports/integration-errors.ts";
import type { RemoteIssue, TicketPorts } from "../../ports/ticket-port.ts";
import type { Service } from "../../domain/service.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { NotFoundUseCaseError } from "../shared/errors.ts";
import { addLink, validIssueKey } from "../tickets/ticket-deps.ts";
import { recordIncidentChange } from "./fan-out.ts";

export interface DeclareIncidentInput {
  /** Required unless `fromIssueKey` is given. */
  readonly title?: string;
  /** Declare from a Jira issue: it becomes the origin, and the incident takes its summary and priority. */
  readonly fromIssueKey?: string;
  readonly description?: string;
  readonly severity?: Severity;
  /** Absent: the tenant's default service, if one is set; null: none (the incident pages nobody). */
  readonly serviceId?: string | null;
  /** A practice incident: everything it sends says DRILL, and reports leave it out. */
  readonly drill?: boolean;
}

export interface DeclareDeps extends UseCaseDeps {
  /** Each tenant's Jira, to read the issue an incident is declared from; without it the link job reads it. */
  readonly tickets?: TicketPorts;
}

/** How long declaring waits for Jira to answer before it declares anyway and lets the link job read the issue. */
export const ORIGIN_READ_BUDGET_MS = 3_000;

/**
 * Declares an incident by hand; the declarer owns it. Declared from a Jira issue, it takes the issue's summary and
 * priority at once; when Jira is slow or down it declares with the key as its title, and the link job adopts them.
 * @throws NotFoundUseCaseError for an unknown service; InvalidInputDomainError for an issue Jira says does not exist
 */
export async function declareIncident(
  deps: DeclareDeps,
  by: Principal,
  input: DeclareIncidentInput,
): Promise<Incident> {
  const fromIssueKey = input.fromIssueKey === undefined ? null : validIssueKey(input.fromIssueKey);
  const readsOrigin = fromIssueKey !== null && input.title === undefined;
  // An unknown service is refused before Jira is asked anything.
  if (readsOrigin && input.serviceId) await deps.uow.run((tx) => serviceOf(tx, by.tenantId, input.serviceId));
  const origin = readsOrigin ? await readOrigin(deps, by.tenantId, fromIssueKey) : null;
  return deps.uow.run(async (tx) => {
    const service =
      input.serviceId === undefined
        ? await defaultService(tx, by.tenantId)
        : await serviceOf(tx, by.tenantId, input.serviceId);
    const priorities = (service?.tickets ?? (await tx.tenants.settings(by.tenantId)).tickets).priorities;
    const incident = openIncident(
      {
        id: randomUUID(),
        tenantId: by.tenantId,
        number: await tx.tenants.nextIncidentNumber(by.tenantId),
        // Until the link job has read the issue, the key stands in for its summary.
        title: input.title ?? origin?.summary ?? fromIssueKey ?? "",
        description: input.description ?? "",
        severity:
          input.severity ??
          (origin && severityForPriority(origin.priority, priorities)) ??
          service?.defaultSeverity ??
          "SEV3",
        serviceId: service?.id ?? null,
        ownerId: by.userId,
        drill: input.drill ?? false,
      },
      deps.clock.now(),
    );
    await tx.incidents.insert(incident);
    await recordIncidentChange(
      tx,
      { kind: "opened", incident, service },
      timelineEntries.declared(incident, by, fromIssueKey),
    );
    if (fromIssueKey) {
      const projectKey = fromIssueKey.split("-")[0]!;
      await addLink(
        tx,
        { incidentId: incident.id, kind: "linked", isOrigin: true, issueKey: fromIssueKey, projectKey },
        { adopt: input.title === undefined && !origin },
      );
    }
    return incident;
  });
}

async function serviceOf(tx: Transaction, tenantId: string, serviceId?: string | null): Promise<Service | null> {
  if (!serviceId) return null;
  const service = await tx.services.findById(tenantId, serviceId);
  if (!service) throw new NotFoundUseCaseError("service", serviceId);
  return service;
}

/** The tenant's default service; none when unset, or when the service it named has since been deleted. */
async function defaultService(tx: Transaction, tenantId: string): Promise<Service | null> {
  const { defaultServiceId } = await tx.tenants.settings(tenantId);
  return defaultServiceId ? await tx.services.findById(tenantId, defaultServiceId) : null;
}

/** The origin issue, or null when Jira does not answer in time (or is not set up): the link job reads it then. */
async function readOrigin(deps: DeclareDeps, tenantId: string, key: string): Promise<RemoteIssue | null> {
  if (!deps.tickets) return null;
  const read = deps.tickets.forTenant(tenantId).then((jira) => jira.get(key));
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ORIGIN_READ_BUDGET_MS)));
  try {
    return await Promise.race([read, late]);
  } catch (error) {
    if (error instanceof TicketNotFoundError)
      throw new InvalidInputDomainError(
        "INCIDENT.ORIGIN_NOT_FOUND",
        `\`fromIssueKey\`: ${key} does not exist in Jira, or Firewatch may not see it; check the key.`,
      );
    return null;
  } finally {
    clearTimeout(timer);
    read.catch(() => undefined);
  }
}
