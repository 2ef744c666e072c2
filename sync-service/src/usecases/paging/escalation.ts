import { randomUUID } from "node:crypto";
import { nextStep, type EscalationPolicy } from "../../domain/escalation-policy.ts";
import { incidentKey, type Incident } from "../../domain/incident.ts";
import { onCallAt } from "../../domain/oncall/oncall.ts";
import { isIntegrationError } from "../../ports/integration-errors.ts";
import type { DeliveryReport, NotifierPort } from "../../ports/notifier-port.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";
import { conversationChanged } from "../chat/chat-deps.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { readStoredSchedule } from "../oncall/stored-schedule.ts";
import { timelineRecords } from "../../domain/timeline-records.ts";
import { isUuid } from "../../domain/ids.ts";

export const ESCALATE_TASK = "escalation.level";
export const START_ESCALATION_TASK = "escalation.start";
export const PAGE_TASK = "page.send";

export interface EscalationDeps extends UseCaseDeps {
  readonly notifier: NotifierPort;
  readonly publicUrl: string;
}

/** Queues the start of the escalation of a newly opened incident (in the transaction that opened it). */
export async function escalateWhenOpened(tx: Pick<Transaction, "jobs">, incidentId: string): Promise<void> {
  await tx.jobs.enqueue({ task: START_ESCALATION_TASK, key: `escalate:${incidentId}:start`, payload: { incidentId } });
}

/** Acknowledge and resolve stop everything still waiting to page for the incident. */
export async function stopEscalation(tx: Pick<Transaction, "jobs">, incidentId: string): Promise<void> {
  await tx.jobs.cancelPending(`escalate:${incidentId}:`);
  await tx.jobs.cancelPending(`page:${incidentId}:`);
}

const stillTriggered = (incident: Incident | null): incident is Incident => incident?.status === "triggered";

/** Snapshots the service's policy (later edits do not change a running escalation) and pages level 1. */
export async function startEscalation(deps: EscalationDeps, incidentId: string): Promise<void> {
  await deps.uow.run(async (tx) => {
    const incident = await tx.incidents.get(incidentId);
    if (!stillTriggered(incident) || !incident.serviceId) return;
    const service = await tx.services.get(incident.serviceId);
    const policy = service?.escalationPolicyId ? await tx.oncall.getPolicy(service.escalationPolicyId) : null;
    if (!policy) return;
    await tx.oncall.startEscalation(incidentId, policy, deps.clock.now());
    await queueLevel(tx, incidentId, 0, 0, deps.clock.now());
  });
}

async function queueLevel(
  tx: Pick<Transaction, "jobs">,
  incidentId: string,
  round: number,
  level: number,
  runAt: Date,
): Promise<void> {
  await tx.jobs.enqueue({
    task: ESCALATE_TASK,
    key: `escalate:${incidentId}:${round}:${level}`,
    payload: { incidentId, round, level },
    runAt,
  });
}

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

const pageKey = (incidentId: string, round: number, level: number, userId: string, index: number) =>
  `page:${incidentId}:${round}:${level}:${userId}:${index}`;
/** The notification rule index a page key names (its last part). */
const pageIndexOf = (key: string): number | null => {
  const index = Number(key.split(":").at(-1));
  return Number.isInteger(index) && index >= 0 ? index : null;
};

export interface PageJob {
  readonly incidentId: string;
  readonly round: number;
  readonly level: number;
  readonly userId: string;
  readonly index: number;
  readonly contactMethodId: string;
}

/**
 * Sends one page, at most once per key (a restart neither loses nor repeats it), unless the incident
 * was acknowledged or resolved meanwhile. A rejected channel moves straight on to the user's next rule.
 */
