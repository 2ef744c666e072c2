import type { PrismaClient } from "./generated/client.ts";

interface Completion {
  readonly id: string;
  readonly workerId: string;
  readonly now: Date;
  resolve(): void;
  reject(error: unknown): void;
}

/**
 * Records finished jobs as succeeded, several to a statement: the completions that arrive in the same turn of
 * the event loop, or while the previous statement runs, are written together (a group commit). Each call
 * resolves once its own job is recorded, so the worker still frees a job's key only after the row says so.
 * Why: on PGlite every statement takes the one connection in turn, and one UPDATE per job plus one claim per
 * freed slot was more than it could do at a few hundred timers a second, so timers fell seconds behind (issue 21).
 */
export function batchedCompletions(prisma: PrismaClient): (id: string, workerId: string, now: Date) => Promise<void> {
  let waiting: Completion[] = [];
  let writing = false;

  async function writeAll(): Promise<void> {
    while (waiting.length > 0) {
      const batch = waiting;
      waiting = [];
      try {
        // Only while the worker still holds the lease: a job reclaimed after its lease ran out is not ours.
        await prisma.$executeRaw`
          UPDATE jobs SET state = 'succeeded', finished_at = d.at, updated_at = d.at, locked_by = NULL, locked_until = NULL
          FROM unnest(${batch.map((c) => c.id)}::bigint[], ${batch.map((c) => c.workerId)}::text[],
                      ${batch.map((c) => c.now.toISOString())}::timestamptz[]) AS d(id, worker, at)
          WHERE jobs.id = d.id AND jobs.locked_by = d.worker AND jobs.state = 'running'`;
        for (const c of batch) c.resolve();
      } catch (error) {
        for (const c of batch) c.reject(error);
      }
    }
    writing = false;
  }

  return (id, workerId, now) =>
    new Promise<void>((resolve, reject) => {
      waiting.push({ id, workerId, now, resolve, reject });
      if (writing) return;
      writing = true;
      // The jobs of one claim usually end in the same turn: wait for the rest of it before writing.
      setImmediate(() => void writeAll());
    });
}
