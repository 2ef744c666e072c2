import { acknowledgeIncident, resolveIncident, type Incident } from "../../domain/incident.ts";
import type { Principal } from "../../domain/principal.ts";
import { timelineEntries, type ResponseChannel } from "../../domain/timeline-entries.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { lockIncident } from "../shared/find-incident.ts";
import { recordIncidentChange } from "./fan-out.ts";

export type StatusChange = "acknowledge" | "resolve";

/**
 * Acknowledges or resolves an incident on a person's behalf. Resolving also resolves its open alerts,
 * so the next trigger with the same dedup key opens a new incident (as in PagerDuty).
 * @throws NotFoundUseCaseError, IllegalTransitionDomainError
 */
export async function changeIncidentStatus(
  deps: UseCaseDeps,
  by: Principal,
  ref: string,
  change: StatusChange,
  via?: ResponseChannel,
): Promise<Incident> {
  return deps.uow.run((tx) => changeIncidentStatusIn(tx, deps.clock.now(), by, ref, change, via));
}

/** `changeIncidentStatus` inside a transaction the caller holds (with other writes that must commit with it). */
export async function changeIncidentStatusIn(
  tx: Transaction,
  now: Date,
  by: Principal,
  ref: string,
  change: StatusChange,
  via?: ResponseChannel,
): Promise<Incident> {
  const current = await lockIncident(tx, by.tenantId, ref);
  const next = change === "acknowledge" ? acknowledgeIncident(current, now, by.userId) : resolveIncident(current, now);
  await tx.incidents.update(next);
  if (change === "resolve") await tx.alerts.resolveAllOf(next.id, now);
  await recordIncidentChange(
    tx,
    { kind: "status", from: current, incident: next },
    timelineEntries.statusChanged(current, next, by, via),
  );
  return next;
}
