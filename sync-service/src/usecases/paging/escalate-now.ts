import { randomUUID } from "node:crypto";
import { escalateNowStep } from "../../domain/escalation-policy.ts";
import { incidentKey } from "../../domain/incident.ts";
import type { Principal } from "../../domain/principal.ts";
import { timelineEntries, type ResponseChannel } from "../../domain/timeline-entries.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { ConflictUseCaseError } from "../shared/errors.ts";
import { lockIncident } from "../shared/find-incident.ts";
import { queueLevel } from "./paging-deps.ts";

/**
 * "Escalate now": the level queued next pages at once (its timer is moved to now, so it never pages twice), and the
 * escalation goes on from there as it would have. Once the policy has run out, its first level pages again.
 * @throws ConflictUseCaseError when the incident is not triggered, or has no escalation to move on
 */
export async function escalateNow(
  deps: UseCaseDeps,
  by: Principal,
  ref: string,
  via?: ResponseChannel,
): Promise<{ level: number }> {
  return deps.uow.run(async (tx) => {
    const incident = await lockIncident(tx, by.tenantId, ref);
    if (incident.status !== "triggered") {
      throw new ConflictUseCaseError(
        "INCIDENT.NOT_TRIGGERED",
        `${incidentKey(incident)} is ${incident.status}: only a triggered incident escalates. Add a responder to page someone.`,
      );
    }
    const progress = await tx.oncall.escalationProgress(incident.id);
    if (!progress) {
      throw new ConflictUseCaseError(
        "INCIDENT.NO_ESCALATION_POLICY",
        `${incidentKey(incident)} has no escalation to move on: give it a service with an escalation policy, or add a responder.`,
      );
    }
    const step = escalateNowStep(progress);
    const now = deps.clock.now();
    await queueLevel(tx, incident.id, step.round, step.level, now);
    const id = randomUUID();
    await tx.timeline.append({ id, ...timelineEntries.escalatedByHand(incident, id, by, step, now, via) });
    return { level: step.level + 1 };
  });
}
