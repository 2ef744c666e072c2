import { randomUUID } from "node:crypto";
import { nextStep } from "../../domain/escalation-policy.ts";
import { timelineRecords } from "../../domain/timeline-records.ts";
import { brokenNote, inTenant, queueUserPages, targetsNow } from "./page-targets.ts";
import { queueLevel, stillTriggered, type EscalationDeps } from "./paging-deps.ts";

/** Pages everyone a level targets (schedules resolve to who is on call now), then queues the next level. */
export async function runLevel(deps: EscalationDeps, incidentId: string, round: number, level: number): Promise<void> {
  await deps.uow.run(async (tx) => {
    const incident = await tx.incidents.get(incidentId);
    const policy = await tx.oncall.escalationOf(incidentId);
    if (!stillTriggered(incident) || !policy) return;
    const now = deps.clock.now();
    const step = policy.levels[level]!;
    // Only the incident's own tenant's people are paged, whatever a schedule or policy names.
    const targets = await targetsNow(tx, policy, level, now);
    const users = await inTenant(tx, incident!.tenantId, targets.users);
    for (const userId of users) await queueUserPages(tx, incident, userId, round, level, now);
    const names = await Promise.all(users.map(async (id) => (await tx.oncall.getUser(id))?.name ?? id));
    const paging = users.length
      ? `Escalation level ${level + 1}${round ? ` (repeat ${round})` : ""}: paging ${names.join(", ")}`
      : `Escalation level ${level + 1}: nobody is on call for its targets`;
    await tx.timeline.append({
      id: randomUUID(),
      ...timelineRecords.escalationLevel(incidentId, now, { round, level }, paging + brokenNote(targets.broken), users),
    });
    const next = nextStep(policy, round, level);
    const nextAt = new Date(now.getTime() + step.delayMinutes * 60_000);
    if (next) await queueLevel(tx, incidentId, next.round, next.level, nextAt);
    await tx.oncall.recordEscalationStep(incidentId, { round, level }, next && { ...next, at: nextAt });
  });
}
