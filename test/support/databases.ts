// The database tests run on embedded PGlite always and, when TEST_DATABASE_URL is set (as .ci/run does),
// on that real PostgreSQL server too: each `open()` gets a fresh, migrated database of its own.
import { randomBytes } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import {
  openDatabase,
  type Database,
  type DatabaseTarget,
} from "../../sync-service/src/adapters/persistence/database.ts";
import { pgliteSession, pgSession, type SqlSession } from "../../sync-service/src/adapters/persistence/sql-session.ts";

export interface TestDatabaseKind {
  readonly name: "pglite" | "postgres";
  /** A target for a fresh, empty database; `drop` removes it after the test. */
  create(): Promise<{ target: DatabaseTarget; drop(): Promise<void> }>;
}

const serverUrl = process.env.TEST_DATABASE_URL;

async function admin(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const pglite: TestDatabaseKind = {
  name: "pglite",
  create: async () => ({ target: { kind: "pglite", dataDir: null }, drop: async () => {} }),
};

const postgres: TestDatabaseKind = {
  name: "postgres",
  async create() {
    const name = `fw_test_${randomBytes(6).toString("hex")}`;
    await admin(`CREATE DATABASE ${name}`);
    const url = new URL(serverUrl!);
    url.pathname = `/${name}`;
    return {
      target: { kind: "postgres", url: url.toString(), poolSize: 10 },
      drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`),
    };
  },
};

export const DATABASE_KINDS: readonly TestDatabaseKind[] = serverUrl ? [pglite, postgres] : [pglite];

/** Opens a fresh migrated database of `kind`; `close()` also drops it. */
export async function openTestDatabase(kind: TestDatabaseKind): Promise<Database & { target: DatabaseTarget }> {
  const { target, drop } = await kind.create();
  const db = await openDatabase(target);
  return {
    ...db,
    target,
    close: async () => {
      await db.close();
      await drop();
    },
  };
}

/** A raw SQL session on a fresh, empty database of `kind` (no migrations applied): for tests of one migration. */
export async function emptyTestDatabase(
  kind: TestDatabaseKind,
): Promise<{ session: SqlSession; close(): Promise<void> }> {
  const { target, drop } = await kind.create();
  if (target.kind === "pglite") {
    const db = await PGlite.create();
    return { session: pgliteSession(db), close: () => db.close() };
  }
  const pool = new pg.Pool({ connectionString: target.url, max: 1 });
  const session = await pgSession(pool);
  return {
    session,
    async close() {
      await session.release();
      await pool.end();
      await drop();
    },
  };
}
