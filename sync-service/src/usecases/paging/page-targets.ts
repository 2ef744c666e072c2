// Who a level or a responder request pages: schedules resolved to who is on call, people kept to the tenant.
import type { EscalationPolicy } from "../../domain/escalation-policy.ts";
import { isUuid } from "../../domain/ids.ts";
import type { Incident } from "../../domain/incident.ts";
import { onCallAt } from "../../domain/oncall/oncall.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";
import { readStoredSchedule } from "../oncall/stored-schedule.ts";
import { keyOfPage, PAGE_TASK, type PageJob } from "./paging-deps.ts";

/** The ids among `userIds` that are active people of the tenant: nobody else is ever paged. */
export async function inTenant(tx: Transaction, tenantId: string, userIds: readonly string[]): Promise<string[]> {
  const found = await Promise.all(
    userIds.map(async (id) => (isUuid(id) && (await tx.oncall.findUser(tenantId, id))?.active ? id : null)),
  );
  return found.filter((id): id is string => id !== null);
}

/** Who the level's targets put on call now; a broken schedule pages nobody, and is named so someone corrects it. */
export async function targetsNow(
  tx: Transaction,
  policy: EscalationPolicy,
  level: number,
  now: Date,
): Promise<{ users: string[]; broken: string[] }> {
  const users: string[] = [];
  const broken: string[] = [];
  for (const target of policy.levels[level]!.targets) {
    if (target.type === "user") users.push(target.id);
    else if (target.type === "team") users.push(...(await tx.teams.membersOf(target.id)));
    else {
      const record = await tx.oncall.getSchedule(target.id);
      const read = record ? readStoredSchedule(record) : null;
      if (read && "schedule" in read) users.push(...onCallAt(read.schedule, now));
      else if (record) broken.push(record.name);
    }
  }
  return { users: [...new Set(users)], broken };
}

export const brokenNote = (names: readonly string[]) =>
  names.length
    ? `; schedule ${names.map((n) => JSON.stringify(n)).join(", ")} no longer validates and pages nobody until corrected`
    : "";

/**
 * One page job per notification rule of the user, each at its delay; keys make each happen once. `request` names
 * the "Add responder" request when the person is paged by hand rather than by the policy's level.
 */
export async function queueUserPages(
  tx: Transaction,
  incident: Incident,
  userId: string,
  round: number,
  level: number,
  now: Date,
  request?: string,
): Promise<void> {
  const rules = await tx.oncall.listNotificationRules(userId);
  const plan = rules.length
    ? rules.map((r, i) => ({ index: i, contactMethodId: r.contactMethodId, delayMinutes: r.delayMinutes }))
    : (await tx.oncall.listContacts(userId))
        .slice(0, 1)
        .map((c) => ({ index: 0, contactMethodId: c.id, delayMinutes: 0 }));
  for (const step of plan) {
    const job: PageJob = {
      incidentId: incident.id,
      round,
      level,
      userId,
      index: step.index,
      contactMethodId: step.contactMethodId,
      ...(request ? { request } : {}),
    };
    await tx.jobs.enqueue({
      task: PAGE_TASK,
      key: keyOfPage(job),
      payload: { ...job },
      runAt: new Date(now.getTime() + step.delayMinutes * 60_000),
    });
  }
}
