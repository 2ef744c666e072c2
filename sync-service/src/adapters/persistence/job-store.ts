import type { Clock } from "../../domain/clock.ts";
import { uniqueViolation } from "./errors.ts";
import { batchedCompletions } from "./job-completions.ts";
import type { JobRequest, Jobs, JobStore } from "../../ports/jobs.ts";
import type { Prisma, PrismaClient } from "./generated/client.ts";
import { fromSqlRow, toJob } from "./mappers.ts";

type Db = Prisma.TransactionClient;

/**
 * Enqueue with a job key: a key that is already pending gets the new payload and the earlier run time,
 * unless that job is backing off after a failure (it has a last_error): a Retry-After or backoff is
 * never cut short by a new change. Parameters: task, key, payload (JSON text), run_at, max_attempts.
 */
export const ENQUEUE_KEYED_SQL = `INSERT INTO jobs (task, key, pending_key, payload, run_at, max_attempts)
  VALUES ($1, $2, $2, $3::jsonb, $4, $5)
  ON CONFLICT (pending_key) DO UPDATE
    SET payload = EXCLUDED.payload, updated_at = now(),
        run_at = CASE WHEN jobs.last_error IS NULL THEN LEAST(jobs.run_at, EXCLUDED.run_at) ELSE jobs.run_at END`;

/** The parameters of ENQUEUE_KEYED_SQL; a job without `runAt` is due at `now` (the service's clock, not the host's). */
export function enqueueParams(request: JobRequest, now = new Date()): unknown[] {
  return [
    request.task,
    request.key ?? null,
    JSON.stringify(request.payload),
    request.runAt ?? now,
    request.maxAttempts ?? 12,
  ];
}

/**
 * Enqueues in the caller's transaction (see ENQUEUE_KEYED_SQL for keyed jobs). A job without `runAt` is due
 * at the clock's now: the worker claims by that clock, so a clock behind the host's (the sandbox replaying
 * past weeks) would otherwise leave every such job waiting until the host's time came round.
 */
export function transactionalJobs(db: Db, onEnqueue: () => void, clock?: Clock): Jobs {
  return {
    async enqueue(request: JobRequest) {
      const payload = request.payload as Prisma.InputJsonObject;
      const now = clock?.now() ?? new Date();
      const runAt = request.runAt ?? now;
      const maxAttempts = request.maxAttempts ?? 12;
      if (request.key) {
        await db.$executeRawUnsafe(ENQUEUE_KEYED_SQL, ...enqueueParams(request, now));
      } else {
        await db.job.create({ data: { task: request.task, payload, runAt, maxAttempts } });
      }
      onEnqueue();
    },
    async cancelPending(keyPrefix) {
      const { count } = await db.job.deleteMany({ where: { state: "pending", key: { startsWith: keyPrefix } } });
      return count;
    },
  };
}

/** The worker's view of the outbox. Claims use FOR UPDATE SKIP LOCKED, so concurrent workers never share a job. */
const NEXT_DUE_CANDIDATES = 50;

/**
 * @param firstTasks due jobs of these tasks are claimed before other due jobs (pages before chat and ticket work: a
 *   burst of incidents queues a channel job each, and a page must not wait behind them)
 */
