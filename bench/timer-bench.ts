// Lateness of escalation timers: 10,000 pending delayed jobs, due over 30 seconds, run by the real
// outbox worker on the real database; lateness = finished_at − run_at for each (the task is a no-op,
// so this is the time from "due" to "fired").
import { performance } from "node:perf_hooks";
import { openDatabase, type DatabaseTarget } from "../sync-service/src/adapters/persistence/database.ts";
import { prismaJobStore } from "../sync-service/src/adapters/persistence/job-store.ts";
import { DEFAULT_WORKER_OPTIONS, Worker } from "../sync-service/src/jobs/worker.ts";
import { createLogger } from "../sync-service/src/logger.ts";

export const TIMERS = 10_000;
const SPREAD_MS = 30_000;
const LEAD_MS = 5_000;

/** How many timers, due over how long after how much lead: the full figures, or `--smoke`'s few. */
export interface TimerSize {
  readonly timers: number;
  readonly spreadMs: number;
  readonly leadMs: number;
}
export const TIMER_SIZE: TimerSize = { timers: TIMERS, spreadMs: SPREAD_MS, leadMs: LEAD_MS };
export const TIMER_SMOKE: TimerSize = { timers: 50, spreadMs: 2_000, leadMs: 1_000 };

export interface TimerBenchResult {
  readonly timers: number;
  readonly spreadSeconds: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

export async function runTimerBench(target: DatabaseTarget, size: TimerSize = TIMER_SIZE): Promise<TimerBenchResult> {
  const db = await openDatabase(target);
  try {
    const start = Date.now() + size.leadMs;
    const rows = Array.from({ length: size.timers }, (_, i) => ({
      task: "bench.timer",
      key: `page:bench:${i}`,
      payload: {},
      runAt: new Date(start + Math.floor((i * size.spreadMs) / size.timers)),
    }));
    for (let i = 0; i < rows.length; i += 1_000) await db.prisma.job.createMany({ data: rows.slice(i, i + 1_000) });
    const worker = new Worker(
      prismaJobStore(db.prisma),
      { "bench.timer": async () => {} },
      { now: () => new Date() },
      createLogger("silent"),
      {
        ...DEFAULT_WORKER_OPTIONS,
        concurrency: 4,
      },
    );
    worker.start();
    const deadline = performance.now() + size.leadMs + size.spreadMs + 120_000;
    const left = () => db.prisma.job.count({ where: { task: "bench.timer", state: { not: "succeeded" } } });
    while ((await left()) > 0) {
      if (performance.now() > deadline) throw new Error(`bench: ${await left()} timers had not fired 2 min after due`);
      await new Promise((r) => setTimeout(r, Math.min(500, size.spreadMs / 4)));
    }
    await worker.drain();
    const done = await db.prisma.job.findMany({
      where: { task: "bench.timer" },
      select: { runAt: true, finishedAt: true },
    });
    // N timers in, N fired, each once: the counts are checked by the part (bench/parts.ts).
    const lateness = done.map((j) => j.finishedAt!.getTime() - j.runAt.getTime()).sort((a, b) => a - b);
    return {
      timers: lateness.length,
      spreadSeconds: size.spreadMs / 1000,
      p50Ms: percentile(lateness, 50),
      p99Ms: percentile(lateness, 99),
      maxMs: lateness.at(-1)!,
    };
  } finally {
    await db.close();
  }
}
