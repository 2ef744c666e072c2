// `npm run demo` as a newcomer runs it (issue 18): a real process on a free PORT and a fresh FIREWATCH_DATA_DIR, checked
// only through what it prints and serves: the seeded story in outline (sandbox/story.integration.test.ts checks it
// in detail), the stand-ins on the service's port, Ctrl-C, and a second run.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createStandIns } from "../../sandbox/stand-ins.ts";
import { SANDBOX_NOTICE } from "../../sandbox/notices.ts";
import { spawnDemo, type DemoProcess } from "../support/demo-process.ts";
import { eventually, freePort } from "../support/running-service.ts";
import { jsonApi } from "../support/service-process.ts";

describe("npm run demo", () => {
  // The credentials of the stand-ins the demo makes (each run makes them the same way).
  const { jira, slack: slackStandIn } = createStandIns();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "firewatch-demo-"));
  let demo: DemoProcess | undefined;

  afterAll(async () => {
    await demo?.interrupt();
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it("serves the console and the stand-ins on one port, configured and connected, and stops on Ctrl-C", async () => {
    const port = await freePort();
    demo = await spawnDemo({ PORT: String(port), FIREWATCH_DATA_DIR: dataDir });
    console.log(`npm run demo was ready after ${demo.readyAfterMs} ms`);
    const { url } = demo;
    expect(url).toBe(`http://127.0.0.1:${port}`);
    expect(demo.output()).toContain(SANDBOX_NOTICE);
    expect(demo.output()).toContain(`${url}/sandbox/slack/_view/`);

    const tokenFile = path.join(dataDir, "admin-token");
    expect(demo.output()).toContain(tokenFile);
    const api = jsonApi(url, fs.readFileSync(tokenFile, "utf8").trim());
    const me = await api("GET", "/api/me");
    expect(me).toMatchObject({ role: "admin", sandbox: { links: expect.arrayContaining([]) } });
    const integrations = (await api("GET", "/api/integrations")).integrations as any[];
    expect(integrations.filter((i) => !i.configured)).toEqual([]);
    expect(integrations).toHaveLength(6);

    // The seeded story, as issue 18 asks: the incident opened from the labelled Jira issue, its timeline holding
    // Jira, Slack, Statuspage and the pages, its postmortem on Confluence, its action items in Jira, one done.
    const seeded = ((await api("GET", "/api/incidents?status=resolved")).incidents as any[]).find((i) =>
      i.title.includes("Build #4812 failed on main"),
    );
    expect(demo.output()).toContain(`${url}/incidents/${seeded.key}`);
    const entries = (await api("GET", `/api/incidents/${seeded.key}/timeline?limit=500`)).entries as any[];
    const kinds = new Set(entries.map((e) => `${e.source} ${e.type}`));
    expect(kinds).toContain("jira ticket.comment");
    expect(kinds).toContain("slack chat.message");
    expect([...kinds].some((k) => k.endsWith(" status.posted"))).toBe(true);
    expect([...kinds].some((k) => k.endsWith(" page.sent"))).toBe(true);
    const postmortem = await api("GET", `/api/incidents/${seeded.key}/postmortem`);
    expect(postmortem.pageId).toEqual(expect.any(String));
    const confluencePage = await fetch(`${url}/sandbox/confluence/_view/pages/${postmortem.pageId}`);
    expect(await confluencePage.text()).toContain(seeded.key);
    const items = (await api("GET", `/api/incidents/${seeded.key}/action-items`)).actionItems as any[];
    expect(items.length).toBeGreaterThanOrEqual(2);
    expect(items.every((i) => /^[A-Z]+-\d+$/.test(i.issueKey))).toBe(true);
    expect(items.filter((i) => i.done)).toHaveLength(1);

    const index = await (await fetch(`${url}/sandbox/`)).text();
    for (const vendor of ["jira", "confluence", "slack", "statuspage", "twilio", "mail"])
      expect(index).toContain(`href="/sandbox/${vendor}/_view/"`);

    // Through the Jira mount: the service creates the incident's issue, which the stand-in's REST API then shows.
    const incident = await api("POST", "/api/incidents", { title: "Only in the first run", severity: "SEV3" });
    await api("POST", `/api/incidents/${incident.key}/jira-issues`, { projectKey: "CI" });
    const linked = await eventually("the linked issue", async () =>
      (await api("GET", `/api/incidents/${incident.key}/jira-issues`)).issues.find((i: any) => i.state === "linked"),
    );
    const { email, apiToken } = jira;
    const issue = await fetch(`${url}/sandbox/jira/rest/api/3/issue/${linked.issueKey}`, {
      headers: { authorization: `Basic ${Buffer.from(`${email}:${apiToken}`).toString("base64")}` },
    });
    expect(issue.status).toBe(200);
    expect(await issue.json()).toMatchObject({
      key: linked.issueKey,
      self: expect.stringMatching(new RegExp(`^${url}/sandbox/jira/rest/api/3/issue/`)),
      fields: { summary: expect.stringContaining("Only in the first run") },
    });

    // Through the Slack mount: an alert pages Carol, whose DM the stand-in's Web API then shows.
    // (Names of its own, clear of whatever the seeded story makes.)
    const carol = await api("POST", "/api/users", { name: "Test Carol", email: "demo-test-carol@example.com" });
    await api("POST", `/api/users/${carol.id}/contact-methods`, { kind: "slack", address: "U0CAROL" });
    const policy = await api("POST", "/api/escalation-policies", {
      name: "Demo test policy",
      repeat: 0,
      levels: [{ delayMinutes: 5, targets: [{ type: "user", id: carol.id }] }],
    });
    const service = await api("POST", "/api/services", { name: "demo-test", escalationPolicyId: policy.id });
    const alert = await fetch(`${url}/v2/enqueue`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        routing_key: service.integrationKey,
        event_action: "trigger",
        payload: { summary: "Demo test alert", source: "prometheus", severity: "critical" },
      }),
    });
    expect(alert.status).toBe(202);
    const slack = async (method: string, args: Record<string, string>) => {
      const res = await fetch(`${url}/sandbox/slack/api/${method}`, {
        method: "POST",
        headers: { authorization: `Bearer ${slackStandIn.botToken}` },
        body: new URLSearchParams(args),
      });
      return (await res.json()) as any;
    };
    const dm = await slack("conversations.open", { users: "U0CAROL" });
    await eventually("the page in Carol's DM", async () => {
      const history = await slack("conversations.history", { channel: dm.channel.id });
      return history.messages.some((m: any) => String(m.text).includes("Demo test alert"));
    });

    const stopped = await demo.interrupt();
    demo = undefined;
    expect(stopped.output).toMatch(/Stopping the sandbox…\nSandbox stopped\.\n$/);
    expect(stopped.code === 0 || stopped.signal === "SIGINT").toBe(true);
    expect(fs.existsSync(path.join(dataDir, "pglite.lock"))).toBe(false);
  }, 240_000);

  it("starts fresh again on the same data directory", async () => {
    demo = await spawnDemo({ PORT: String(await freePort()), FIREWATCH_DATA_DIR: dataDir });
    expect(demo.output()).toContain(`the next one clears ${dataDir}`);
    const api = jsonApi(demo.url, fs.readFileSync(path.join(dataDir, "admin-token"), "utf8").trim());
    const incidents = (await api("GET", "/api/incidents")).incidents as { title: string }[];
    expect(incidents.filter((i) => i.title === "Only in the first run")).toEqual([]);
  }, 180_000);
});
