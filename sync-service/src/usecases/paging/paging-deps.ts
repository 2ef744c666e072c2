// What the paging actions share: their job names and keys (which stopping an escalation relies on) and dependencies.
import type { Incident } from "../../domain/incident.ts";
import type { NotifierPort } from "../../ports/notifier-port.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";
import type { UseCaseDeps } from "../shared/deps.ts";

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

/** Whether the incident is still waiting for someone: only then does escalation go on. */
export const stillTriggered = (incident: Incident | null): incident is Incident => incident?.status === "triggered";

/** Queues one level of the escalation, to run at `runAt`. */
export async function queueLevel(
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

/** One page's key: its incident, round, level, person and notification rule; a page is sent once per key. */
export const pageKey = (incidentId: string, round: number, level: number, userId: string, index: number) =>
  `page:${incidentId}:${round}:${level}:${userId}:${index}`;

export interface PageJob {
  readonly incidentId: string;
  readonly round: number;
  readonly level: number;
  readonly userId: string;
  readonly index: number;
  readonly contactMethodId: string;
}

/** Queues the person's next notification rule at once, when there is one: this one did not reach them. */
export async function pageNextRule(tx: Transaction, job: PageJob, now: Date): Promise<void> {
  const next = (await tx.oncall.listNotificationRules(job.userId))[job.index + 1];
  if (!next) return;
  await tx.jobs.enqueue({
    task: PAGE_TASK,
    key: pageKey(job.incidentId, job.round, job.level, job.userId, job.index + 1),
    payload: { ...job, index: job.index + 1, contactMethodId: next.contactMethodId },
    runAt: now,
  });
}