export async function sendPage(deps: EscalationDeps, job: PageJob): Promise<void> {
  const key = pageKey(job.incidentId, job.round, job.level, job.userId, job.index);
  const prepared = await deps.uow.run(async (tx) => {
    const incident = await tx.incidents.get(job.incidentId);
    const contact = (await tx.oncall.listContacts(job.userId)).find((c) => c.id === job.contactMethodId);
    const user = await tx.oncall.getUser(job.userId);
    if (!stillTriggered(incident) || !contact || !user) return null;
    const id = randomUUID();
    const page = await tx.oncall.claimPage({ id, key, ...job, state: "sending", providerId: null, error: null });
    return page.state === "sending" ? { incident, contact, user, page, mayHaveBeenSent: page.id !== id } : null;
  });
  if (!prepared) return;
  const { incident, contact, user, page, mayHaveBeenSent } = prepared;
  const message = {
    pageId: page.id,
    incidentId: incident.id,
    incidentKey: incidentKey(incident),
    title: incident.title,
    severity: incident.severity,
    status: incident.status,
    url: `${deps.publicUrl}/incidents/${incidentKey(incident)}`,
    level: job.level + 1,
    recipientName: user.name,
    mayHaveBeenSent,
  };
  try {
    const delivery = await deps.notifier.send(contact, message);
    await deps.uow.run(async (tx) => {
      await tx.oncall.updatePage({ ...page, state: "sent", providerId: delivery.providerId });
      const record = { pageId: page.id, userId: user.id, userName: user.name, kind: contact.kind };
      await tx.timeline.append({
        id: randomUUID(),
        ...timelineRecords.pageSent(incident.id, deps.clock.now(), record, job.level),
      });
      // A paged responder joins the incident channel, if there is one.
      await conversationChanged(tx, incident.id);
    });
  } catch (error) {
    if (!isIntegrationError(error, "rejected", "access", "not_configured")) throw error;
    await deps.uow.run(async (tx) => {
      await tx.oncall.updatePage({ ...page, state: "failed", error: error.message });
      const record = { pageId: page.id, userId: user.id, userName: user.name, kind: contact.kind };
      await tx.timeline.append({
        id: randomUUID(),
        ...timelineRecords.pageFailed(incident.id, deps.clock.now(), record, error.message, false),
      });
      await pageNextRule(tx, job, deps.clock.now());
    });
  }
}

/** Queues the person's next notification rule at once, when there is one: this one did not reach them. */
async function pageNextRule(tx: Transaction, job: PageJob, now: Date): Promise<void> {
  const next = (await tx.oncall.listNotificationRules(job.userId))[job.index + 1];
  if (!next) return;
  await tx.jobs.enqueue({
    task: PAGE_TASK,
    key: pageKey(job.incidentId, job.round, job.level, job.userId, job.index + 1),
    payload: { ...job, index: job.index + 1, contactMethodId: next.contactMethodId },
    runAt: now,
  });
}

/**
 * What the provider reported later about a page it accepted: delivered, or failed (a text undelivered to a
 * switched-off phone, a call nobody answered). A failure goes on the timeline and, while the incident is still
 * unacknowledged, moves the page to the person's next notification rule, as a refusal at send does. Reports
 * repeat and arrive out of order: only the first final one for a sent page counts.
 * @returns false when no page sent under this id has that provider id (nothing changed)
 */
export async function applyDeliveryReport(deps: UseCaseDeps, pageId: string, report: DeliveryReport): Promise<boolean> {
  return deps.uow.run(async (tx) => {
    const page = await tx.oncall.lockPage(pageId);
    if (!page || page.providerId !== report.providerId) return false;
    if (report.outcome === "pending" || page.state !== "sent") return true;
    if (report.outcome === "delivered") {
      await tx.oncall.updatePage({ ...page, state: "delivered" });
      return true;
    }
    await tx.oncall.updatePage({ ...page, state: "failed", error: report.detail });
    const incident = await tx.incidents.get(page.incidentId);
    const user = await tx.oncall.getUser(page.userId);
    const contact = (await tx.oncall.listContacts(page.userId)).find((c) => c.id === page.contactMethodId);
    if (!incident || !user) return true;
    const kind = contact?.kind ?? "its contact method";
    const now = deps.clock.now();
    const record = { pageId: page.id, userId: user.id, userName: user.name, kind };
    await tx.timeline.append({
      id: randomUUID(),
      ...timelineRecords.pageFailed(incident.id, now, record, report.detail, true),
    });
    const index = pageIndexOf(page.key);
    if (stillTriggered(incident) && index !== null) {
      await pageNextRule(
        tx,
        {
          incidentId: page.incidentId,
          round: page.round,
          level: page.level,
          userId: page.userId,
          index,
          contactMethodId: page.contactMethodId,
        },
        now,
      );
    }
    return true;
  });
}
