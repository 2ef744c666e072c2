import type { PGlite } from "@electric-sql/pglite";
import type pg from "pg";

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
