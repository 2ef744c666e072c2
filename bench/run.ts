// `npm run bench`: Events v2 ingest through the whole service vs. the same rows written raw, on PGlite
// and (when reachable on loopback) PostgreSQL. See bench/README.md for the method.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import {
  CONCURRENCY,
  NEW_KEY_SHARE,
  OPEN_KEY_POOL,
  PLAN_SEED,
  RAW_POOL_SIZE,
  readSettings,
  REQUEST_TIMEOUT_MS,
  RUN_DEADLINE_MS,
  WARMUP_EVENTS,
} from "./config.ts";
import { createPostgresDatabase, describePostgres, postgresUnavailable } from "./databases.ts";
import { countNew, makePlan, type EventPlan } from "./plan.ts";
import { rawPGlite, rawPostgres, runRawBench } from "./raw-bench.ts";
import { markdown, writeJson, type BenchReport, type DatabaseResult } from "./report.ts";
import { runServiceBench } from "./service-bench.ts";
import { runJiraBench } from "./jira-bench.ts";
import { runJqlBench } from "./jql-bench.ts";
import { runOncallBench } from "./oncall-bench.ts";
import { runTimerBench } from "./timer-bench.ts";

const deadline = setTimeout(() => {
  console.error(`bench: gave up after ${RUN_DEADLINE_MS / 1000} s (RUN_DEADLINE_MS in bench/config.ts)`);
  process.exit(2);
}, RUN_DEADLINE_MS);
deadline.unref();

const log = (message: string) => console.error(`[bench ${(performance.now() / 1000).toFixed(1)}s] ${message}`);

