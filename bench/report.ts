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
import { consoleMarkdown, type ConsoleBenchResult } from "./console-bench.ts";
import { forgeMarkdown, type ForgeBenchResult } from "./forge-bench.ts";

export interface DatabaseResult {
  readonly database: "pglite" | "postgres";
  /** Where the data lived: "in memory" or "host:port, PostgreSQL x.y". */
  readonly path: string;
  readonly service: { warmup: PhaseResult; measured: PhaseResult; check: CountCheck };
  readonly raw: { driver: string; warmup: PhaseResult; measured: PhaseResult; check: CountCheck };
  /** service events/s ÷ raw equivalent events/s */
  readonly ratio: number;
}

export interface BenchReport {
  readonly generatedAt: string;
  readonly machine: { node: string; platform: string; cpus: number; cpuModel: string };
  readonly settings: Record<string, number | string>;
  readonly results: DatabaseResult[];
  readonly jiraSync: ({ database: string } & JiraSyncResult)[];
  readonly slackTimeline: ({ database: string } & SlackBenchResult)[];
  readonly jql: JqlBenchResult;
  readonly oncall: { calls: number; medianMs: number; p99Ms: number };
  readonly postmortem: PostmortemBenchResult;
  readonly timers: ({ database: string } & TimerBenchResult)[];
  /** The web console in Chromium; null when this machine has no Chromium (listed under `skipped`). */
  readonly console: ConsoleBenchResult | null;
  /** Forge Remote intake: product events answered and handled, issue filed → incident. */
  readonly forge: ({ database: string } & ForgeBenchResult)[];
  /** Acting on a page where it lands: a click or a reply → acknowledged, escalation cancelled. */
  readonly respond: ({ database: string } & RespondChannelResult)[];
  readonly skipped: { database: string; reason: string }[];
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

export function markdown(report: BenchReport, concurrency: number): string {
  const lines = [
    "| database | path | events | concurrency | events/s | p50 ms | p99 ms | errors |",
    "|---|---|---:|---:|---:|---:|---:|---:|",
    ...report.results.map((r) => {
      const m = r.service.measured;
      return `| ${r.database} | ${r.path} | ${m.operations} | ${concurrency} | ${f0(m.perSecond)} | ${f1(m.p50Ms)} | ${f1(m.p99Ms)} | ${m.errors} |`;
    }),
    "",
    "| database | raw path | equivalent events/s | p50 ms | p99 ms | errors | service/raw |",
    "|---|---|---:|---:|---:|---:|---:|",
    ...report.results.map((r) => {
      const m = r.raw.measured;
      return `| ${r.database} | ${r.raw.driver} | ${f0(m.perSecond)} | ${f1(m.p50Ms)} | ${f1(m.p99Ms)} | ${m.errors} | ${r.ratio.toFixed(2)} |`;
    }),
    "",
    ...forgeMarkdown(report.forge),
    "",
    ...respondMarkdown(report.respond),
    "",
    "| database | incidents | concurrency | status change → Jira transition p50 ms | p95 ms | max ms |",
    "|---|---:|---:|---:|---:|---:|",
    ...report.jiraSync.map(
      (j) => `| ${j.database} | ${j.incidents} | ${j.concurrency} | ${f1(j.p50Ms)} | ${f1(j.p95Ms)} | ${f1(j.maxMs)} |`,
    ),
    "",
    `| Slack → timeline | events/s target | achieved events/s | messages | p50 ms | p95 ms | p99 ms | max ms | lost | duplicates | HTTP errors | goal p95 < ${report.slackTimeline[0]?.goalP95Ms ?? 200} ms |`,
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ...report.slackTimeline.map((s) => {
      const ms = (n: number) => (n === Infinity ? `> ${f0(s.observedForMs)}` : f0(n));
      const lost =
        s.lost ??
        `? (${f0(s.missing)} missing, ${s.queuedJobsAtCount >= 500 ? "500+" : f0(s.queuedJobsAtCount)} jobs still queued)`;
      return `| ${s.database} | ${s.targetPerSecond} | ${f0(s.achievedPerSecond)} | ${f0(s.messages)} | ${ms(s.p50Ms)} | ${ms(s.p95Ms)} | ${ms(s.p99Ms)} | ${ms(s.maxMs)} | ${lost} | ${s.duplicates} | ${s.httpErrors} | ${s.goalMet ? "met" : "not met"} |`;
    }),
    ...(report.slackTimeline.length
      ? [
          "",
          `Slack latency: from sending a message's event until the first read of the timeline API that returned its entry; the API is read every ${report.slackTimeline[0]!.pollMs} ms, so figures are ${report.slackTimeline[0]!.pollMs} ms coarse (more when a read answers slowly).`,
        ]
      : []),
    "",
    "| JQL rules per event | indexed set (the service), median ms | rules evaluated | every rule, no index, median ms | re-parsed every event, median ms | set rebuilt after a rule change, median ms | matches |",
    "|---:|---:|---:|---:|---:|---:|---:|",
    `| ${f0(report.jql.rules)} | ${f2(report.jql.compiledMedianMs)} | ${f0(report.jql.evaluated)} | ${f1(report.jql.unindexedMedianMs)} | ${f0(report.jql.reparsedMedianMs)} | ${f1(report.jql.buildMedianMs)} | ${f0(report.jql.matched)} |`,
    "",
    "| escalation timers | timers | due over | lateness p50 ms | p99 ms | max ms |",
    "|---|---:|---:|---:|---:|---:|",
    ...report.timers.map(
      (t) =>
        `| ${t.database} | ${f0(t.timers)} | ${t.spreadSeconds} s | ${f0(t.p50Ms)} | ${f0(t.p99Ms)} | ${f0(t.maxMs)} |`,
    ),
    "",
    "| oncall who (year of hourly rotation, 50 overrides) | calls | median ms | p99 ms |",
    "|---|---:|---:|---:|",
    `| onCallAt | ${f0(report.oncall.calls)} | ${report.oncall.medianMs.toFixed(4)} | ${report.oncall.p99Ms.toFixed(4)} |`,
    "",
    `| postmortem render (build, merge into the page, ADF-validate) | timeline entries | median ms | p95 ms | page KB | child page KB | goal p95 < ${report.postmortem.goalMs} ms |`,
    "|---|---:|---:|---:|---:|---:|---|",
    `| render | ${f0(report.postmortem.entries)} | ${report.postmortem.medianMs.toFixed(1)} | ${report.postmortem.p95Ms.toFixed(1)} | ${f0(report.postmortem.pageBytes / 1024)} | ${f0(report.postmortem.childPageBytes / 1024)} | ${report.postmortem.goalMet ? "met" : "not met"} |`,
    "",
    "| Confluence requests per refresh | " +
      report.postmortem.refreshRequests.map((r) => `${f0(r.entries)} entries`).join(" | ") +
      " |",
    "|---|" + report.postmortem.refreshRequests.map(() => "---:").join("|") + "|",
    "| requests | " + report.postmortem.refreshRequests.map((r) => String(r.requests)).join(" | ") + " |",
    ...(report.console ? ["", ...consoleMarkdown(report.console)] : []),
  ];
  return lines.join("\n");
}

/** Writes bench/results/latest.json through a temporary file, so a reader never sees half of it. */
export function writeJson(report: BenchReport): string {
  const dir = path.join(path.dirname(fileURLToPath(import.meta.url)), "results");
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, "latest.json");
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(report, null, 2)}\n`);
  fs.renameSync(tmp, file);
  return file;
}
