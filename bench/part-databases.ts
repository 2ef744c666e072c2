// Where a part's service keeps its data: a fresh PostgreSQL database, a temporary PGlite data dir, or the in-process
// test service's kinds, each removed afterwards.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestDatabaseKind } from "../test/support/databases.ts";
import { createPostgresDatabase, withPostgresDatabase } from "./databases.ts";
import type { Engine } from "./runner.ts";

/** `work` with the environment that points a spawned service at a fresh database of `engine`. */
export function withServiceDatabase<T>(
  postgresUrl: string,
  engine: Engine | null,
  work: (env: Record<string, string>) => Promise<T>,
): Promise<T> {
  if (engine !== "postgres") return work({}); // the bench module gives PGlite a temporary data dir
  return withPostgresDatabase(postgresUrl, (url) => work({ DATABASE_URL: url }));
}

/** A fresh database on the benchmark's PostgreSQL, in the form the in-process test services take. */
export function postgresKind(serverUrl: string): TestDatabaseKind {
  return {
    name: "postgres",
    async create() {
      const db = await createPostgresDatabase(serverUrl);
      return { target: { kind: "postgres", url: db.url, poolSize: 10 }, drop: () => db.drop() };
    },
  };
}

export async function inTempDir<T>(prefix: string, work: (dir: string) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  try {
    return await work(dir);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
