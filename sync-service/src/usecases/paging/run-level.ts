import { randomUUID } from "node:crypto";
import { nextStep, type EscalationPolicy } from "../../domain/escalation-policy.ts";
import { isUuid } from "../../domain/ids.ts";
import type { Incident } from "../../domain/incident.ts";
import { onCallAt } from "../../domain/oncall/oncall.ts";
import { timelineRecords } from "../../domain/timeline-records.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";
import { readStoredSchedule } from "../oncall/stored-schedule.ts";
import { PAGE_TASK, pageKey, queueLevel, stillTriggered, type EscalationDeps } from "./paging-deps.ts";

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
    if (next)
      await queueLevel(tx, incidentId, next.round, next.level, new Date(now.getTime() + step.delayMinutes * 60_000));
  });
}

async function inTenant(tx: Transaction, tenantId: string, userIds: readonly string[]): Promise<string[]> {
  const found = await Promise.all(
    userIds.map(async (id) => (isUuid(id) && (await tx.oncall.findUser(tenantId, id)) ? id : null)),
  );
  return found.filter((id): id is string => id !== null);
}

/** Who the level's targets put on call now; a broken schedule pages nobody, and is named so someone corrects it. */
async function targetsNow(
  tx: Transaction,
  policy: EscalationPolicy,
  level: number,
  now: Date,
): Promise<{ users: string[]; broken: string[] }> {
  const users: string[] = [];
  const broken: string[] = [];
  for (const target of policy.levels[level]!.targets) {
    if (target.type === "user") users.push(target.id);
    else {
      const record = await tx.oncall.getSchedule(target.id);
      const read = record ? readStoredSchedule(record) : null;
      if (read && "schedule" in read) users.push(...onCallAt(read.schedule, now));
      else if (record) broken.push(record.name);
    }
  }
  return { users: [...new Set(users)], broken };
}

const brokenNote = (names: readonly string[]) =>
  names.length
    ? `; schedule ${names.map((n) => JSON.stringify(n)).join(", ")} no longer validates and pages nobody until corrected`
    : "";

/** One page job per notification rule of the user, each at its delay; keys make each happen once. */
async function queueUserPages(
  tx: Transaction,
  incident: Incident,
  userId: string,
  round: number,
  level: number,
  now: Date,
): Promise<void> {
  const rules = await tx.oncall.listNotificationRules(userId);
  const plan = rules.length
    ? rules.map((r, i) => ({ index: i, contactMethodId: r.contactMethodId, delayMinutes: r.delayMinutes }))
    : (await tx.oncall.listContacts(userId))
        .slice(0, 1)
        .map((c) => ({ index: 0, contactMethodId: c.id, delayMinutes: 0 }));
  for (const step of plan) {
    await tx.jobs.enqueue({
      task: PAGE_TASK,
      key: pageKey(incident.id, round, level, userId, step.index),
      payload: {
        incidentId: incident.id,
        round,
        level,
        userId,
        index: step.index,
        contactMethodId: step.contactMethodId,
      },
      runAt: new Date(now.getTime() + step.delayMinutes * 60_000),
    });
  }
}
