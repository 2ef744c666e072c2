// The first-page part's tables: alert → page per database, condition and channel; where the time went; the load.
import type { FirstPageResult } from "./first-page-bench.ts";
import type { Stage } from "./first-page-breakdown.ts";

const f0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "n/a");
const stage = (s: Stage) => `${f0(s.p50Ms)} / ${f0(s.p95Ms)}`;

export function firstPageMarkdown(runs: readonly ({ database: string } & FirstPageResult)[]): string[] {
  return [
    "| alert → first page | database | condition | alerts | paged once | missing | duplicated | p50 ms | p95 ms | max ms | goal p95 |",
    "|---|---|---|---:|---:|---:|---:|---:|---:|---:|---|",
    ...runs.flatMap((run) =>
      run.rows.map(
        (r) =>
          `| ${r.channel} | ${run.database} | ${r.condition} | ${r.alerts} | ${r.delivered} | ${r.missing} | ${r.duplicated} | ${f0(r.p50Ms)} | ${f0(r.p95Ms)} | ${f0(r.maxMs)} | < ${f0(r.goalP95Ms)} ms ${r.p95Ms < r.goalP95Ms ? "met" : "not met"} |`,
      ),
    ),
    "",
    "| where the time goes, p50 / p95 ms | database | condition | alerts | trigger → incident created | → first level run | → Slack DM | → SMS |",
    "|---|---|---|---:|---:|---:|---:|---:|",
    ...runs.flatMap((run) =>
      run.breakdown.map(
        (b) =>
          `| | ${run.database} | ${b.condition} | ${b.alerts} | ${stage(b.intake)} | ${stage(b.escalation)} | ${stage(b.slackPage)} | ${stage(b.smsPage)} |`,
      ),
    ),
    "",
    "| background load (under load) | database | target events/s | achieved events/s | sent | errors |",
    "|---|---|---:|---:|---:|---:|",
    ...runs.map(
      ({ database, background: b }) =>
        `| Events v2, another service, no policy | ${database} | ${b.targetPerSecond} | ${f0(b.achievedPerSecond)} | ${f0(b.sent)} | ${b.errors} |`,
    ),
  ];
}
