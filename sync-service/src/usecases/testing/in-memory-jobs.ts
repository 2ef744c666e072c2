// The job queue of one in-memory transaction (in-memory-store.ts).
import type { Clock } from "../../domain/clock.ts";
import type { Jobs } from "../../ports/jobs.ts";
import type { Tables } from "./in-memory-tables.ts";

/**
 * As the job store (adapters/persistence/job-store.ts): a key that is already waiting gets the new payload and the
 * earlier run time, keeping its task and attempts. (The store keeps a failed job's backoff; fake jobs never fail.)
 */
export function jobsIn(t: Tables, clock: Clock): Jobs {
  return {
    async enqueue(request) {
      const runAt = request.runAt ?? clock.now();
      const i = request.key ? t.jobs.findIndex((j) => j.key === request.key) : -1;
      const waiting = t.jobs[i];
      if (waiting) {
        t.jobs[i] = { ...waiting, payload: request.payload, runAt: runAt < waiting.runAt ? runAt : waiting.runAt };
        return;
      }
      t.sequences.job += 1;
      const { task, payload, key, maxAttempts = 12 } = request;
      t.jobs.push({ id: String(t.sequences.job), task, key: key || null, payload, runAt, maxAttempts });
    },
    async cancelPending(keyPrefix) {
      const before = t.jobs.length;
      t.jobs = t.jobs.filter((j) => !j.key?.startsWith(keyPrefix));
      return before - t.jobs.length;
    },
  };
}
