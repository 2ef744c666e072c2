// What the paging actions share: their job names and keys (which stopping an escalation relies on) and dependencies.
import type { Incident } from "../../domain/incident.ts";
import type { NotifierPort } from "../../ports/notifier-port.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";
import type { UseCaseDeps } from "../shared/deps.ts";

export const ESCALATE_TASK = "escalation.level";
export const START_ESCALATION_TASK = "escalation.start";
export const PAGE_TASK = "page.send";
/** The jobs between an alert and a person's phone: the worker takes them before any other due job. */
export const PAGING_TASKS = [START_ESCALATION_TASK, ESCALATE_TASK, PAGE_TASK] as const;

export interface EscalationDeps extends UseCaseDeps {
  readonly notifier: NotifierPort;
  readonly publicUrl: string;
}

/** Queues the start of the escalation of a newly opened incident (in the transaction that opened it). */
export async function escalateWhenOpened(tx: Pick<Transaction, "jobs">, incidentId: string): Promise<void> {
  await tx.jobs.enqueue({ task: START_ESCALATION_TASK, key: `escalate:${incidentId}:start`, payload: { incidentId } });
}

/**
 * Acknowledge and resolve stop everything the policy still has to page for the incident; resolving also stops the
 * pages of responders added by hand.
 */
export async function stopEscalation(
  tx: Pick<Transaction, "jobs">,
  incidentId: string,
  status: "acknowledged" | "resolved",
): Promise<void> {
  await tx.jobs.cancelPending(`escalate:${incidentId}:`);
  await tx.jobs.cancelPending(`page:${incidentId}:`);
  if (status === "resolved") await tx.jobs.cancelPending(`responder-page:${incidentId}:`);
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
  /** 0-based; RESPONDER_LEVEL for a person added as a responder by hand. */
  readonly level: number;
  readonly userId: string;
  readonly index: number;
  readonly contactMethodId: string;
  /** The "Add responder" request that pages the person, outside the escalation policy. */
  readonly request?: string;
}

/** The level a responder added by hand is paged at: none of the policy's. */
export const RESPONDER_LEVEL = -1;

/** A page job's key: `pageKey` for the policy's pages, its own for a responder request. */
export const keyOfPage = (job: PageJob) =>
  job.request
    ? `responder-page:${job.incidentId}:${job.request}:${job.userId}:${job.index}`
    : pageKey(job.incidentId, job.round, job.level, job.userId, job.index);

/**
 * Whether the page should still go out: the policy's pages only while nobody has acknowledged; a responder asked
 * for by hand is paged until the incident is resolved (they are wanted although someone has it).
 */
export const stillWanted = (incident: Incident | null, job: PageJob): incident is Incident =>
  job.request ? incident !== null && incident.status !== "resolved" : stillTriggered(incident);

/** Queues the person's next notification rule at once, when there is one: this one did not reach them. */
export async function pageNextRule(tx: Transaction, job: PageJob, now: Date): Promise<void> {
  const next = (await tx.oncall.listNotificationRules(job.userId))[job.index + 1];
  if (!next) return;
  await tx.jobs.enqueue({
    task: PAGE_TASK,
    key: keyOfPage({ ...job, index: job.index + 1 }),
    payload: { ...job, index: job.index + 1, contactMethodId: next.contactMethodId },
    runAt: now,
  });
}
