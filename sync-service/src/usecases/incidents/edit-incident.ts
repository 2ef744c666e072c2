import { randomUUID } from "node:crypto";
import { postmortemChanged } from "../postmortem/postmortems.ts";
import { editIncident, incidentKey, type Incident, type IncidentChanges } from "../../domain/incident.ts";
import type { Principal } from "../../domain/principal.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { NotFoundUseCaseError } from "../shared/errors.ts";
import { lockIncident } from "../shared/find-incident.ts";
import { incidentChanged } from "./incident-changed.ts";

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
    const what = [
      next.title !== current.title && `title to "${next.title}"`,
      next.severity !== current.severity && `severity ${current.severity} → ${next.severity}`,
      next.description !== current.description && "the description",
      next.ownerId !== current.ownerId && (owner ? `the owner to ${owner.name}` : "the owner to nobody"),
    ].filter(Boolean);
    await tx.timeline.append({
      id: randomUUID(),
      incidentId: next.id,
      type: "incident.updated",
      source: "firewatch",
      sourceId: `revision:${next.revision}`,
      occurredAt: next.updatedAt,
      author: by.name,
      body: `${by.name} changed ${what.join(", ")} of ${incidentKey(next)}`,
      data: {
        from: { title: current.title, severity: current.severity, ownerId: current.ownerId },
        to: { title: next.title, severity: next.severity, ownerId: next.ownerId },
      },
    });
    await incidentChanged(tx, next);
    await postmortemChanged(tx, next.id, next.updatedAt);
    return next;
  });
}
