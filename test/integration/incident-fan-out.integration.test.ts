// One fan-out for every incident change, seen from outside: whatever changed the incident (a person, an alert,
// the Jira issue it was declared from), the same follow-ups happen: a Slack channel for a SEV1, a refresh of the
// published postmortem, a pinned summary that says where the postmortem is. Each test here failed before the
// fan-out, when each use case listed its own consequences (docs/architecture.md, "When an incident changes").
// Jira REST: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-get;
// Slack pins: https://docs.slack.dev/reference/methods/pins.add; Events v2: https://developer.pagerduty.com/docs/events-api-v2/trigger-events/
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfluenceEmulator } from "../../stand-ins/confluence/index.ts";
import { SlackEmulator } from "../../stand-ins/slack/index.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { startJiraWorld, type JiraWorld } from "../support/jira-setup.ts";
import { eventually } from "../support/running-service.ts";

describe.each(DATABASE_KINDS)("incident changes fan out on $name", (kind) => {
  let w: JiraWorld;
  const confluence = new ConfluenceEmulator();
  const slack = new SlackEmulator();

  const call = async (method: string, path: string, json?: unknown) => {
    const res = await w.call(method, path, json);
    if (res.status >= 400) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  /** The channel Firewatch created for the incident (its name is `inc-<number>-<slug of the title then>`). */
  const channelOf = (key: string) =>
    eventually(`${key}'s channel`, async () => {
      const name = slack
        .requests({ method: "conversations.create" })
        .map((r) => String(r.args.name ?? ""))
        .find((n) => n.startsWith(`inc-${key.slice(4)}-`));
      return name ? slack.channelByName(name) : undefined;
    });
  const pinnedSummary = (channelId: string) =>
    slack.channelMessages(channelId).find((m) => m.pinned && m.metadata?.event_type === "firewatch_incident_summary");
  const pendingRefresh = async (incidentId: string) =>
    (await call("GET", "/api/jobs?state=pending&limit=200")).jobs.find(
      (j: any) => j.task === "postmortem.publish" && j.payload.incidentId === incidentId,
    );
  const trigger = (integrationKey: string, action: "trigger" | "resolve", dedupKey: string) =>
    fetch(`${w.svc.url}/v2/enqueue`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        routing_key: integrationKey,
        event_action: action,
        dedup_key: dedupKey,
        payload: { summary: `Queue depth above 10k (${dedupKey})`, source: "prometheus", severity: "error" },
      }),
    });

  beforeAll(async () => {
    const confluenceUrl = await confluence.start();
    const slackApi = `${await slack.start()}/api/`;
    w = await startJiraWorld(kind, {
      env: {
        CONFLUENCE_BASE_URL: confluenceUrl,
        CONFLUENCE_SPACE_KEY: "ENG",
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_API_URL: slackApi,
        SLACK_SIGNING_SECRET: "fan-out-test-signing-secret",
      },
    });
  });
  afterAll(async () => {
    await w?.stop();
    const unexpected = [...confluence.unexpected(), ...slack.unexpected(), ...w.jira.unexpected()];
    await confluence.stop();
    await slack.stop();
    expect(unexpected).toEqual([]);
  });

  it("declares from a Jira issue with its summary and priority at once, so a Highest issue is a SEV1 with a channel", async () => {
    const issue = await w.jira.createIssueAsUser({ project: "OPS", summary: "Payments API 502s", priority: "Highest" });
    const declared = await call("POST", "/api/incidents", { fromIssueKey: issue.key });
    expect(declared).toMatchObject({ title: "Payments API 502s", severity: "SEV1" });
    const [entry] = await w.timeline(declared.key);
    expect(entry).toMatchObject({
      type: "incident.triggered",
      body: `admin declared ${declared.key}: Payments API 502s`,
    });
    const channel = await channelOf(declared.key);
    expect(channel!.name).toBe(`inc-${declared.key.slice(4)}-payments-api-502s`);
  });

  it("when Jira answers too slowly, declares with the key and then adopts the issue through a recorded change", async () => {
    const issue = await w.jira.createIssueAsUser({
      project: "OPS",
      summary: "Search index stale",
      priority: "Highest",
    });
    const latency = { ...w.jira.latency };
    w.jira.latency.readMs = 4_000;
    const declared = await call("POST", "/api/incidents", { fromIssueKey: issue.key }).finally(() => {
      w.jira.latency.readMs = latency.readMs;
    });
    // Declaring does not wait for Jira longer than its budget: the key stands in until the link job reads the issue.
    expect(declared).toMatchObject({ title: issue.key, severity: "SEV3" });
    const adopted = await eventually("the adopted summary", async () => {
      const incident = await call("GET", `/api/incidents/${declared.key}`);
      return incident.title === "Search index stale" ? incident : undefined;
    });
    expect(adopted.severity).toBe("SEV1");
    const entries = await w.timeline(declared.key);
    expect(entries.find((e: any) => e.type === "incident.updated")).toMatchObject({
      body: `${declared.key} took title to "Search index stale", severity SEV3 → SEV1 from ${issue.key}`,
    });
    // The raised severity went through the same fan-out as a person's edit: a SEV1 gets its channel.
    await channelOf(declared.key);
  });

  it("an alert's resolve refreshes the published postmortem, as a person's resolve does", async () => {
    const service = await call("POST", "/api/services", { name: "Queue workers" });
    const incidents: Record<string, string> = {};
    for (const dedup of ["by-person", "by-alert"]) {
      expect((await trigger(service.integrationKey, "trigger", dedup)).status).toBe(202);
      incidents[dedup] = await eventually(`the ${dedup} incident`, async () => {
        const { incidents: open } = await call("GET", `/api/incidents?serviceId=${service.id}`);
        return open.find((i: any) => i.title.includes(dedup))?.key;
      });
      await call("POST", `/api/incidents/${incidents[dedup]}/postmortem`);
      await eventually(
        "the page",
        async () => (await call("GET", `/api/incidents/${incidents[dedup]}/postmortem`)).pageId ?? undefined,
      );
    }
    await call("POST", `/api/incidents/${incidents["by-person"]}/resolve`);
    expect((await trigger(service.integrationKey, "resolve", "by-alert")).status).toBe(202);
    for (const key of Object.values(incidents)) {
      const incident = await eventually(`${key} resolved`, async () => {
        const found = await call("GET", `/api/incidents/${key}`);
        return found.status === "resolved" ? found : undefined;
      });
      const refresh = await eventually(`${key}'s refresh queued`, () => pendingRefresh(incident.id));
      // Debounced: a burst of changes after the resolve is one write.
      expect(Date.parse(refresh.runAt)).toBeGreaterThan(Date.parse(incident.resolvedAt));
    }
  });

  it("the pinned Slack summary links the postmortem once it is published", async () => {
    const declared = await call("POST", "/api/incidents", { title: "Login loop on mobile", severity: "SEV1" });
    const channel = (await channelOf(declared.key))!;
    expect(await eventually("the pinned summary", async () => pinnedSummary(channel.id))).toBeTruthy();
    expect(JSON.stringify(pinnedSummary(channel.id)!.blocks)).toContain("not started");
    await call("POST", `/api/incidents/${declared.key}/postmortem`);
    const { pageUrl } = await eventually("the page", async () => {
      const pm = await call("GET", `/api/incidents/${declared.key}/postmortem`);
      return pm.pageUrl ? pm : undefined;
    });
    await eventually("the summary to link the page", async () =>
      JSON.stringify(pinnedSummary(channel.id)?.blocks ?? null).includes(pageUrl),
    );
  });
});
