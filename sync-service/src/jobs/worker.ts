import { randomUUID } from "node:crypto";
import type { Clock } from "../domain/clock.ts";
import {
  PermanentJobError,
  RetryLaterJobError,
  retryAfterMsOf,
  type Job,
  type JobStore,
  type TaskRegistry,
} from "../ports/jobs.ts";
import type { Logger } from "../logger.ts";

export interface WorkerOptions {
  /** Jobs run at once by this process. */
  readonly concurrency: number;
  /** How often to look for due jobs when nothing nudged the worker. */
  readonly pollMs: number;
  /**
   * How long a claimed job stays ours without a heartbeat; the worker renews it every third of this
   * while the job runs, so a crashed worker's jobs are claimable again soon after the crash.
   */
  readonly leaseMs: number;
  readonly backoffBaseMs: number;
  readonly backoffMaxMs: number;
}

export const DEFAULT_WORKER_OPTIONS: WorkerOptions = {
  concurrency: 4,
  pollMs: 1_000,
  leaseMs: 30_000,
  backoffBaseMs: 2_000,
  backoffMaxMs: 60 * 60_000,
};

/** Exponential backoff with ±20 % jitter, so retries of one outage do not arrive in lockstep. */
export function backoffMs(
  attempt: number,
  options: Pick<WorkerOptions, "backoffBaseMs" | "backoffMaxMs">,
  random = Math.random,
): number {
  const exponential = Math.min(options.backoffMaxMs, options.backoffBaseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(exponential * (0.8 + 0.4 * random()));
}

/** Runs outbox jobs: claims due jobs, runs their task, and records success, a retry, or the dead-letter state. */
export class Worker {
  readonly id = `worker-${randomUUID().slice(0, 8)}`;
  private readonly inFlight = new Set<Promise<void>>();
  private running = false;
  private wake: (() => void) | null = null;
  private loop: Promise<void> | null = null;

  constructor(
    private readonly store: JobStore,
    private readonly tasks: TaskRegistry,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly options: WorkerOptions = DEFAULT_WORKER_OPTIONS,
  ) {}

  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Something was enqueued: look now instead of at the next poll. */
  nudge(): void {
    this.wake?.();
  }

  /** Stops claiming and waits for the jobs under way to finish. */
  async drain(): Promise<void> {
    this.running = false;
    this.nudge();
    await this.loop;
    await Promise.allSettled([...this.inFlight]);
  }

  /** Claims and runs one batch of due jobs to completion. @returns how many ran */
  async runOnce(): Promise<number> {
    const jobs = await this.store.claim(this.id, this.options.concurrency, this.clock.now(), this.options.leaseMs);
    await Promise.all(jobs.map((job) => this.execute(job)));
    return jobs.length;
  }

  private async run(): Promise<void> {
    while (this.running) {
      const free = this.options.concurrency - this.inFlight.size;
      let claimed: Job[] = [];
      if (free > 0) {
        try {
          claimed = await this.store.claim(this.id, free, this.clock.now(), this.options.leaseMs);
        } catch (error) {
          this.log.error({ err: error }, "could not claim jobs; retrying at the next poll");
        }
      }
      for (const job of claimed) {
        const done = this.execute(job).finally(() => {
          this.inFlight.delete(done);
          this.nudge();
        });
        this.inFlight.add(done);
      }
      if (claimed.length === free) await this.sleep(this.options.pollMs);
      else if (claimed.length === 0) await this.sleep(await this.untilNextDue());
    }
  }

  /** Timers fire on time: sleep until the next job is due, or one poll interval, whichever is sooner. */
  private async untilNextDue(): Promise<number> {
    try {
      const next = await this.store.nextRunAt(this.clock.now());
      if (!next) return this.options.pollMs;
      return Math.max(0, Math.min(this.options.pollMs, next.getTime() - this.clock.now().getTime()));
    } catch {
      return this.options.pollMs;
    }
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.wake = () => {
        this.wake = null;
        done();
      };
    });
  }

  private async execute(job: Job): Promise<void> {
    const handler = this.tasks[job.task];
    const heartbeat = setInterval(
      () => {
        const until = new Date(this.clock.now().getTime() + this.options.leaseMs);
        this.store
          .extend(job.id, this.id, until)
          .catch((e) => this.log.warn({ err: e, jobId: job.id }, "could not renew a job lease"));
      },
      Math.max(10, Math.floor(this.options.leaseMs / 3)),
    );
    try {
      if (!handler) throw new PermanentJobError(`no task named ${JSON.stringify(job.task)} is registered`);
      await handler(job.payload, job);
      await this.store.complete(job.id, this.id, this.clock.now());
    } catch (error) {
      await this.recordFailure(job, error).catch((e) =>
        this.log.error({ err: e, jobId: job.id }, "could not record job failure"),
      );
    } finally {
      clearInterval(heartbeat);
    }
  }

  private async recordFailure(job: Job, error: unknown): Promise<void> {
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    const now = this.clock.now();
    const refund = error instanceof RetryLaterJobError && !error.countsAsAttempt;
    if (error instanceof PermanentJobError || (job.attempts >= job.maxAttempts && !refund)) {
      this.log.error({ jobId: job.id, task: job.task, attempts: job.attempts, err: error }, "job failed for good");
      await this.store.fail(job.id, this.id, message, now);
      return;
    }
    const delay = retryAfterMsOf(error) ?? backoffMs(job.attempts, this.options);
    this.log.warn(
      { jobId: job.id, task: job.task, attempts: job.attempts, retryInMs: delay, err: error },
      "job will be retried",
    );
    await this.store.reschedule(job.id, this.id, new Date(now.getTime() + delay), message, now, refund);
  }
}
