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
import { markdown, respondMarkdown, writeJson, type BenchReport, type DatabaseResult } from "./report.ts";
import { runServiceBench } from "./service-bench.ts";
import { runJiraBench } from "./jira-bench.ts";
import { runSlackBench, SLACK_BUDGET_MS, SLACK_DURATION_S, SLACK_EVENTS_PER_SECOND } from "./slack-bench.ts";
import { runJqlBench } from "./jql-bench.ts";
import { runOncallBench } from "./oncall-bench.ts";
import { runPostmortemBench } from "./postmortem-bench.ts";
import { runTimerBench } from "./timer-bench.ts";
import { runConsoleBench } from "./console-bench.ts";
import { CHROMIUM } from "../test/browser/support/browser.ts";
import { DATABASE_KINDS, type TestDatabaseKind } from "../test/support/databases.ts";
import { FORGE_EVENTS, FORGE_RULE_ISSUES, runForgeBench } from "./forge-bench.ts";
import { RESPOND_INCIDENTS, runRespondBench } from "./respond-bench.ts";

/** A fresh database on the benchmark's PostgreSQL, in the form the test services take. */
function postgresKind(serverUrl: string): TestDatabaseKind {
  return {
    name: "postgres",
    async create() {
      const db = await createPostgresDatabase(serverUrl);
      return { target: { kind: "postgres", url: db.url, poolSize: 10 }, drop: () => db.drop() };
    },
  };
}

// The Slack benchmark runs a fixed 30 s load per database and then waits for the service; it brings its own allowance.
const deadlineMs = RUN_DEADLINE_MS + 2 * SLACK_BUDGET_MS;
const deadline = setTimeout(() => {
  console.error(
    `bench: gave up after ${deadlineMs / 1000} s (RUN_DEADLINE_MS in bench/config.ts + SLACK_BUDGET_MS in bench/slack-bench.ts per database)`,
  );
  process.exit(2);
}, deadlineMs);
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
    return {
      database: "pglite",
      path: "on disk (temp dir)",
      service,
      raw: { driver: "PGlite query()", ...raw },
      ratio,
    };
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
    return {
      database: "postgres",
      path: where,
      service,
      raw: { driver: `pg.Pool(max ${RAW_POOL_SIZE})`, ...raw },
      ratio,
    };
  } finally {
    await rawDb.close();
    await rawDbInfo.drop();
  }
}

/** The respond part, on PGlite (as `npm start` runs) and PostgreSQL when reachable. */
async function benchRespond(postgresUrl: string, unavailable: string | null): Promise<BenchReport["respond"]> {
  const rows: BenchReport["respond"] = [];
  log(`respond: ${RESPOND_INCIDENTS} pages acknowledged from where they land (PGlite on disk)`);
  rows.push(...(await runRespondBench({})).map((r) => ({ database: "pglite", ...r })));
  if (!unavailable) {
    log("respond: the same on PostgreSQL");
    const db = await createPostgresDatabase(postgresUrl);
    try {
      rows.push(...(await runRespondBench({ DATABASE_URL: db.url })).map((r) => ({ database: "postgres", ...r })));
    } finally {
      await db.drop();
    }
  }
  return rows;
}

/** `npm run bench -- respond`: that part alone (the other parts run together until each can run alone). */
async function respondOnly(): Promise<number> {
  const settings = readSettings();
  const unavailable = await postgresUnavailable(settings.postgresUrl);
  const rows = await benchRespond(settings.postgresUrl, unavailable);
  console.log(respondMarkdown(rows).join("\n"));
  return rows.some((r) => r.escalationsLeft > 0) ? 1 : 0;
}

