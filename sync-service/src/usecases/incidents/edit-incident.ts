import { editIncident, type Incident, type IncidentChanges } from "../../domain/incident.ts";
import type { Principal } from "../../domain/principal.ts";
import { timelineEntries } from "../../domain/timeline-entries.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { NotFoundUseCaseError } from "../shared/errors.ts";
import { lockIncident } from "../shared/find-incident.ts";
import { recordIncidentChange } from "./fan-out.ts";

/**
 * Changes title, description, severity, owner or service; each change is on the timeline and reaches linked issues.
 * A triggered incident moved to a service with an escalation policy starts escalating, unless it already is.
 * @throws NotFoundUseCaseError when the new owner or service is not the tenant's
 */
export async function updateIncident(
  deps: UseCaseDeps,
  by: Principal,
  ref: string,
  changes: IncidentChanges,
): Promise<Incident> {
  return deps.uow.run(async (tx) => {
    const current = await lockIncident(tx, by.tenantId, ref);
    const owner = changes.ownerId ? await tx.oncall.getUser(changes.ownerId) : null;
    if (changes.ownerId && (!owner || owner.tenantId !== by.tenantId))
      throw new NotFoundUseCaseError("user", changes.ownerId);
    const service = changes.serviceId ? await tx.services.get(changes.serviceId) : null;
    if (changes.serviceId && (!service || service.tenantId !== by.tenantId))
      throw new NotFoundUseCaseError("service", changes.serviceId);
    const next = editIncident(current, changes, deps.clock.now());
    if (next === current) return current;
    await tx.incidents.update(next);
    await recordIncidentChange(
      tx,
      { kind: "edited", from: current, incident: next, service },
      timelineEntries.edited(current, next, by, owner?.name ?? null, service?.name ?? null),
    );
    return next;
  });
}
