// The intake part: Events v2 through the whole service, then the same rows written raw, on one database.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { RAW_POOL_SIZE } from "./config.ts";
import { createPostgresDatabase, describePostgres, withPostgresDatabase } from "./databases.ts";
import type { EventPlan } from "./plan.ts";
import { rawPGlite, rawPostgres, runRawBench } from "./raw-bench.ts";
import type { DatabaseResult } from "./report.ts";
import { runServiceBench } from "./service-bench.ts";

export async function benchPGlite(plan: EventPlan, log: (message: string) => void): Promise<DatabaseResult> {
  log("intake: pglite: service over HTTP (on disk, as `npm start` runs it)");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "firewatch-bench-pglite-"));
  try {
    const service = await runServiceBench({ kind: "pglite", dataDir: path.join(dir, "service", "pglite") }, plan);
    log("intake: pglite: raw writes through PGlite query() (on disk)");
    const rawDb = await rawPGlite(path.join(dir, "raw"));
    try {
      const raw = await runRawBench(rawDb, plan);
      return {
        database: "pglite",
        path: "on disk (temp dir)",
        service,
        raw: { driver: "PGlite query()", ...raw },
        ratio: service.measured.perSecond / raw.measured.perSecond,
      };
    } finally {
      await rawDb.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchPostgres(
  serverUrl: string,
  plan: EventPlan,
  log: (message: string) => void,
): Promise<DatabaseResult> {
  const where = await describePostgres(serverUrl);
  log(`intake: postgres: service over HTTP (${where}, fresh database)`);
  const service = await withPostgresDatabase(serverUrl, (url) => runServiceBench({ kind: "postgres", url }, plan));
  log(`intake: postgres: raw writes through pg.Pool(max ${RAW_POOL_SIZE}) (fresh database)`);
  const rawDbInfo = await createPostgresDatabase(serverUrl);
  const rawDb = rawPostgres(rawDbInfo.url);
  try {
    const raw = await runRawBench(rawDb, plan);
    return {
      database: "postgres",
      path: where,
      service,
      raw: { driver: `pg.Pool(max ${RAW_POOL_SIZE})`, ...raw },
      ratio: service.measured.perSecond / raw.measured.perSecond,
    };
  } finally {
    await rawDb.close();
    await rawDbInfo.drop();
  }
}
