// Markdown tables for stdout and the JSON file under bench/results/.
import type { PostmortemBenchResult } from "./postmortem-bench.ts";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PhaseResult } from "./measure.ts";
import type { CountCheck } from "./verify.ts";
import type { JiraSyncResult } from "./jira-bench.ts";
import type { SlackBenchResult } from "./slack-bench.ts";
import type { JqlBenchResult } from "./jql-bench.ts";
import type { TimerBenchResult } from "./timer-bench.ts";
import type { RespondChannelResult } from "./respond-bench.ts";
import type { Outcome } from "./runner.ts";
import { consoleMarkdown, type ConsoleBenchResult } from "./console-bench.ts";
import { forgeMarkdown, type ForgeBenchResult } from "./forge-bench.ts";
import type { FirstPageResult } from "./first-page-bench.ts";
import { firstPageMarkdown } from "./first-page-report.ts";
import type { StatusUpdateBenchResult } from "./status-update-bench.ts";
import { statusUpdateMarkdown } from "./status-update-tally.ts";

export interface DatabaseResult {
  readonly database: "pglite" | "postgres";
  /** Where the data lived: "in memory" or "host:port, PostgreSQL x.y". */
  readonly path: string;
  readonly service: { warmup: PhaseResult; measured: PhaseResult; check: CountCheck };
  readonly raw: { driver: string; warmup: PhaseResult; measured: PhaseResult; check: CountCheck };
  /** service events/s ÷ raw equivalent events/s */
  readonly ratio: number;
}

/** The figures of the parts that ran; a part that did not run leaves its list empty (or null). */
export interface Figures {
  readonly results: DatabaseResult[];
  readonly jiraSync: ({ database: string } & JiraSyncResult)[];
  readonly slackTimeline: ({ database: string } & SlackBenchResult)[];
  jql: JqlBenchResult | null;
  oncall: { calls: number; medianMs: number; p99Ms: number } | null;
  postmortem: PostmortemBenchResult | null;
  readonly timers: ({ database: string } & TimerBenchResult)[];
  /** The web console in Chromium. */
  console: ConsoleBenchResult | null;
  /** Forge Remote intake: product events answered and handled, issue filed → incident. */
  readonly forge: ({ database: string } & ForgeBenchResult)[];
  /** Acting on a page where it lands: a click or a reply → acknowledged, escalation cancelled. */
  readonly respond: ({ database: string } & RespondChannelResult)[];
  /** Alert → first page: an Events v2 trigger → the Slack DM and the SMS at the stand-ins, idle and under load. */
  readonly firstPage: ({ database: string } & FirstPageResult)[];
  /** One status update to every subscriber, timed; a second with the service SIGKILLed half-way, counted. */
  readonly statusUpdates: ({ database: string } & StatusUpdateBenchResult)[];
}

export const emptyFigures = (): Figures => ({
  results: [],
  jiraSync: [],
  slackTimeline: [],
  jql: null,
  oncall: null,
  postmortem: null,
  timers: [],
  console: null,
  forge: [],
  respond: [],
  firstPage: [],
  statusUpdates: [],
});

export interface BenchReport extends Figures {
  readonly generatedAt: string;
  /** "smoke": tiny counts (`--smoke`), figures not comparable with a full run. */
  readonly mode: "full" | "smoke";
  readonly machine: { node: string; platform: string; cpus: number; cpuModel: string };
  readonly settings: Record<string, number | string>;
  /** Each part on each database: ok, FAILED (with its error), skipped (with the reason) or not run. */
  readonly outcomes: readonly Outcome[];
}

const f2 = (n: number) => (Number.isFinite(n) ? n.toFixed(2) : "n/a");
const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "n/a");
const f0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "n/a");

/** The respond part's table: from the page's button or reply to the incident acknowledged, escalation cancelled. */
export function respondMarkdown(rows: BenchReport["respond"]): string[] {
  return [
    "| respond from the page | database | incidents | → acknowledged, escalation cancelled p50 ms | p95 ms | max ms | escalations left |",
    "|---|---|---:|---:|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${r.channel} | ${r.database} | ${r.incidents} | ${f0(r.p50Ms)} | ${f0(r.p95Ms)} | ${f0(r.maxMs)} | ${r.escalationsLeft} |`,
    ),
  ];
}

function intakeMarkdown(results: Figures["results"], concurrency: number): string[] {
  return [
    "| database | path | events | concurrency | events/s | p50 ms | p99 ms | errors |",
    "|---|---|---:|---:|---:|---:|---:|---:|",
    ...results.map((r) => {
      const m = r.service.measured;
      return `| ${r.database} | ${r.path} | ${m.operations} | ${concurrency} | ${f0(m.perSecond)} | ${f1(m.p50Ms)} | ${f1(m.p99Ms)} | ${m.errors} |`;
    }),
    "",
    "| database | raw path | equivalent events/s | p50 ms | p99 ms | errors | service/raw |",
    "|---|---|---:|---:|---:|---:|---:|",
    ...results.map((r) => {
      const m = r.raw.measured;
      return `| ${r.database} | ${r.raw.driver} | ${f0(m.perSecond)} | ${f1(m.p50Ms)} | ${f1(m.p99Ms)} | ${m.errors} | ${r.ratio.toFixed(2)} |`;
    }),
  ];
}

