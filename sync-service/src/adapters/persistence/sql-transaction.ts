// Raw-driver transactions for the hot path, built to spend as few round trips as possible: a
// statement whose result nobody reads is deferred and sent together with the next statement that
// returns rows (or with the COMMIT), and BEGIN rides along with the first round trip. With the
// `pg` driver that batch goes as one simple-protocol query (with PGlite, one `exec`), so values are
// inlined as escaped literals; each statement in it still takes its own snapshot (READ COMMITTED),
// so a lock taken by one statement is held before the next one reads.
import type { PGlite, Transaction as PGliteTx } from "@electric-sql/pglite";
import pg from "pg";

export interface SqlTransaction {
  /** Runs a statement and returns its rows; deferred statements go first, in the same round trip. */
  query<T extends Record<string, unknown>>(name: string, text: string, params: readonly unknown[]): Promise<T[]>;
  /** Queues a statement whose result is not needed; it runs before the next `query`, or at commit. */
  defer(name: string, text: string, params: readonly unknown[]): void;
}

/** `$n` placeholders → SQL literals. Only the value types our statements use are accepted. */
export function inlineParams(text: string, params: readonly unknown[], escape: (s: string) => string): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const value = params[Number(n) - 1];
    if (value === null || value === undefined) return "NULL";
    if (typeof value === "number" && Number.isFinite(value)) return String(value);
    if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
    if (value instanceof Date) return escape(value.toISOString());
    if (typeof value === "string") return escape(value);
    throw new TypeError(`cannot inline parameter $${n} of type ${typeof value}`);
  });
}

// Statements prepared with SQL PREPARE on each connection, so batched statements are planned once.
// (SQL-level and protocol-level statement names share one namespace; ours start with "b_".)
const preparedOn = new WeakMap<pg.PoolClient, Set<string>>();

class PgTransaction implements SqlTransaction {
  private pending: string[] = ["BEGIN"];
  private readonly prepared: Set<string>;
  constructor(private readonly client: pg.PoolClient) {
    this.prepared = preparedOn.get(client) ?? new Set();
    preparedOn.set(client, this.prepared);
  }

  defer(name: string, text: string, params: readonly unknown[]): void {
    const statement = `b_${name}`;
    if (!this.prepared.has(statement)) {
      this.pending.push(`PREPARE ${statement} AS ${text}`);
      this.prepared.add(statement);
    }
    const args = params.map((_, i) => `$${i + 1}`).join(", ");
    this.pending.push(
      inlineParams(`EXECUTE ${statement}${args ? `(${args})` : ""}`, params, (v) => this.client.escapeLiteral(v)),
    );
  }

  async query<T extends Record<string, unknown>>(name: string, text: string, params: readonly unknown[]): Promise<T[]> {
    if (this.pending.length === 0) return (await this.client.query<T>({ name, text, values: [...params] })).rows;
    this.defer(name, text, params);
    return this.flush<T>();
  }

  async commit(): Promise<void> {
    this.pending.push("COMMIT");
    await this.flush();
  }

  private async flush<T extends Record<string, unknown>>(): Promise<T[]> {
    const script = this.pending.join(";\n");
    this.pending = [];
    const results = (await this.client.query(script)) as unknown as pg.QueryResult<T> | pg.QueryResult<T>[];
    return (Array.isArray(results) ? results.at(-1)! : results).rows;
  }
}

/** Runs `work` in one transaction on a pooled connection; any error rolls back. */
export async function pgTransaction<T>(pool: pg.Pool, work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    const tx = new PgTransaction(client);
    const result = await work(tx);
    await tx.commit();
    return result;
  } catch (error) {
    // After a failed batch we cannot tell which PREPAREs ran, so the connection is closed, not reused.
    broken = error instanceof Error ? error : new Error(String(error));
    await client.query("ROLLBACK").catch(() => {});
    throw error;
  } finally {
    client.release(broken);
  }
}

type Work<T> = (tx: SqlTransaction) => Promise<T>;
type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

/**
 * One transaction's work inside the group's transaction, in a savepoint of its own, so that its failure rolls back
 * only its own writes. PGlite runs in-process, but every call crosses into its WebAssembly engine (a protocol message
 * built, parsed and answered): deferred statements, and the query after them, go as one multi-statement `exec` with
 * literal values, as they go to PostgreSQL in one round trip (five inserts in one exec took half the time of five
 * `query` calls); the savepoint rides along with the first of them and its release with the last.
 */
async function inSavepoint(inner: PGliteTx, work: Work<unknown>): Promise<Outcome> {
  const pending: string[] = ["SAVEPOINT fw_tx"];
  let begun = false;
  const run = async (statements: string[]) => {
    begun = true;
    return inner.exec(statements.join(";\n"));
  };
  const inline = (text: string, params: readonly unknown[]) => inlineParams(text, params, pg.escapeLiteral);
  try {
    const value = await work({
      defer: (_name, text, params) => void pending.push(inline(text, params)),
      // Even alone a statement goes as `exec`: `query` is four calls into the engine (parse, describe, bind, execute).
      query: async <R extends Record<string, unknown>>(_name: string, text: string, params: readonly unknown[]) => {
        pending.push(inline(text, params));
        return (await run(pending.splice(0))).at(-1)!.rows as R[];
      },
    });
    await run([...pending.splice(0), "RELEASE SAVEPOINT fw_tx"]);
    return { ok: true, value };
  } catch (error) {
    if (begun) await inner.exec("ROLLBACK TO SAVEPOINT fw_tx; RELEASE SAVEPOINT fw_tx");
    return { ok: false, error };
  }
}

/** At most this many transactions commit together, so that the connection's other users wait for few. */
const GROUP_LIMIT = 32;

/**
 * Group commit for PGlite's one connection: transactions run one after another there anyway, so those that queue
 * while a group runs go together in the next: one BEGIN and one COMMIT (one flush of the write-ahead log) for a burst
 * instead of one each. Each keeps its own outcome (a savepoint each), and each caller hears back only after the
 * group's COMMIT, as it would after its own. An idle caller is a group of one and waits for nobody.
 */
export function pgliteTransactions(db: PGlite): <T>(work: Work<T>) => Promise<T> {
  const queue: { work: Work<unknown>; settle: (outcome: Outcome) => void }[] = [];
  let draining = false;
  const drain = async () => {
    draining = true;
    while (queue.length > 0) {
      const group = queue.splice(0, GROUP_LIMIT);
      let outcomes: Outcome[] = [];
      try {
        await db.transaction(async (inner: PGliteTx) => {
          outcomes = [];
          for (const item of group) outcomes.push(await inSavepoint(inner, item.work));
        });
      } catch (error) {
        // The group did not commit: none of its work is stored.
        outcomes = group.map(() => ({ ok: false, error }));
      }
      group.forEach((item, i) => item.settle(outcomes[i]!));
    }
    draining = false;
  };
  return <T>(work: Work<T>) =>
    new Promise<T>((resolve, reject) => {
      queue.push({
        work,
        settle: (outcome) => (outcome.ok ? resolve(outcome.value as T) : reject(outcome.error)),
      });
      if (!draining) void drain();
    });
}
