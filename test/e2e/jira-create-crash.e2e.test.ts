// A crash between "Jira created the issue" and "Firewatch recorded it" never yields a second issue:
// the service process is SIGKILLed the moment the Jira emulator receives the create request (which
// Jira then carries out); after a restart the link job finds the issue by its firewatch-link-<id> label and
// records it. The stand-in runs with a real API-token site's defaults: no issue property is indexed for JQL, and
// search lags writes; here longer than the restart takes, so the job must not take "not found" for "not created".
import { afterAll, describe, expect, it } from "vitest";
import { JiraEmulator } from "../../stand-ins/jira/index.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { eventually } from "../support/running-service.ts";
import { e2eEnvironment, E2E_TOKEN, jsonApi, spawnService, type ServiceProcess } from "../support/service-process.ts";

const TOKEN = E2E_TOKEN;

describe.each(DATABASE_KINDS)("Jira issue creation across a crash on $name", (kind) => {
  const cleanups: (() => Promise<unknown>)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it("ends with exactly one issue after a crash and restart", { timeout: 150_000 }, async () => {
    const jira = new JiraEmulator({ searchLagMs: 20_000 });
    const jiraUrl = await jira.start();
    cleanups.push(() => jira.stop());
    const env = await e2eEnvironment(kind, cleanups, {
      FIREWATCH_JOB_LEASE_MS: "2000",
      JIRA_BASE_URL: jiraUrl,
      JIRA_EMAIL: jira.email,
      JIRA_API_TOKEN: jira.apiToken,
    });
    let svc: ServiceProcess = await spawnService(env);
    cleanups.push(() => svc.kill("SIGKILL"));
    const api = (method: string, p: string, json?: unknown) => jsonApi(svc.url, TOKEN)(method, p, json);

    let killed: Promise<number | null> | null = null;
    jira.faults.next({
      afterCommit: "drop",
      match: (req) => {
        if (req.method !== "POST" || req.path !== "/rest/api/3/issue") return false;
        killed = svc.kill("SIGKILL");
        return true;
      },
    });
    const incident = await api("POST", "/api/incidents", { title: "Release train blocked" });
    const link = await api("POST", `/api/incidents/${incident.key}/jira-issues`, { projectKey: "CI" });
    await eventually("the crash", async () => killed !== null);
    expect(await killed).toBeNull();
    // Jira carries the create out after the caller is gone (the stand-in answers writes in its own time).
    await eventually("Jira to create the issue", async () => jira.issues().length === 1);

    svc = await spawnService(env);
    const recorded = await eventually(
      "the link recorded after restart",
      async () => {
        const { issues } = await api("GET", `/api/incidents/${incident.key}/jira-issues`);
        return issues.find((i: any) => i.id === link.id && i.state === "linked");
      },
      90_000,
    );
    expect(jira.issues()).toHaveLength(1);
    expect(jira.issues()[0]).toMatchObject({
      key: recorded.issueKey,
      id: recorded.issueId,
      properties: { firewatch: { linkId: link.id } },
    });
    expect(jira.requests({ method: "POST", path: "/rest/api/3/issue" })).toHaveLength(1);
    expect(await svc.kill("SIGTERM")).toBe(0);
  });
});
