// PGlite's group commit: transactions that queue while one runs commit together, each with its own outcome.
import { PGlite } from "@electric-sql/pglite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pgliteTransactions } from "./sql-transaction.ts";

describe("pgliteTransactions (group commit on PGlite)", () => {
  let db: PGlite;
  const rows = async () => (await db.query<{ v: string }>("SELECT v FROM t ORDER BY v")).rows.map((r) => r.v);

  beforeEach(async () => {
    db = await PGlite.create();
    await db.exec("CREATE TABLE t (v text UNIQUE)");
    // Checked at COMMIT only: lets a test make a whole group's commit fail.
    await db.exec("CREATE TABLE d (v text UNIQUE DEFERRABLE INITIALLY DEFERRED)");
  });
  afterEach(() => db.close());

  it("commits concurrent transactions together, each answering with its own result once committed", async () => {
    const transaction = pgliteTransactions(db);
    const committed: string[] = [];
    const results = await Promise.all(
      ["a", "b", "c", "d"].map((v) =>
        transaction(async (tx) => {
          tx.defer("ins", "INSERT INTO t (v) VALUES ($1)", [v]);
          const [row] = await tx.query<{ n: number }>("n", "SELECT count(*)::int AS n FROM t WHERE v <= $1", [v]);
          return `${v}:${row!.n}`;
        }).then((r) => (committed.push(v), r)),
      ),
    );
    // In order, each seeing the writes of those before it in the group.
    expect(results).toEqual(["a:1", "b:2", "c:3", "d:4"]);
    expect(committed).toEqual(["a", "b", "c", "d"]);
    expect(await rows()).toEqual(["a", "b", "c", "d"]);
  });

  it("rolls back only the transaction that fails, in a statement or in its own code", async () => {
    const transaction = pgliteTransactions(db);
    const outcomes = await Promise.allSettled([
      transaction(async (tx) => tx.defer("ins", "INSERT INTO t (v) VALUES ($1)", ["x"])),
      // A unique violation in its deferred write, after a read that succeeded.
      transaction(async (tx) => {
        await tx.query("ins2", "INSERT INTO t (v) VALUES ($1) RETURNING v", ["y"]);
        tx.defer("ins", "INSERT INTO t (v) VALUES ($1)", ["x"]);
      }),
      // Its own error after a write.
      transaction(async (tx) => {
        await tx.query("ins2", "INSERT INTO t (v) VALUES ($1) RETURNING v", ["z"]);
        throw new Error("changed my mind");
      }),
      // An error before any statement.
      transaction(async () => {
        throw new Error("nothing sent");
      }),
      transaction(async (tx) => tx.defer("ins", "INSERT INTO t (v) VALUES ($1)", ["w"])),
    ]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "rejected", "rejected", "fulfilled"]);
    expect(String((outcomes[1] as PromiseRejectedResult).reason)).toMatch(/duplicate key/);
    expect(String((outcomes[2] as PromiseRejectedResult).reason)).toMatch(/changed my mind/);
    expect(await rows()).toEqual(["w", "x"]);
  });

  it("fails every transaction of a group whose COMMIT fails, storing none of them", async () => {
    const transaction = pgliteTransactions(db);
    const insert = (v: string) => transaction(async (tx) => tx.defer("ins", "INSERT INTO d (v) VALUES ($1)", [v]));
    // The first runs alone; the three queued meanwhile form the next group, whose deferred check fails at COMMIT.
    const outcomes = await Promise.allSettled([insert("first"), insert("same"), insert("other"), insert("same")]);
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "rejected", "rejected"]);
    expect((await db.query<{ v: string }>("SELECT v FROM d")).rows.map((r) => r.v)).toEqual(["first"]);
    // The connection is usable afterwards.
    await insert("later");
    expect((await db.query("SELECT v FROM d")).rows).toHaveLength(2);
  });
});
