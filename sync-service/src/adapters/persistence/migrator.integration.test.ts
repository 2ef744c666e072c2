// Migrations apply at start on PGlite and PostgreSQL with Prisma's own bookkeeping.
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS, openTestDatabase } from "../../../../test/support/databases.ts";
import { openDatabase, MIGRATIONS_DIR, type Database, type DatabaseTarget } from "./database.ts";
import { migrate, MigrationChecksumError, readMigrations } from "./migrator.ts";

describe.each(DATABASE_KINDS)("migrations on $name", (kind) => {
  let db: Database & { target: DatabaseTarget };
  beforeAll(async () => {
    db = await openTestDatabase(kind);
  });
  afterAll(() => db?.close());

  it("applies every migration folder once and records it as Prisma Migrate does", async () => {
    const session = await db.session();
    try {
      const rows = await session.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
        `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" ORDER BY migration_name`,
      );
      const files = readMigrations(MIGRATIONS_DIR);
      expect(rows.map((r) => [r.migration_name, r.checksum])).toEqual(files.map((m) => [m.name, m.checksum]));
      expect(rows.every((r) => r.finished_at !== null)).toBe(true);
      expect(await migrate(session, files)).toEqual([]);
    } finally {
      await session.release();
    }
  });

  it("refuses to start when an applied migration was edited afterwards", async () => {
    const session = await db.session();
    try {
      const [first, ...rest] = readMigrations(MIGRATIONS_DIR);
      const edited = { ...first!, checksum: "0".repeat(64) };
      await expect(migrate(session, [edited, ...rest])).rejects.toThrow(MigrationChecksumError);
    } finally {
      await session.release();
    }
  });

  it("rolls back a failing migration whole, bookkeeping included", async () => {
    const session = await db.session();
    try {
      const broken = {
        name: "99999999999999_broken",
        sql: "CREATE TABLE half_done (id int);\nSELECT no_such_function();",
        checksum: "x",
      };
      await expect(migrate(session, [...readMigrations(MIGRATIONS_DIR), broken])).rejects.toThrow(
        /99999999999999_broken failed/,
      );
      const tables = await session.query(`SELECT 1 FROM information_schema.tables WHERE table_name = 'half_done'`);
      const recorded = await session.query(`SELECT 1 FROM "_prisma_migrations" WHERE migration_name = $1`, [
        broken.name,
      ]);
      expect([tables.length, recorded.length]).toEqual([0, 0]);
    } finally {
      await session.release();
    }
  });
});

// Replicas only exist on a database server; PGlite is one process's embedded database.
const servers = DATABASE_KINDS.filter((k) => k.name === "postgres");
if (servers.length) {
  describe.each(servers)("migrations from two replicas on $name", (kind) => {
    it("lets two replicas start together: each migration is applied once", async () => {
      const { target, drop } = await kind.create();
      try {
        const [a, b] = await Promise.all([openDatabase(target), openDatabase(target)]);
        const session = await a.session();
        const rows = await session.query(`SELECT migration_name FROM "_prisma_migrations"`);
        await session.release();
        expect(rows).toHaveLength(fs.readdirSync(MIGRATIONS_DIR).filter((d) => /^\d+_/.test(d)).length);
        await Promise.all([a.close(), b.close()]);
      } finally {
        await drop();
      }
    });
  });
}