async function benchPGlite(plan: EventPlan): Promise<DatabaseResult> {
  log("pglite: service over HTTP (on disk, as `npm start` runs it)");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "firewatch-bench-pglite-"));
  const service = await runServiceBench({ kind: "pglite", dataDir: path.join(dir, "service", "pglite") }, plan);
  log("pglite: raw writes through PGlite query() (on disk)");
  const rawDb = await rawPGlite(path.join(dir, "raw"));
  try {
    const raw = await runRawBench(rawDb, plan);
    const ratio = service.measured.perSecond / raw.measured.perSecond;
    return { database: "pglite", path: "on disk (temp dir)", service, raw: { driver: "PGlite query()", ...raw }, ratio };
  } finally {
    await rawDb.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function benchPostgres(serverUrl: string, plan: EventPlan): Promise<DatabaseResult> {
  const where = await describePostgres(serverUrl);
  log(`postgres: service over HTTP (${where}, fresh database)`);
  const serviceDb = await createPostgresDatabase(serverUrl);
  const service = await runServiceBench({ kind: "postgres", url: serviceDb.url }, plan).finally(() => serviceDb.drop());
  log(`postgres: raw writes through pg.Pool(max ${RAW_POOL_SIZE}) (fresh database)`);
  const rawDbInfo = await createPostgresDatabase(serverUrl);
  const rawDb = rawPostgres(rawDbInfo.url);
  try {
    const raw = await runRawBench(rawDb, plan);
    const ratio = service.measured.perSecond / raw.measured.perSecond;
    return { database: "postgres", path: where, service, raw: { driver: `pg.Pool(max ${RAW_POOL_SIZE})`, ...raw }, ratio };
  } finally {
    await rawDb.close();
    await rawDbInfo.drop();
  }
}

async function main(): Promise<number> {
  const settings = readSettings();
  const plan = makePlan(WARMUP_EVENTS, settings.events);
  const newShare = countNew(plan.measured) / plan.measured.length;
  console.log(
    `Events v2 trigger mix: ${(NEW_KEY_SHARE * 100).toFixed(0)}% new dedup keys, ` +
      `${((1 - NEW_KEY_SHARE) * 100).toFixed(0)}% repeats of ${OPEN_KEY_POOL} open keys ` +
      `(measured: ${countNew(plan.measured)} new / ${plan.measured.length - countNew(plan.measured)} repeats, ${(newShare * 100).toFixed(1)}% new); ` +
      `${WARMUP_EVENTS} warm-up + ${settings.events} measured events, ${CONCURRENCY} in flight.\n`,
  );

  const results: DatabaseResult[] = [];
  const skipped: BenchReport["skipped"] = [];
  results.push(await benchPGlite(plan));
  const unavailable = await postgresUnavailable(settings.postgresUrl);
  if (unavailable) {
    const reason = `${redact(settings.postgresUrl)} (from ${settings.postgresUrlSource}): ${unavailable}`;
    skipped.push({ database: "postgres", reason });
    console.log(`Note: skipping PostgreSQL — ${reason}. Set BENCH_DATABASE_URL to a loopback server to include it.\n`);
  } else {
    results.push(await benchPostgres(settings.postgresUrl, plan));
  }

  const jiraSync: BenchReport["jiraSync"] = [];
  log("jira: status change → transition on the emulator (PGlite on disk)");
  jiraSync.push({ database: "pglite", ...(await runJiraBench({})) });
  if (!unavailable) {
    log("jira: status change → transition on the emulator (PostgreSQL)");
    const db = await createPostgresDatabase(settings.postgresUrl);
    try {
      jiraSync.push({ database: "postgres", ...(await runJiraBench({ DATABASE_URL: db.url })) });
    } finally {
      await db.drop();
    }
  }

  const timers: BenchReport["timers"] = [];
  log("timers: 10,000 escalation timers firing (PGlite on disk)");
  const timerDir = fs.mkdtempSync(path.join(os.tmpdir(), "firewatch-bench-timers-"));
  timers.push({ database: "pglite", ...(await runTimerBench({ kind: "pglite", dataDir: timerDir }).finally(() => fs.rmSync(timerDir, { recursive: true, force: true }))) });
  if (!unavailable) {
    log("timers: 10,000 escalation timers firing (PostgreSQL)");
    const db = await createPostgresDatabase(settings.postgresUrl);
    try {
      timers.push({ database: "postgres", ...(await runTimerBench({ kind: "postgres", url: db.url })) });
    } finally {
      await db.drop();
    }
  }
  log("jql: 10,000 rules against one issue event");
  const jql = runJqlBench();
  log("oncall: onCallAt over a year of hourly rotation with 50 overrides");
  const oncall = runOncallBench();

  const report: BenchReport = {
    generatedAt: new Date().toISOString(),
    machine: { node: process.version, platform: `${os.platform()} ${os.release()}`, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model ?? "?" },
    settings: {
      events: settings.events,
      warmupEvents: WARMUP_EVENTS,
      concurrency: CONCURRENCY,
      newKeyShare: NEW_KEY_SHARE,
      openKeyPool: OPEN_KEY_POOL,
      rawPoolSize: RAW_POOL_SIZE,
      planSeed: PLAN_SEED,
      requestTimeoutMs: REQUEST_TIMEOUT_MS,
    },
    results,
    jiraSync,
    jql,
    oncall,
    timers,
    skipped,
  };
  console.log(markdown(report, CONCURRENCY));
  let failed = false;
  for (const r of results) {
    for (const [name, run] of [["service", r.service], ["raw", r.raw]] as const) {
      if (run.measured.errors) console.log(`\n${r.database} ${name}: ${run.measured.errors} errors, e.g. ${run.measured.errorSamples.join(" | ")}`);
      if (!run.check.ok) console.log(`\n${r.database} ${name}: row counts differ from the plan: ${JSON.stringify(run.check)}`);
      failed ||= run.measured.errors > 0 || run.warmup.errors > 0 || !run.check.ok;
    }
  }
  console.log(`\nWrote ${writeJson(report)}`);
  return failed ? 1 : 0;
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparsable URL)";
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error("bench failed:", error);
    // Something may still hold the event loop open after a failure; do not wait for it.
    process.exit(1);
  },
);