export function prismaJobStore(prisma: PrismaClient, firstTasks: readonly string[] = []): JobStore {
  async function rescheduleOnce(
    id: string,
    workerId: string,
    runAt: Date,
    error: string,
    now: Date,
    refundAttempt: boolean,
  ): Promise<void> {
    await prisma.$transaction(async (tx) => {
      const job = await tx.job.findFirst({ where: { id: BigInt(id), lockedBy: workerId, state: "running" } });
      if (!job) return;
      const follow = job.key ? await tx.job.findUnique({ where: { pendingKey: job.key } }) : null;
      if (follow) {
        // A newer job with the same key was queued while this one ran: it carries the latest
        // payload, so it takes over, and inherits this job's wait (a Retry-After is not cut short).
        await tx.job.update({
          where: { id: follow.id },
          data: { runAt: follow.runAt > runAt ? follow.runAt : runAt, lastError: error, updatedAt: now },
        });
        await tx.job.update({
          where: { id: job.id },
          data: {
            state: "succeeded",
            finishedAt: now,
            updatedAt: now,
            lockedBy: null,
            lockedUntil: null,
            lastError: `${error} (superseded by job ${follow.id})`,
          },
        });
        return;
      }
      await tx.job.update({
        where: { id: job.id },
        data: {
          state: "pending",
          pendingKey: job.key,
          runAt,
          lastError: error,
          updatedAt: now,
          lockedBy: null,
          lockedUntil: null,
          ...(refundAttempt ? { attempts: { decrement: 1 } } : {}),
        },
      });
    });
  }

  return {
    async claim(workerId, limit, now, leaseMs) {
      const lockedUntil = new Date(now.getTime() + leaseMs);
      // Flat scans that stop after `limit` rows each, whatever the backlog: jobs whose lease ran out (a crashed
      // worker's), then due jobs of the first tasks, then any due jobs, each in run_at order along
      // jobs_state_run_at_idx. A job whose key has another job still running is passed over: one job per key at a
      // time, so the work a key names (an incident's channel, its Jira sync) never runs twice at once. The earlier
      // form (a head-of-queue subquery inside an IN inside an IN) cost PGlite more to plan than to run, and its OR
      // over both states sorted every due row, so a worker that fell behind claimed ever more slowly (issue 21).
      const rows = await prisma.$queryRaw<Record<string, unknown>[]>`
        WITH expired AS (
          SELECT c.id, c.locked_until AS at FROM jobs c
          WHERE c.state = 'running' AND c.locked_until < ${now}
            AND NOT EXISTS (SELECT 1 FROM jobs r
              WHERE r.key = c.key AND r.id <> c.id AND r.state = 'running' AND r.locked_until >= ${now})
          ORDER BY c.locked_until LIMIT ${limit} FOR UPDATE SKIP LOCKED),
        first AS (
          SELECT c.id, c.run_at AS at FROM jobs c
          WHERE c.state = 'pending' AND c.run_at <= ${now} AND c.task = ANY(${firstTasks}::text[])
            AND NOT EXISTS (SELECT 1 FROM jobs r WHERE r.key = c.key AND r.state = 'running' AND r.locked_until >= ${now})
          ORDER BY c.run_at, c.id LIMIT ${limit} FOR UPDATE SKIP LOCKED),
        due AS (
          SELECT c.id, c.run_at AS at FROM jobs c
          WHERE c.state = 'pending' AND c.run_at <= ${now}
            AND NOT EXISTS (SELECT 1 FROM jobs r WHERE r.key = c.key AND r.state = 'running' AND r.locked_until >= ${now})
          ORDER BY c.run_at, c.id LIMIT ${limit} FOR UPDATE SKIP LOCKED)
        UPDATE jobs SET state = 'running', pending_key = NULL, attempts = attempts + 1,
               locked_by = ${workerId}, locked_until = ${lockedUntil}, updated_at = ${now}
        WHERE id IN (
          SELECT id FROM (
            SELECT id, at, 0 AS rank FROM expired UNION ALL SELECT id, at, 1 FROM first UNION ALL SELECT id, at, 2 FROM due
          ) c GROUP BY id ORDER BY min(rank), min(at), id LIMIT ${limit})
        RETURNING *`;
      // The driver may answer jsonb as its text.
      const parsed = (json: unknown) => (typeof json === "string" ? JSON.parse(json) : json);
      return rows.map((r) => toJob(fromSqlRow({ ...r, payload: parsed(r.payload) })));
    },
    async extend(id, workerId, lockedUntil) {
      await prisma.job.updateMany({
        where: { id: BigInt(id), lockedBy: workerId, state: "running" },
        data: { lockedUntil },
      });
    },
    complete: batchedCompletions(prisma),
    async reschedule(id, workerId, runAt, error, now, refundAttempt = false) {
      // An enqueue of the same key can commit between the look for a follow-up and the update below; the
      // update then hits the pending-key unique index. Retried once, the look finds that job and hands over.
      // (Without the retry the job stayed `running` until its lease ran out, holding its key that long.)
      for (let attempt = 1; ; attempt++) {
        try {
          await rescheduleOnce(id, workerId, runAt, error, now, refundAttempt);
          return;
        } catch (err) {
          if (attempt >= 3 || !uniqueViolation(err)) throw err;
        }
      }
    },
    async fail(id, workerId, error, now) {
      await prisma.job.updateMany({
        where: { id: BigInt(id), lockedBy: workerId, state: "running" },
        data: { state: "failed", lastError: error, finishedAt: now, updatedAt: now, lockedBy: null, lockedUntil: null },
      });
    },
    async list({ state, limit, beforeId }) {
      const where = { ...(state ? { state } : {}), ...(beforeId ? { id: { lt: BigInt(beforeId) } } : {}) };
      const rows = await prisma.job.findMany({ where, orderBy: { id: "desc" }, take: limit });
      return rows.map(toJob);
    },
    async retry(id, now) {
      if (!/^\d{1,18}$/.test(id)) return false;
      const { count } = await prisma.job.updateMany({
        where: { id: BigInt(id), state: { in: ["failed", "pending"] } },
        data: { state: "pending", attempts: 0, runAt: now, finishedAt: null, updatedAt: now },
      });
      return count === 1;
    },
    async nextRunAt(now) {
      // A job waiting for its key's running job is not due: its turn comes when that job ends (which
      // nudges the worker). Only the head of the queue is checked, as in claim().
      const [row] = await prisma.$queryRaw<{ run_at: Date }[]>`
        SELECT c.run_at FROM (SELECT id, key, run_at FROM jobs WHERE state = 'pending' ORDER BY run_at, id LIMIT ${NEXT_DUE_CANDIDATES}) c
        WHERE c.key IS NULL OR NOT EXISTS (SELECT 1 FROM jobs r WHERE r.key = c.key AND r.state = 'running' AND r.locked_until >= ${now})
        ORDER BY c.run_at LIMIT 1`;
      return row?.run_at ?? null;
    },
  };
}
