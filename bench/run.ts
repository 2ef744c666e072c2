// `npm run bench [-- --smoke] [-- part ...]`: every part of the benchmark (bench/parts.ts) on PGlite and, when
// reachable on loopback, PostgreSQL; one part failing is reported with its error and the others still run and
// keep their figures. See bench/README.md for the method and `npm run bench -- --help` for the parts.
import fs from "node:fs";
import os from "node:os";
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
  SMOKE_DEADLINE_MS,
  WARMUP_EVENTS,
  type BenchSettings,
} from "./config.ts";
import { postgresRefused, postgresUnavailable } from "./databases.ts";
import { benchParts } from "./parts.ts";
import { emptyFigures, markdown, writeJson, type BenchReport, type Figures } from "./report.ts";
import {
  exitCode,
  helpText,
  parseArgs,
  planSteps,
  runSteps,
  statusMarkdown,
  unfinished,
  UsageError,
  type Invocation,
  type Outcome,
  type Step,
} from "./runner.ts";
import { SLACK_BUDGET_MS } from "./slack-bench.ts";
import { STATUS_UPDATE_BUDGET_MS } from "./status-update-bench.ts";

/**
 * SIGTERM to this process's own children (the services, Chromium) of a part cut off by the deadline: exiting does not
 * stop them, and an orphaned service would hold its port and CPU. Linux's /proc; elsewhere nothing is found.
 */
function stopChildren(): void {
  let pids: string[] = [];
  try {
    pids = fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d));
  } catch {
    return;
  }
  for (const pid of pids) {
    try {
      // /proc/<pid>/stat: "pid (comm) state ppid …"; comm may hold spaces, so split after its closing parenthesis.
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === process.pid)
        process.kill(Number(pid), "SIGTERM");
    } catch {
      // gone meanwhile
    }
  }
}

const log = (message: string) => console.error(`[bench ${(performance.now() / 1000).toFixed(1)}s] ${message}`);

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "(unparsable URL)";
  }
}

/** Prints the figures, then each part's outcome and notes; writes the JSON file; returns the exit code. */
function finish(inv: Invocation, settings: BenchSettings, figures: Figures, outcomes: readonly Outcome[]): number {
  const report: BenchReport = {
    generatedAt: new Date().toISOString(),
    mode: inv.smoke ? "smoke" : "full",
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
    ...figures,
    outcomes,
  };
  if (inv.smoke)
    console.log("Smoke run (--smoke): tiny counts, to prove every part works; its figures mean nothing.\n");
  const tables = markdown(figures, CONCURRENCY);
  if (tables) console.log(`${tables}\n`);
  console.log(statusMarkdown(outcomes).join("\n"));
  for (const o of outcomes)
    for (const note of o.notes) console.log(`\n${o.part}${o.database ? ` ${o.database}` : ""}: ${note}`);
  // latest.json holds the figures the docs quote: only a full run of every part on both databases replaces it.
  const everything = !inv.smoke && !inv.named && inv.engines.length === 2;
  console.log(`\nWrote ${writeJson(report, inv.smoke ? "smoke.json" : everything ? "latest.json" : "partial.json")}`);
  const code = exitCode(outcomes);
  const failed = outcomes.filter((o) => o.status === "FAILED" || o.status === "not run").length;
  console.log(
    code ? `\nbench: ${failed} of ${outcomes.length} part runs FAILED or not run` : "\nbench: every part ran",
  );
  return code;
}

async function main(): Promise<number> {
  const figures = emptyFigures();
  const settings = readSettings();
  const ctx = { smoke: false, settings, figures, log };
  const names = benchParts(ctx).map((p) => p.name);
  let inv: Invocation;
  try {
    inv = parseArgs(process.argv.slice(2), names);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`bench: ${error.message}\n\n${helpText(benchParts(ctx))}`);
    return 2;
  }
  if (inv.help) {
    console.log(helpText(benchParts(ctx)));
    return 0;
  }
  const parts = benchParts({ ...ctx, smoke: inv.smoke });

  const wantsPostgres = inv.engines.includes("postgres");
  const unavailable = wantsPostgres ? await postgresUnavailable(settings.postgresUrl) : null;
  // A server named in the environment (or --db=postgres) that cannot be reached fails the PostgreSQL runs; the
  // default URL unreachable, or any non-loopback server (refused on purpose), only skips them.
  const asked = settings.postgresUrlSource !== "default" || inv.enginesNamed;
  const postgres = {
    unavailable: unavailable && `${redact(settings.postgresUrl)} (from ${settings.postgresUrlSource}): ${unavailable}`,
    required: asked && !postgresRefused(settings.postgresUrl),
  };
  const steps: Step[] = planSteps(parts, inv, postgres);
  const outcomes: Outcome[] = [];

  const deadlineMs = inv.smoke
    ? SMOKE_DEADLINE_MS
    : RUN_DEADLINE_MS + 2 * SLACK_BUDGET_MS + 2 * STATUS_UPDATE_BUDGET_MS;
  const deadline = setTimeout(() => {
    const reason = `the run gave up after ${deadlineMs / 1000} s (${inv.smoke ? "SMOKE_DEADLINE_MS" : "RUN_DEADLINE_MS + 2 × (SLACK_BUDGET_MS + STATUS_UPDATE_BUDGET_MS)"})`;
    console.error(`bench: ${reason}`);
    finish(inv, settings, figures, [...outcomes, ...unfinished(steps, outcomes, reason)]);
    // A part still running holds the event loop (and its service processes); do not wait for it.
    stopChildren();
    process.exit(2);
  }, deadlineMs);
  deadline.unref();

  await runSteps(steps, outcomes, (step) => log(`── ${step.part.name}${step.database ? ` on ${step.database}` : ""}`));
  return finish(inv, settings, figures, outcomes);
}

main().then(
  (code) => {
    process.exitCode = code;
    // A part that failed half-way may have left a socket or timer behind; the report is out, so do not hang on it.
    setTimeout(() => process.exit(code), 10_000).unref();
  },
  (error: unknown) => {
    console.error("bench failed:", error);
    // Something may still hold the event loop open after a failure; do not wait for it.
    process.exit(1);
  },
);