function slackMarkdown(rows: Figures["slackTimeline"]): string[] {
  return [
    `| Slack → timeline | events/s target | achieved events/s | messages | p50 ms | p95 ms | p99 ms | max ms | lost | duplicates | HTTP errors | goal p95 < ${rows[0]!.goalP95Ms} ms |`,
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ...rows.map((s) => {
      const ms = (n: number) => (n === Infinity ? `> ${f0(s.observedForMs)}` : f0(n));
      const lost =
        s.lost ??
        `? (${f0(s.missing)} missing, ${s.queuedJobsAtCount >= 500 ? "500+" : f0(s.queuedJobsAtCount)} jobs still queued)`;
      return `| ${s.database} | ${s.targetPerSecond} | ${f0(s.achievedPerSecond)} | ${f0(s.messages)} | ${ms(s.p50Ms)} | ${ms(s.p95Ms)} | ${ms(s.p99Ms)} | ${ms(s.maxMs)} | ${lost} | ${s.duplicates} | ${s.httpErrors} | ${s.goalMet ? "met" : "not met"} |`;
    }),
    "",
    `Slack latency: from sending a message's event until the first read of the timeline API that returned its entry; the API is read every ${rows[0]!.pollMs} ms, so figures are ${rows[0]!.pollMs} ms coarse (more when a read answers slowly).`,
  ];
}

function postmortemMarkdown(p: PostmortemBenchResult): string[] {
  return [
    `| postmortem render (build, merge into the page, ADF-validate) | timeline entries | median ms | p95 ms | page KB | child page KB | goal p95 < ${p.goalMs} ms |`,
    "|---|---:|---:|---:|---:|---:|---|",
    `| render | ${f0(p.entries)} | ${p.medianMs.toFixed(1)} | ${p.p95Ms.toFixed(1)} | ${f0(p.pageBytes / 1024)} | ${f0(p.childPageBytes / 1024)} | ${p.goalMet ? "met" : "not met"} |`,
    "",
    "| Confluence requests per refresh | " +
      p.refreshRequests.map((r) => `${f0(r.entries)} entries`).join(" | ") +
      " |",
    "|---|" + p.refreshRequests.map(() => "---:").join("|") + "|",
    "| requests | " + p.refreshRequests.map((r) => String(r.requests)).join(" | ") + " |",
  ];
}

/** The figures of every part that produced some, one table (or two) each, blank lines between. */
export function markdown(report: Figures, concurrency: number): string {
  const { jql, oncall } = report;
  const sections: string[][] = [
    report.results.length ? intakeMarkdown(report.results, concurrency) : [],
    report.forge.length ? forgeMarkdown(report.forge) : [],
    report.firstPage.length ? firstPageMarkdown(report.firstPage) : [],
    report.respond.length ? respondMarkdown(report.respond) : [],
    report.jiraSync.length
      ? [
          "| database | incidents | concurrency | status change → Jira transition p50 ms | p95 ms | max ms |",
          "|---|---:|---:|---:|---:|---:|",
          ...report.jiraSync.map(
            (j) =>
              `| ${j.database} | ${j.incidents} | ${j.concurrency} | ${f1(j.p50Ms)} | ${f1(j.p95Ms)} | ${f1(j.maxMs)} |`,
          ),
        ]
      : [],
    report.slackTimeline.length ? slackMarkdown(report.slackTimeline) : [],
    report.statusUpdates.length ? statusUpdateMarkdown(report.statusUpdates) : [],
    jql
      ? [
          "| JQL rules per event | indexed set (the service), median ms | rules evaluated | every rule, no index, median ms | re-parsed every event, median ms | set rebuilt after a rule change, median ms | matches |",
          "|---:|---:|---:|---:|---:|---:|---:|",
          `| ${f0(jql.rules)} | ${f2(jql.compiledMedianMs)} | ${f0(jql.evaluated)} | ${f1(jql.unindexedMedianMs)} | ${f0(jql.reparsedMedianMs)} | ${f1(jql.buildMedianMs)} | ${f0(jql.matched)} |`,
        ]
      : [],
    report.timers.length
      ? [
          "| escalation timers | timers | due over | lateness p50 ms | p99 ms | max ms |",
          "|---|---:|---:|---:|---:|---:|",
          ...report.timers.map(
            (t) =>
              `| ${t.database} | ${f0(t.timers)} | ${t.spreadSeconds} s | ${f0(t.p50Ms)} | ${f0(t.p99Ms)} | ${f0(t.maxMs)} |`,
          ),
        ]
      : [],
    oncall
      ? [
          "| oncall who (year of hourly rotation, 50 overrides) | calls | median ms | p99 ms |",
          "|---|---:|---:|---:|",
          `| onCallAt | ${f0(oncall.calls)} | ${oncall.medianMs.toFixed(4)} | ${oncall.p99Ms.toFixed(4)} |`,
        ]
      : [],
    report.postmortem ? postmortemMarkdown(report.postmortem) : [],
    report.console ? consoleMarkdown(report.console) : [],
  ];
  return sections
    .filter((lines) => lines.length)
    .map((lines) => lines.join("\n"))
    .join("\n\n");
}

/**
 * Writes bench/results/`name` (latest.json for a full run of everything, whose figures the docs quote) through a
 * temporary file, so a reader never sees half of it.
 */
export function writeJson(report: BenchReport, name: string): string {
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), "results");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, name);
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(report, null, 2)}\n`);
  fs.renameSync(tmp, file);
  return file;
}
