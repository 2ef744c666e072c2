// Forge Remote intake: Forge gives a remote 5 s to answer a product event and retries up to four times
// after that (https://developer.atlassian.com/platform/forge/forge-remote-invocation-contract), so what
// matters is how long POST /forge/events takes to verify the invocation token, record the event and queue
// it, under load; and how soon after an issue is filed the incident exists (the job reads the issue back
// from Jira as the app, runs the rules, opens the incident). Everything runs against the emulators
// (stand-ins: Forge platform, Jira), with the service in-process.
import { performance } from "node:perf_hooks";
import type { TestDatabaseKind } from "../test/support/databases.ts";
import { startForgeWorld } from "../test/support/forge-setup.ts";
import { eventually } from "../test/support/running-service.ts";
import { percentile, runConcurrent } from "./measure.ts";

export const FORGE_EVENTS = 1_000;
export const FORGE_CONCURRENCY = 20;
export const FORGE_RULE_ISSUES = 50;

/** Product events, how many in flight, issues filed one by one: the full figures, or `--smoke`'s few. */
export interface ForgeSize {
  readonly events: number;
  readonly concurrency: number;
  readonly ruleIssues: number;
}
export const FORGE_SIZE: ForgeSize = {
  events: FORGE_EVENTS,
  concurrency: FORGE_CONCURRENCY,
  ruleIssues: FORGE_RULE_ISSUES,
};
export const FORGE_SMOKE: ForgeSize = { events: 20, concurrency: 5, ruleIssues: 3 };

export interface ForgeBenchResult {
  readonly events: number;
  readonly concurrency: number;
  readonly eventsPerSecond: number;
  readonly answerP50Ms: number;
  readonly answerP99Ms: number;
  readonly answerMaxMs: number;
  readonly errors: number;
  /** `ticket.inbound` jobs that succeeded / failed after the events: one succeeded per event answered. */
  readonly handledJobs: number;
  readonly failedJobs: number;
  /** Events answered and then handled (read back from Jira, rules run) per second. */
  readonly handledPerSecond: number;
  readonly ruleIssues: number;
  /** Incidents found for the issues filed: one each. */
  readonly ruleIncidents: number;
  readonly issueToIncidentP50Ms: number;
  readonly issueToIncidentP95Ms: number;
  readonly issueToIncidentMaxMs: number;
}

export async function runForgeBench(kind: TestDatabaseKind, size: ForgeSize = FORGE_SIZE): Promise<ForgeBenchResult> {
  const world = await startForgeWorld(kind, ["bench"], { env: { LOG_LEVEL: "silent" } });
  try {
    const site = world.sites[0]!;
    const service = (await site.api(site.admin, "POST", "/api/services", { name: "builds" })).body;
    await site.api(site.admin, "POST", "/api/escalation-rules", {
      name: "failed builds",
      jql: "project = CI AND labels = build-failed",
      serviceId: service.id,
      maxFires: 10_000,
    });

    // 1. Answer latency: issue updates (each its own changelog id), FORGE_CONCURRENCY in flight.
    const issue = await site.jira.createIssueAsUser({ project: "OPS", summary: "Load target" }, site.person);
    const events = Array.from({ length: size.events }, (_, i) => ({
      eventType: "avi:jira:updated:issue",
      issue: { id: issue.id, key: issue.key, fields: { summary: "Load target" } },
      atlassianId: site.person,
      changelog: {
        id: String(900_000 + i),
        items: [
          {
            field: "summary",
            fieldtype: "jira",
            from: null,
            fromString: "Load target",
            to: null,
            toString: "Load target",
          },
        ],
      },
    }));
    const inbound = (state: ("pending" | "running" | "succeeded" | "failed")[]) =>
      world.svc.database.prisma.job.count({ where: { task: "ticket.inbound", state: { in: state } } });
    const handled = () =>
      eventually(
        "the events handled",
        async () => ((await inbound(["pending", "running"])) === 0 ? true : undefined),
        600_000,
      );
    // Filing the load target is an event of its own: let it through first, so that only the load is counted.
    await handled();
    const before = { succeeded: await inbound(["succeeded"]), failed: await inbound(["failed"]) };
    let slowest = 0;
    const phaseStarted = performance.now();
    const phase = await runConcurrent(events, size.concurrency, async (event) => {
      const started = performance.now();
      const res = await site.installation.invokeRemote("/forge/events", {
        headers: { "content-type": "application/json" },
        body: JSON.stringify(event),
      });
      slowest = Math.max(slowest, performance.now() - started);
      return res.status === 202 ? null : `${res.status} ${await res.text()}`;
    });

    // Then until every queued event has been handled (issue read back from Jira, rules run, timeline).
    await handled();
    const handledPerSecond = size.events / ((performance.now() - phaseStarted) / 1000);
    const handledJobs = (await inbound(["succeeded"])) - before.succeeded;
    const failedJobs = (await inbound(["failed"])) - before.failed;

    // 2. Issue filed → incident, on an idle service: one at a time, each through Forge's own event delivery.
    const latencies: number[] = [];
    for (let i = 0; i < size.ruleIssues; i++) {
      const started = performance.now();
      const filed = await site.jira.createIssueAsUser(
        { project: "CI", summary: `Build ${i} failed`, labels: ["build-failed"] },
        site.person,
      );
      await eventually(
        `the incident for ${filed.key}`,
        async () => {
          const found = await site.api(site.admin, "GET", `/api/incidents?q=${encodeURIComponent(filed.key)}&limit=5`);
          return found.body.incidents?.length ? true : undefined;
        },
        60_000,
      );
      latencies.push(performance.now() - started);
    }
    latencies.sort((a, b) => a - b);
    // Every incident in the tenant came from a filed issue (the load target matches no rule): one each, no more.
    const opened = await site.api(site.admin, "GET", "/api/incidents?limit=200");
    return {
      events: size.events,
      concurrency: size.concurrency,
      eventsPerSecond: phase.perSecond,
      answerP50Ms: phase.p50Ms,
      answerP99Ms: phase.p99Ms,
      answerMaxMs: slowest,
      errors: phase.errors,
      handledJobs,
      failedJobs,
      handledPerSecond,
      ruleIssues: size.ruleIssues,
      ruleIncidents: (opened.body.incidents as unknown[]).length,
      issueToIncidentP50Ms: percentile(latencies, 0.5),
      issueToIncidentP95Ms: percentile(latencies, 0.95),
      issueToIncidentMaxMs: latencies.at(-1) ?? NaN,
    };
  } finally {
    await world.stop();
  }
}

const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "n/a");
const f0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "n/a");

export function forgeMarkdown(results: readonly ({ database: string } & ForgeBenchResult)[]): string[] {
  return [
    "| Forge Remote | product events | concurrency | answered/s | answer p50 ms | p99 ms | max ms | errors | handled/s | issue → incident p50 ms | p95 ms | max ms | answers within Forge's 5 s |",
    "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ...results.map(
      (r) =>
        `| ${r.database} | ${r.events} | ${r.concurrency} | ${f0(r.eventsPerSecond)} | ${f1(r.answerP50Ms)} | ${f1(r.answerP99Ms)} | ${f1(r.answerMaxMs)} | ${r.errors} | ${f0(r.handledPerSecond)} | ${f0(r.issueToIncidentP50Ms)} | ${f0(r.issueToIncidentP95Ms)} | ${f0(r.issueToIncidentMaxMs)} | ${r.answerMaxMs < 5_000 && r.errors === 0 ? "yes" : "no"} |`,
    ),
  ];
}