async function main(): Promise<number> {
  if (process.argv.slice(2).includes("respond")) return respondOnly();
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

  const respond = await benchRespond(settings.postgresUrl, unavailable);

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

  const slackTimeline: BenchReport["slackTimeline"] = [];
  const slackLoad = `${SLACK_EVENTS_PER_SECOND} Slack events/s for ${SLACK_DURATION_S} s → timeline entries`;
  log(`slack: ${slackLoad} (PGlite on disk)`);
  slackTimeline.push({ database: "pglite", ...(await runSlackBench({}, log)) });
  if (!unavailable) {
    log(`slack: ${slackLoad} (PostgreSQL)`);
    const db = await createPostgresDatabase(settings.postgresUrl);
    try {
      slackTimeline.push({ database: "postgres", ...(await runSlackBench({ DATABASE_URL: db.url }, log)) });
    } finally {
      await db.drop();
    }
  }

  const timers: BenchReport["timers"] = [];
  log("timers: 10,000 escalation timers firing (PGlite on disk)");
  const timerDir = fs.mkdtempSync(path.join(os.tmpdir(), "firewatch-bench-timers-"));
  timers.push({
    database: "pglite",
    ...(await runTimerBench({ kind: "pglite", dataDir: timerDir }).finally(() =>
      fs.rmSync(timerDir, { recursive: true, force: true }),
    )),
  });
  if (!unavailable) {
    log("timers: 10,000 escalation timers firing (PostgreSQL)");
    const db = await createPostgresDatabase(settings.postgresUrl);
    try {
      timers.push({ database: "postgres", ...(await runTimerBench({ kind: "postgres", url: db.url })) });
    } finally {
      await db.drop();
    }
  }
  const forge: BenchReport["forge"] = [];
  log(
    `forge: ${FORGE_EVENTS} product events to /forge/events, then ${FORGE_RULE_ISSUES} issues filed → incidents (PGlite in memory)`,
  );
  forge.push({ database: "pglite", ...(await runForgeBench(DATABASE_KINDS[0]!)) });
  if (!unavailable) {
    log("forge: the same on PostgreSQL");
    forge.push({ database: "postgres", ...(await runForgeBench(postgresKind(settings.postgresUrl))) });
  }
  log("jql: 10,000 rules against one issue event");
  const jql = runJqlBench();
  log("oncall: onCallAt over a year of hourly rotation with 50 overrides");
  const oncall = runOncallBench();
  log("postmortem: render 10,000 timeline entries; Confluence requests per refresh");
  const postmortem = await runPostmortemBench();
  let consoleResult: BenchReport["console"] = null;
  if (fs.existsSync(CHROMIUM)) {
    log("console: the web console in Chromium (1,000 incidents, a 5,000-entry timeline)");
    consoleResult = await runConsoleBench(log);
  } else {
    skipped.push({
      database: "console",
      reason: `no Chromium at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM_PATH)`,
    });
  }

  const report: BenchReport = {
    generatedAt: new Date().toISOString(),
    machine: {
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? "?",
    },
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
    slackTimeline,
    jql,
    oncall,
    postmortem,
    timers,
    console: consoleResult,
    forge,
    respond,
    skipped,
  };
  console.log(markdown(report, CONCURRENCY));
  let failed = false;
  for (const r of results) {
    for (const [name, run] of [
      ["service", r.service],
      ["raw", r.raw],
    ] as const) {
      if (run.measured.errors)
        console.log(
          `\n${r.database} ${name}: ${run.measured.errors} errors, e.g. ${run.measured.errorSamples.join(" | ")}`,
        );
      if (!run.check.ok)
        console.log(`\n${r.database} ${name}: row counts differ from the plan: ${JSON.stringify(run.check)}`);
      failed ||= run.measured.errors > 0 || run.warmup.errors > 0 || !run.check.ok;
    }
  }
  for (const s of slackTimeline) {
    const r = s.redelivery;
    const problems = [
      s.lost ? `${s.lost} acknowledged messages never reached the timeline (the job queue was empty)` : "",
      s.duplicates
        ? `${s.duplicates} duplicate entries (${s.extraEntriesForOneMessage} extra for one message, ${s.entriesNotSent} for messages not sent)`
        : "",
      s.wrongContent ? `${s.wrongContent} entries with another body or author than the message` : "",
      r.answeredDuplicate !== r.sent
        ? `${r.sent - r.answeredDuplicate} of ${r.sent} retries not answered as duplicates (${r.otherAnswers.join(" | ")})`
        : "",
      (r.queueDrained && r.entriesAfter !== r.entriesBefore) || r.duplicatesAfter || r.changedEntries
        ? `retries changed the timeline: ${r.entriesBefore} → ${r.entriesAfter} entries, ${r.duplicatesAfter} duplicates, ${r.changedEntries} entries changed`
        : "",
    ].filter(Boolean);
    const notes = [
      s.lost === null
        ? `${s.missing} acknowledged messages were not on the timeline ${f0(s.observedForMs / 1000)} s after the last send, with ${s.queuedJobsAtCount >= 500 ? "500+" : s.queuedJobsAtCount} jobs still queued: losses could not be told from late entries`
        : "",
      !r.queueDrained
        ? "the retries were checked while jobs were still queued: their answers were all checked, the timeline only as far as it had got"
        : "",
      s.httpErrors
        ? `${s.httpErrors} events without a 2xx (${s.httpErrorSamples.join(" | ")}); of those without any answer, ${s.unansweredOnTimeline} reached the timeline anyway and ${s.unansweredNotOnTimeline} did not (Slack would retry them)`
        : "",
      s.meanPollIntervalMs > 1.5 * s.pollMs
        ? `the timeline reads came every ${f0(s.meanPollIntervalMs)} ms on average, not every ${s.pollMs} ms: the latencies are that coarse`
        : "",
      s.slip.maxMs > 1000
        ? `sends fell behind the schedule by up to ${f0(s.slip.maxMs)} ms (${s.slip.sendsLateOver10Ms} sent > 10 ms late; at most ${s.maxInFlight} in flight)`
        : "",
      s.service.errors || s.service.warnings
        ? `service log: ${s.service.errors} errors, ${s.service.warnings} warnings: ${s.service.logSamples.join(" | ")}`
        : "",
      s.service.failedJobs ? `${s.service.failedJobs} failed jobs: ${s.service.failedJobSamples.join(" | ")}` : "",
    ].filter(Boolean);
    for (const line of [...problems, ...notes]) console.log(`\n${s.database} slack: ${line}`);
    failed ||= problems.length > 0;
  }
  for (const r of respond) {
    if (r.escalationsLeft)
      console.log(`\n${r.database} respond: ${r.escalationsLeft} acknowledged incidents still had pages queued`);
    failed ||= r.escalationsLeft > 0;
  }
  console.log(`\nWrote ${writeJson(report)}`);
  return failed ? 1 : 0;
}

const f0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "n/a");

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
