// A job enqueued without a run time is due at the service's clock, not the host's: the worker claims by that
// clock, and the sandbox replays past weeks on a clock behind the host's (sandbox/clock.ts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS, openTestDatabase } from "../../../../test/support/databases.ts";
import type { Database, DatabaseTarget } from "./database.ts";
import { prismaJobStore } from "./job-store.ts";
import { sqlIntakeUnitOfWork } from "./sql-intake.ts";
import { prismaUnitOfWork } from "./unit-of-work.ts";

const WEEKS_AGO = new Date(Date.now() - 3 * 7 * 86_400_000);
const clock = { now: () => WEEKS_AGO };
const nobody = { jobsEnqueued() {} };

describe.each(DATABASE_KINDS)("jobs on the service's clock on $name", (kind) => {
  let db: Database & { target: DatabaseTarget };
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(() => db?.close());

  it("makes a job enqueued by a use case or by intake due at once on a clock weeks behind the host's", async () => {
    await prismaUnitOfWork(db.prisma, nobody, clock).run(async (tx) => {
      await tx.jobs.enqueue({ task: "plain", payload: {} });
      await tx.jobs.enqueue({ task: "keyed", key: "keyed:1", payload: {} });
    });
    await sqlIntakeUnitOfWork(db, nobody, clock).run((tx) =>
      tx.jobs.enqueue({ task: "intake", key: "intake:1", payload: {} }),
    );
    const claimed = await prismaJobStore(db.prisma).claim("w1", 10, clock.now(), 60_000);
    expect(claimed.map((j) => j.task).sort()).toEqual(["intake", "keyed", "plain"]);
    expect(claimed.every((j) => j.runAt.getTime() === WEEKS_AGO.getTime())).toBe(true);
  });
});
