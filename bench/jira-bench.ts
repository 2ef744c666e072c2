// Incident status change → Jira transition: how long until the emulator receives the transition.
// The service runs as its own process; the Jira emulator (stand-ins/jira) runs in this one,
// and its request log gives the moment each transition arrived.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { JiraEmulator } from "../stand-ins/jira/index.ts";
import { jsonApi, spawnService } from "../test/support/service-process.ts";
import { ADMIN_TOKEN } from "./config.ts";
import { percentile, until as waitFor } from "./measure.ts";

export const JIRA_INCIDENTS = 200;
/** Status changes sent at once; each is one acknowledge of a different incident. */
export const JIRA_CONCURRENCY = 10;

export interface JiraSyncResult {
  readonly incidents: number;
  readonly concurrency: number;
  /** Transition requests the Jira emulator received: one per acknowledged incident, no more. */
  readonly transitions: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
}

const until = <T>(what: string, probe: () => Promise<T | undefined>) => waitFor(what, probe, { timeoutMs: 120_000 });

/** `env` selects the database (DATABASE_URL, or PGlite under a temporary data dir). */
export async function runJiraBench(env: Record<string, string>, count = JIRA_INCIDENTS): Promise<JiraSyncResult> {
  const jira = new JiraEmulator();
  const jiraUrl = await jira.start();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "firewatch-bench-jira-"));
  const service = await spawnService({
    FIREWATCH_DATA_DIR: dataDir,
    FIREWATCH_ADMIN_TOKEN: ADMIN_TOKEN,
    JIRA_BASE_URL: jiraUrl,
    JIRA_EMAIL: jira.email,
    JIRA_API_TOKEN: jira.apiToken,
    LOG_LEVEL: "info",
    ...env,
  });
  const api = jsonApi(service.url, ADMIN_TOKEN);
  try {
    const incidents: { key: string; issueId: string }[] = [];
    for (let i = 0; i < count; i++) {
      const incident = await api("POST", "/api/incidents", { title: `Bench incident ${i}` });
      await api("POST", `/api/incidents/${incident.key}/jira-issues`, { projectKey: "CI" });
      incidents.push({ key: incident.key, issueId: "" });
    }
    for (const incident of incidents) {
      const link = await until(`the issue of ${incident.key}`, async () => {
        const { issues } = await api("GET", `/api/incidents/${incident.key}/jira-issues`);
        return issues[0]?.state === "linked" && issues[0].syncedRevision >= 1 ? issues[0] : undefined;
      });
      incident.issueId = link.issueId;
    }
    const latencies: number[] = [];
    let next = 0;
    const origin = Date.now() - performance.now();
    const worker = async () => {
      while (next < incidents.length) {
        const incident = incidents[next++]!;
        const started = origin + performance.now();
        await api("POST", `/api/incidents/${incident.key}/acknowledge`);
        const path = `/rest/api/3/issue/${incident.issueId}/transitions`;
        const arrived = await until(
          `the transition of ${incident.key}`,
          async () => jira.requests({ method: "POST", path }).at(0)?.receivedAt,
        );
        latencies.push(arrived - started);
      }
    };
    const concurrency = Math.min(JIRA_CONCURRENCY, count);
    await Promise.all(Array.from({ length: concurrency }, worker));
    const sorted = latencies.sort((a, b) => a - b);
    // A transition is logged when it arrives and answered after the emulator's latency: count the answered ones.
    const transitions = () => jira.requests({ method: "POST", path: /\/transitions$/ });
    await until(
      "the transitions answered",
      async () => transitions().every((r) => r.outcome !== undefined) || undefined,
    );
    return {
      incidents: sorted.length,
      concurrency,
      transitions: transitions().filter((r) => typeof r.outcome === "number" && r.outcome < 300).length,
      p50Ms: percentile(sorted, 50),
      p95Ms: percentile(sorted, 95),
      maxMs: sorted.at(-1)!,
    };
  } finally {
    await service.kill("SIGTERM");
    await jira.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
