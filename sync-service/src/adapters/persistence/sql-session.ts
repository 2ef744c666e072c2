import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";

/**
 * One statement in a raw-driver transaction. `name` makes it a prepared statement on PostgreSQL, so
 * the server parses and plans it once per connection.
 */
export type SqlQuery = <T extends Record<string, unknown>>(name: string, text: string, params: unknown[]) => Promise<T[]>;

/** Runs `work` between BEGIN and COMMIT on one pooled connection; any error rolls back. */
export async function pgTransaction<T>(pool: pg.Pool, work: (sql: SqlQuery) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("BEGIN");
    const result = await work(async (name, text, values) => (await client.query({ name, text, values })).rows);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK").catch((e: Error) => (broken = e));
    throw error;
  } finally {
    // A connection that could not even roll back is not given back to the pool.
    client.release(broken);
  }
}

export async function pgliteTransaction<T>(db: PGlite, work: (sql: SqlQuery) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => work(async (_name, text, params) => (await tx.query(text, params)).rows as never));
}

/** A single database connection for work Prisma cannot do: multi-statement migration scripts and session locks. */
export interface SqlSession {
  exec(script: string): Promise<void>;
  query<T extends Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  release(): Promise<void>;
}

export function pgliteSession(db: PGlite): SqlSession {
  return {
    exec: async (script) => {
      await db.exec(script);
    },
    query: async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
      (await db.query<T>(sql, params)).rows,
    release: async () => {},
  };
}

export async function pgSession(pool: pg.Pool): Promise<SqlSession> {
  const client = await pool.connect();
  return {
    exec: async (script) => {
      await client.query(script);
    },
    query: async <T extends Record<string, unknown>>(sql: string, params: unknown[] = []) =>
      (await client.query<T>(sql, params)).rows,
    release: async () => client.release(),
  };
}
