// The outbox worker on a real database (PGlite, and PostgreSQL when TEST_DATABASE_URL is set).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DATABASE_KINDS, openTestDatabase } from "../../../test/support/databases.ts";
import { openDatabase, type Database } from "../adapters/persistence/database.ts";
import { prismaJobStore } from "../adapters/persistence/job-store.ts";
import { prismaUnitOfWork } from "../adapters/persistence/unit-of-work.ts";
import { createLogger } from "../logger.ts";
import {
  PermanentJobError,
  RetryLaterJobError,
  type JobRequest,
  type JobStore,
  type TaskRegistry,
} from "../ports/jobs.ts";
import { backoffMs, Worker, type WorkerOptions } from "./worker.ts";

const log = createLogger("silent");
const options: WorkerOptions = {
  concurrency: 4,
  pollMs: 20,
  leaseMs: 60_000,
  backoffBaseMs: 1_000,
  backoffMaxMs: 60_000,
};

class ManualClock {
  constructor(private t = Date.parse("2026-03-02T09:00:00Z")) {}
  now = () => new Date(this.t);
  advance(ms: number) {
    this.t += ms;
  }
}

describe.each(DATABASE_KINDS)("outbox worker on $name", (kind) => {
  let db: Database & { target: import("../adapters/persistence/database.ts").DatabaseTarget };
  let store: JobStore;
  let clock: ManualClock;
  const enqueue = (...requests: JobRequest[]) =>
    prismaUnitOfWork(db.prisma, { jobsEnqueued() {} }).run(async (tx) => {
      for (const r of requests) await tx.jobs.enqueue({ runAt: clock.now(), ...r });
    });
  const worker = (tasks: TaskRegistry, s: JobStore = store) => new Worker(s, tasks, clock, log, options);
  const jobs = () => store.list({ limit: 1000 });

  beforeAll(async () => {
    db = await openTestDatabase(kind);
    store = prismaJobStore(db.prisma);
  });
  afterAll(() => db?.close());
  beforeEach(async () => {
    clock = new ManualClock();
    await db.prisma.job.deleteMany();
  });

  it("runs a job once and marks it succeeded", async () => {
    const seen: unknown[] = [];
    await enqueue({ task: "greet", payload: { who: "ops" } });
    expect(await worker({ greet: async (p) => void seen.push(p) }).runOnce()).toBe(1);
    expect(seen).toEqual([{ who: "ops" }]);
    expect((await jobs())[0]).toMatchObject({ state: "succeeded", attempts: 1 });
    expect(await worker({ greet: async () => {} }).runOnce()).toBe(0);
  });

  it("runs one job per key at a time: a follow-up waits until the job it follows ends", async () => {
    await enqueue({ task: "sync", key: "chat_sync:inc-1", payload: { n: 1 } });
    const [first] = await store.claim("w1", 10, clock.now(), 60_000);
    expect(first?.payload).toEqual({ n: 1 });
    await enqueue(
      { task: "sync", key: "chat_sync:inc-1", payload: { n: 2 } },
      { task: "other", key: "chat_sync:inc-2", payload: {} },
    );
    clock.advance(10);
    expect((await store.claim("w2", 10, clock.now(), 60_000)).map((j) => j.key)).toEqual(["chat_sync:inc-2"]);
    // Not due while blocked, so an idle worker sleeps instead of spinning on it.
    expect(await store.nextRunAt(clock.now())).toBeNull();
    await store.complete(first!.id, "w1", clock.now());
    expect((await store.claim("w2", 10, clock.now(), 60_000)).map((j) => j.payload)).toEqual([{ n: 2 }]);
  });

  it("lets a follow-up run when the job it follows lost its lease (a crashed worker)", async () => {
    await enqueue({ task: "sync", key: "k", payload: { n: 1 } });
    await store.claim("w1", 10, clock.now(), 1_000);
    await enqueue({ task: "sync", key: "k", payload: { n: 2 } });
    clock.advance(2_000);
    const claimed = await store.claim("w2", 10, clock.now(), 60_000);
    expect(claimed.map((j) => j.payload).sort((a, b) => (a.n as number) - (b.n as number))).toEqual([
      { n: 1 },
      { n: 2 },
    ]);
  });

  it("backs off exponentially after a failure and is not due before then", async () => {
    let calls = 0;
    const w = worker({
      flaky: async () =>
        void (
          ++calls < 3 &&
          (() => {
            throw new Error("503 from vendor");
          })()
        ),
    });
    await enqueue({ task: "flaky", payload: {} });
    await w.runOnce();
    const [after1] = await jobs();
    const wait1 = after1!.runAt.getTime() - clock.now().getTime();
    expect(after1).toMatchObject({ state: "pending", attempts: 1, lastError: "Error: 503 from vendor" });
    expect(wait1).toBeGreaterThanOrEqual(800);
    expect(wait1).toBeLessThanOrEqual(1_200);
    expect(await w.runOnce()).toBe(0);
    clock.advance(wait1);
    await w.runOnce();
    const wait2 = (await jobs())[0]!.runAt.getTime() - clock.now().getTime();
    expect(wait2).toBeGreaterThanOrEqual(1_600);
    expect(wait2).toBeLessThanOrEqual(2_400);
    clock.advance(wait2);
    await w.runOnce();
    expect((await jobs())[0]).toMatchObject({ state: "succeeded", attempts: 3 });
  });

  it("waits exactly as long as the vendor's Retry-After asks", async () => {
    await enqueue({ task: "limited", payload: {} });
    await worker({
      limited: async () => {
        throw new RetryLaterJobError("429 Too Many Requests", 30_000);
      },
    }).runOnce();
    expect((await jobs())[0]!.runAt.getTime() - clock.now().getTime()).toBe(30_000);
  });

  it("dead-letters a job after its last attempt, and an operator can retry it", async () => {
    await enqueue({ task: "broken", payload: {}, maxAttempts: 2 });
    const w = worker({
      broken: async () => {
        throw new Error("still down");
      },
    });
    await w.runOnce();
    clock.advance(60_000);
    await w.runOnce();
    const failed = await store.list({ state: "failed", limit: 10 });
    expect(failed).toHaveLength(1);
    expect(failed[0]).toMatchObject({ attempts: 2, lastError: "Error: still down" });
    expect(await store.retry(failed[0]!.id, clock.now())).toBe(true);
    expect(await store.retry("999999", clock.now())).toBe(false);
    expect(await worker({ broken: async () => {} }).runOnce()).toBe(1);
    expect((await jobs())[0]).toMatchObject({ state: "succeeded" });
  });

  it("fails at once on a permanent error or an unknown task", async () => {
    await enqueue({ task: "gone", payload: {} }, { task: "nobody-handles-this", payload: {} });
    await worker({
      gone: async () => {
        throw new PermanentJobError("404: the issue was deleted");
      },
    }).runOnce();
    const failed = await store.list({ state: "failed", limit: 10 });
    expect(failed.map((j) => [j.task, j.attempts, j.lastError]).sort()).toEqual([
      ["gone", 1, "PermanentJobError: 404: the issue was deleted"],
      ["nobody-handles-this", 1, 'PermanentJobError: no task named "nobody-handles-this" is registered'],
    ]);
  });

  it("keeps one pending job per key, and queues a follow-up when the keyed job is already running", async () => {
    await enqueue({ task: "sync", key: "sync_jira:INC-1", payload: { revision: 1 } });
    await enqueue({ task: "sync", key: "sync_jira:INC-1", payload: { revision: 2 } });
    expect((await jobs()).map((j) => j.payload)).toEqual([{ revision: 2 }]);

    const runs: unknown[] = [];
    let enqueuedWhileRunning = false;
    await worker({
      sync: async (p) => {
        runs.push(p);
        if (!enqueuedWhileRunning) {
          enqueuedWhileRunning = true;
          await enqueue({ task: "sync", key: "sync_jira:INC-1", payload: { revision: 3 } });
        }
      },
    }).runOnce();
    expect(runs).toEqual([{ revision: 2 }]);
    expect((await jobs()).map((j) => [j.state, j.payload])).toEqual([
      ["pending", { revision: 3 }],
      ["succeeded", { revision: 2 }],
    ]);
  });

  it("does not cut short the wait of a keyed job that is backing off when the key is enqueued again", async () => {
    await enqueue({ task: "limited", key: "sync_jira:INC-9", payload: { revision: 1 } });
    await worker({
      limited: async () => {
        throw new RetryLaterJobError("429", 30_000);
      },
    }).runOnce();
    await enqueue({ task: "limited", key: "sync_jira:INC-9", payload: { revision: 2 } });
    const [job] = await jobs();
    expect(job).toMatchObject({ state: "pending", payload: { revision: 2 } });
    expect(job!.runAt.getTime() - clock.now().getTime()).toBe(30_000);
  });

  it("hands a failed run's wait to the follow-up queued for the same key while it ran", async () => {
    await enqueue({ task: "limited", key: "sync_jira:INC-10", payload: { revision: 1 } });
    await worker({
      limited: async () => {
        await enqueue({ task: "limited", key: "sync_jira:INC-10", payload: { revision: 2 } });
        throw new RetryLaterJobError("429", 30_000);
      },
    }).runOnce();
    const [follow, first] = await jobs();
    expect(first).toMatchObject({ state: "succeeded", lastError: expect.stringContaining("superseded by job") });
    expect(follow).toMatchObject({ state: "pending", payload: { revision: 2 } });
    expect(follow!.runAt.getTime() - clock.now().getTime()).toBe(30_000);
  });

  it("enqueues nothing when the transaction that enqueued rolls back", async () => {
    const uow = prismaUnitOfWork(db.prisma, { jobsEnqueued() {} });
    await expect(
      uow.run(async (tx) => {
        await tx.jobs.enqueue({ task: "page", payload: {} });
        throw new Error("the state change failed");
      }),
    ).rejects.toThrow("the state change failed");
    expect(await jobs()).toEqual([]);
  });

  it("never runs a job twice when two workers with their own connections share the queue", async () => {
    const second = await openDatabase(db.target);
    try {
      const runs = new Map<number, number>();
      const task: TaskRegistry = {
        count: async (p) => {
          runs.set(p.n as number, (runs.get(p.n as number) ?? 0) + 1);
          await new Promise((r) => setTimeout(r, 1));
        },
      };
      await enqueue(...Array.from({ length: 200 }, (_, n) => ({ task: "count", payload: { n } })));
      const a = worker(task);
      const b = worker(task, prismaJobStore(second.prisma));
      let ranA = 0;
      let ranB = 0;
      for (let round = 0; round < 100 && ranA + ranB < 200; round++) {
        const [x, y] = await Promise.all([a.runOnce(), b.runOnce()]);
        ranA += x;
        ranB += y;
      }
      expect(ranA + ranB).toBe(200);
      expect([...runs.values()].every((n) => n === 1)).toBe(true);
      expect(runs.size).toBe(200);
    } finally {
      await second.close();
    }
  });

  it("lets another worker take over a job whose worker died, and ignores the dead worker's late answer", async () => {
    await enqueue({ task: "page", payload: {} });
    const [claimed] = await store.claim("dead-worker", 1, clock.now(), options.leaseMs);
    expect(await worker({ page: async () => {} }).runOnce()).toBe(0);
    clock.advance(options.leaseMs + 1);
    let ran = 0;
    expect(await worker({ page: async () => void ran++ }).runOnce()).toBe(1);
    await store.fail(claimed!.id, "dead-worker", "late", clock.now());
    expect((await jobs())[0]).toMatchObject({ state: "succeeded", attempts: 2, lastError: null });
    expect(ran).toBe(1);
  });

  it("renews the lease of a long job, so no other worker takes it while it runs", async () => {
    const realClock = { now: () => new Date() };
    const short: WorkerOptions = { ...options, leaseMs: 1_500 };
    let runs = 0;
    const slow: TaskRegistry = {
      slow: async () => {
        runs++;
        await new Promise((r) => setTimeout(r, 3_000));
      },
    };
    await prismaUnitOfWork(db.prisma, { jobsEnqueued() {} }).run((tx) =>
      tx.jobs.enqueue({ task: "slow", payload: {} }),
    );
    const first = new Worker(store, slow, realClock, log, short).runOnce();
    const other = new Worker(store, slow, realClock, log, short);
    let stolen = 0;
    for (let i = 0; i < 12; i++) {
      await new Promise((r) => setTimeout(r, 250));
      stolen += await other.runOnce();
    }
    expect(await first).toBe(1);
    expect({ runs, stolen }).toEqual({ runs: 1, stolen: 0 });
  });

  it("finishes the jobs under way when drained, and claims nothing after", async () => {
    await enqueue({ task: "slow", payload: {} });
    let release!: () => void;
    let started!: () => void;
    const running = new Promise<void>((r) => (started = r));
    const w = worker({ slow: () => new Promise<void>((r) => ((release = r), started())) });
    w.start();
    await running;
    const drained = w.drain();
    await enqueue({ task: "slow", payload: {} });
    release();
    await drained;
    expect((await jobs()).map((j) => j.state)).toEqual(["pending", "succeeded"]);
  });
});

describe("backoff", () => {
  it.each([
    [1, 0.5, 1_000],
    [2, 0.5, 2_000],
    [3, 0.5, 4_000],
    [10, 0.5, 60_000],
    [1, 0, 800],
    [1, 1, 1_200],
  ])("attempt %i with random %f waits %i ms", (attempt, random, ms) => {
    expect(backoffMs(attempt, { backoffBaseMs: 1_000, backoffMaxMs: 60_000 }, () => random)).toBe(ms);
  });
});
