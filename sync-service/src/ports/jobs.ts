import { IntegrationError } from "./integration-errors.ts";

export type JobState = "pending" | "running" | "succeeded" | "failed";

export interface JobRequest {
  readonly task: string;
  readonly payload: Record<string, unknown>;
  /** Names the work; a key that is already pending updates that job instead of adding one. */
  readonly key?: string;
  readonly runAt?: Date;
  readonly maxAttempts?: number;
}

/** Enqueues work in the caller's transaction: it runs only if the state change commits. */
export interface Jobs {
  enqueue(request: JobRequest): Promise<void>;
  /** Drops the waiting jobs whose key starts with `keyPrefix` (e.g. an incident's pending pages). */
  cancelPending(keyPrefix: string): Promise<number>;
}

export interface Job {
  readonly id: string;
  readonly task: string;
  readonly key: string | null;
  readonly payload: Record<string, unknown>;
  readonly state: JobState;
  readonly attempts: number;
  readonly maxAttempts: number;
  readonly runAt: Date;
  readonly lastError: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly finishedAt: Date | null;
}

/** What the worker needs from storage. Claims are exclusive across processes sharing the database. */
export interface JobStore {
  claim(workerId: string, limit: number, now: Date, leaseMs: number): Promise<Job[]>;
  /** Extends the lease of a job `workerId` is still running. */
  extend(id: string, workerId: string, lockedUntil: Date): Promise<void>;
  /** The three below change a job only while `workerId` still holds its lease. */
  complete(id: string, workerId: string, now: Date): Promise<void>;
  reschedule(
    id: string,
    workerId: string,
    runAt: Date,
    error: string,
    now: Date,
    refundAttempt?: boolean,
  ): Promise<void>;
  fail(id: string, workerId: string, error: string, now: Date): Promise<void>;
  /** Newest first; `beforeId` continues a page that ended with that job. */
  list(filter: { state?: JobState; limit: number; beforeId?: string }): Promise<Job[]>;
  /** Runs a failed (dead-lettered) or waiting job now, with fresh attempts. @returns false if no such job */
  retry(id: string, now: Date): Promise<boolean>;
  /** When the next claimable job is due (jobs waiting for their key's running job do not count). */
  nextRunAt(now: Date): Promise<Date | null>;
}

/**
 * Thrown by a task when its work must wait (a create settling, an integration unhealthy): run again after
 * `retryAfterMs`. An outside system's own "later" (429, 503 with Retry-After) is a transient IntegrationError.
 */
export class RetryLaterJobError extends Error {
  /** False when the wait is not the job's fault (an integration not configured or its credentials revoked): the job is kept, not worn down. */
  readonly countsAsAttempt: boolean;
  constructor(
    message: string,
    readonly retryAfterMs: number,
    options?: { cause?: unknown; countsAsAttempt?: boolean },
  ) {
    super(message, options);
    this.name = "RetryLaterJobError";
    this.countsAsAttempt = options?.countsAsAttempt ?? true;
  }
}

/**
 * How long `error` asks its job to wait before running again: a RetryLaterJobError's wait, or a transient
 * IntegrationError's when the system said; null when it does not say (the job backs off).
 */
export function retryAfterMsOf(error: unknown): number | null {
  if (error instanceof RetryLaterJobError) return error.retryAfterMs;
  if (error instanceof IntegrationError && error.kind === "transient") return error.retryAfterMs ?? null;
  return null;
}

/** Thrown by a task when retrying cannot help (a 400, a deleted target): the job fails at once. */
export class PermanentJobError extends Error {
  override name = "PermanentJobError";
}

/** A task runs one job. Tasks must be idempotent: a job can run again after a crash mid-way. */
export type TaskHandler = (payload: Record<string, unknown>, job: Job) => Promise<void>;
export type TaskRegistry = Readonly<Record<string, TaskHandler>>;
