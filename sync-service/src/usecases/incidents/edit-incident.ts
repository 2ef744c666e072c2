import { editIncident, type Incident, type IncidentChanges } from "../../domain/incident.ts";
import type { Principal } from "../../domain/principal.ts";
import { timelineEntries } from "../../domain/timeline-entries.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { NotFoundUseCaseError } from "../shared/errors.ts";
import { lockIncident } from "../shared/find-incident.ts";
import { recordIncidentChange } from "./fan-out.ts";

/**
 * Changes title, description, severity or owner; each change is on the timeline and reaches linked issues.
 * @throws NotFoundUseCaseError when the new owner is not a user of the tenant
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
    const next = editIncident(current, changes, deps.clock.now());
    if (next === current) return current;
    await tx.incidents.update(next);
    await recordIncidentChange(
      tx,
      { kind: "edited", from: current, incident: next },
      timelineEntries.edited(current, next, by, owner?.name ?? null),
    );
    return next;
  });
}
