// Claiming and completing outbox jobs on a real database (PGlite, and PostgreSQL when TEST_DATABASE_URL is set):
// the claim looks past keys whose job is running however many there are, and completions written together
// each keep their own finish time and still need the lease.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { DATABASE_KINDS, openTestDatabase } from "../../../../test/support/databases.ts";
import type { Database, DatabaseTarget } from "./database.ts";
import { prismaJobStore } from "./job-store.ts";

const T0 = Date.parse("2026-03-02T09:00:00Z");
const at = (ms: number) => new Date(T0 + ms);
const LEASE = 60_000;

describe.each(DATABASE_KINDS)("job claims on $name", (kind) => {
  let db: Database & { target: DatabaseTarget };
  const store = () => prismaJobStore(db.prisma);
  const add = (rows: { key?: string; runAt: Date }[]) =>
    db.prisma.job.createMany({
      data: rows.map((r, n) => ({
        task: "t",
        key: r.key ?? null,
        pendingKey: r.key ?? null,
        payload: { n },
        runAt: r.runAt,
      })),
    });

  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(() => db?.close());
  beforeEach(async () => {
    await db.prisma.job.deleteMany();
  });

  it("passes over every job whose key is running and claims the due job behind them", async () => {
    const keys = Array.from({ length: 6 }, (_, i) => `page:inc-${i}:1`);
    await add(keys.map((key, i) => ({ key, runAt: at(i) })));
    expect(await store().claim("w1", 6, at(10), LEASE)).toHaveLength(6);
    // Each running key gets a follow-up at the head of the queue; an unkeyed job is due after them.
    await add([...keys.map((key, i) => ({ key, runAt: at(20 + i) })), { runAt: at(30) }]);
    const claimed = await store().claim("w2", 1, at(40), LEASE);
    expect(claimed.map((j) => j.key)).toEqual([null]);
    expect(await store().claim("w2", 4, at(40), LEASE)).toEqual([]);
  });

  it("claims due jobs in run-time order, a crashed worker's job first", async () => {
    await add([{ key: "a", runAt: at(0) }]);
    await store().claim("dead", 1, at(0), 1_000);
    await add([
      { key: "c", runAt: at(300) },
      { key: "b", runAt: at(200) },
      { key: "later", runAt: at(10_000) },
    ]);
    expect((await store().claim("w1", 2, at(5_000), LEASE)).map((j) => j.key).sort()).toEqual(["a", "b"]);
    expect((await store().claim("w1", 5, at(5_000), LEASE)).map((j) => j.key)).toEqual(["c"]);
  });

  it("claims due pages before older due jobs of other tasks, and those in turn in run-time order", async () => {
    await db.prisma.job.createMany({
      data: [
        ...Array.from({ length: 50 }, (_, i) => ({ task: "chat.sync", key: `chat_sync:${i}`, runAt: at(i) })),
        { task: "page.send", key: "page:late", runAt: at(900) },
        { task: "escalation.level", key: "escalation:late", runAt: at(800) },
        { task: "page.send", key: "page:not-due", runAt: at(5_000) },
      ].map((j) => ({ ...j, pendingKey: j.key, payload: {} })),
    });
    const paging = prismaJobStore(db.prisma, ["escalation.level", "page.send"]);
    const first = await paging.claim("w1", 3, at(1_000), LEASE);
    expect(first.map((j) => j.key).sort()).toEqual(["chat_sync:0", "escalation:late", "page:late"]);
    // Without first tasks the same queue goes by run time alone.
    expect((await store().claim("w2", 2, at(1_000), LEASE)).map((j) => j.key).sort()).toEqual([
      "chat_sync:1",
      "chat_sync:2",
    ]);
  });

  it("records jobs that end together with their own finish times, and only while their worker holds the lease", async () => {
    await add([
      { key: "a", runAt: at(0) },
      { key: "b", runAt: at(1) },
      { key: "c", runAt: at(2) },
    ]);
    const claimed = await store().claim("w1", 3, at(10), 1_000);
    const [a, b, c] = ["a", "b", "c"].map((k) => claimed.find((j) => j.key === k)!);
    // c's lease runs out and w2 takes it over before w1 reports it done.
    await db.prisma.job.update({ where: { id: BigInt(a!.id) }, data: { lockedUntil: at(60_000) } });
    await db.prisma.job.update({ where: { id: BigInt(b!.id) }, data: { lockedUntil: at(60_000) } });
    expect((await store().claim("w2", 3, at(2_000), LEASE)).map((j) => j.key)).toEqual(["c"]);
    const s = store();
    await Promise.all([
      s.complete(a!.id, "w1", at(3_000)),
      s.complete(b!.id, "w1", at(3_001)),
      s.complete(c!.id, "w1", at(3_002)),
    ]);
    const rows = await db.prisma.job.findMany({ orderBy: { key: "asc" } });
    expect(rows.map((r) => [r.key, r.state, r.finishedAt?.getTime() ?? null, r.lockedBy])).toEqual([
      ["a", "succeeded", T0 + 3_000, null],
      ["b", "succeeded", T0 + 3_001, null],
      ["c", "running", null, "w2"],
    ]);
  });
});
