import { randomUUID } from "node:crypto";
import { incidentKey, openIncident, type Incident } from "../../domain/incident.ts";
import type { Principal } from "../../domain/principal.ts";
import type { Severity } from "../../domain/severity.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { NotFoundUseCaseError } from "../shared/errors.ts";
import { incidentOpened } from "./incident-changed.ts";
import { addLink, validIssueKey } from "../tickets/request-linked-issue.ts";

export interface DeclareIncidentInput {
  /** Required unless `fromIssueKey` is given. */
  readonly title?: string;
  /** Declare from a Jira issue: it becomes the origin, and the incident takes its summary and priority. */
  readonly fromIssueKey?: string;
  readonly description?: string;
  readonly severity?: Severity;
  readonly serviceId?: string;
}

/** Declares an incident by hand; the declarer owns it. @throws NotFoundUseCaseError for an unknown service */
export async function declareIncident(
  deps: UseCaseDeps,
  by: Principal,
  input: DeclareIncidentInput,
): Promise<Incident> {
  return deps.uow.run(async (tx) => {
    const service = input.serviceId ? await tx.services.findById(by.tenantId, input.serviceId) : null;
    if (input.serviceId && !service) throw new NotFoundUseCaseError("service", input.serviceId);
    const now = deps.clock.now();
    const fromIssueKey = input.fromIssueKey === undefined ? null : validIssueKey(input.fromIssueKey);
    const incident = openIncident(
      {
        id: randomUUID(),
        tenantId: by.tenantId,
        number: await tx.tenants.nextIncidentNumber(by.tenantId),
        // Until the link job has read the issue, the key stands in for its summary.
        title: input.title ?? fromIssueKey ?? "",
        description: input.description ?? "",
        severity: input.severity ?? service?.defaultSeverity ?? "SEV3",
        serviceId: service?.id ?? null,
        ownerId: by.userId,
      },
      now,
    );
    await tx.incidents.insert(incident);
    await tx.timeline.append({
      id: randomUUID(),
      incidentId: incident.id,
      type: "incident.triggered",
      source: "firewatch",
      sourceId: `revision:${incident.revision}`,
      occurredAt: now,
      author: by.name,
      body: `${by.name} declared ${incidentKey(incident)}: ${incident.title}`,
      data: { severity: incident.severity, serviceId: incident.serviceId, fromIssueKey },
    });
    await incidentOpened(tx, incident, service);
    if (fromIssueKey) {
      const projectKey = fromIssueKey.split("-")[0]!;
      await addLink(
        tx,
        { incidentId: incident.id, kind: "linked", isOrigin: true, issueKey: fromIssueKey, projectKey },
        { adopt: !input.title },
      );
    }
    return incident;
  });
}
