import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaClient } from "./generated/client.ts";
import { lockDataDirectory } from "./data-dir-lock.ts";
import { migrate, readMigrations } from "./migrator.ts";
import { pgliteSession, pgSession, type SqlSession } from "./sql-session.ts";
import { pgliteTransactions, pgTransaction, type SqlTransaction } from "./sql-transaction.ts";

export const MIGRATIONS_DIR = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  "../../../../prisma/migrations",
);

export type DatabaseTarget =
  { kind: "postgres"; url: string; poolSize?: number } | { kind: "pglite"; dataDir: string | null };

/** An open database: the Prisma client plus a way to get a raw session, for whichever engine is in use. */
export interface Database {
  readonly kind: DatabaseTarget["kind"];
  readonly prisma: PrismaClient;
  session(): Promise<SqlSession>;
  /**
   * Runs `work` as a transaction on the raw driver, for hand-written SQL on hot paths: all of it commits or none does,
   * and the promise settles after the commit. On PGlite it may share its COMMIT with others queued at the same time
   * (each in a savepoint: see `pgliteTransactions`).
   */
  transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

/** Opens PostgreSQL (`pg` pool) or embedded PGlite (`dataDir` null = in memory) and applies pending migrations. */
export async function openDatabase(target: DatabaseTarget): Promise<Database> {
  const db =
    target.kind === "postgres" ? openPostgres(target.url, target.poolSize ?? 10) : await openPGlite(target.dataDir);
  try {
    const session = await db.session();
    try {
      await migrate(session, readMigrations(MIGRATIONS_DIR));
    } finally {
      await session.release();
    }
    return db;
  } catch (error) {
    await db.close();
    throw error;
  }
}

/**
 * Two pools of `poolSize` connections each: one for the raw transactions of event intake, one for everything else
 * (the worker that pages, people's requests). Sharing one pool, a burst of events queued the worker's every query
 * behind the intake's: under load a page waited seconds for connections, not for the database.
 */
function openPostgres(url: string, poolSize: number): Database {
  const pool = new pg.Pool({ connectionString: url, max: poolSize });
  const intakePool = new pg.Pool({ connectionString: url, max: poolSize });
  // An idle client that loses its server emits 'error'; without a listener that would crash the process.
  pool.on("error", () => {});
  intakePool.on("error", () => {});
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool) });
  return {
    kind: "postgres",
    prisma,
    session: () => pgSession(pool),
    transaction: (work) => pgTransaction(intakePool, work),
    close: async () => {
      await prisma.$disconnect();
      await Promise.all([pool.end(), intakePool.end()]);
    },
  };
}

/** @throws DataDirectoryInUsePersistenceError when another process has `dataDir` open */
async function openPGlite(dataDir: string | null): Promise<Database> {
  if (dataDir) fs.mkdirSync(path.dirname(path.resolve(dataDir)), { recursive: true });
  // PGlite has no lock of its own; a second process on the directory would lose one side's writes.
  const lock = dataDir ? await lockDataDirectory(path.resolve(dataDir)) : null;
  let pglite: PGlite;
  try {
    if (dataDir) fs.mkdirSync(dataDir, { recursive: true });
    pglite = dataDir ? await PGlite.create(dataDir) : await PGlite.create();
  } catch (error) {
    lock?.release();
    throw error;
  }
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  const transaction = pgliteTransactions(pglite);
  return {
    kind: "pglite",
    prisma,
    session: async () => pgliteSession(pglite),
    transaction,
    close: async () => {
      try {
        await prisma.$disconnect();
        await pglite.close();
      } finally {
        lock?.release();
      }
    },
  };
}
