// The sandbox as `npm run demo` starts it (sandbox/start.ts, in-process here): every HTTP stand-in mounted on the
// service's own port under /sandbox/<vendor>, the service's real adapters (jira.js, confluence.js, @slack/web-api,
// the Statuspage and Twilio clients, nodemailer) configured against those prefixed URLs, and each stand-in calling the
// service back (Jira webhooks, Slack interactions, Statuspage webhooks, Twilio delivery reports). The seeded story
// itself is checked where `npm run demo` is.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCloudClient } from "jira.js";
import nodemailer from "nodemailer";
import { WebClient } from "@slack/web-api";
import { startSandbox, type RunningSandbox } from "../../sandbox/start.ts";
import { jsonApi } from "../support/service-process.ts";
import { eventually } from "../support/running-service.ts";

const ALICE_PHONE = "+14155550101";

describe("the sandbox's stand-ins, mounted on the service's port", () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "firewatch-sandbox-"));
  let sandbox: RunningSandbox;
  let url: string;
  let api: ReturnType<typeof jsonApi>;

  beforeAll(async () => {
    sandbox = await startSandbox({ PATH: process.env.PATH, PORT: "0", FIREWATCH_DATA_DIR: dataDir });
    url = sandbox.world.url;
    api = jsonApi(url, sandbox.world.adminToken);
  });
  afterAll(async () => {
    const { jira, confluence, slack, statuspage, twilio } = sandbox?.world ?? {};
    const standIns: { unexpected(): unknown[] }[] = [jira, confluence, slack, statuspage, twilio].filter((x) => !!x);
    const unexpected = standIns.flatMap((s) => s.unexpected());
    await sandbox?.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
    expect(unexpected).toEqual([]);
  });

  it("answers each stand-in's API under its mount, with the links it gives out there too, untouched by the service", async () => {
    const { jira, slack, statuspage } = sandbox.world;
    const client = createCloudClient({
      host: `${url}/sandbox/jira`,
      auth: { type: "basic", email: jira.email, apiToken: jira.apiToken },
    });
    const me = await client.myself.getCurrentUser();
    expect(me.self).toBe(`${url}/sandbox/jira/rest/api/3/user?accountId=${me.accountId}`);
    const bot = new WebClient(slack.botToken, { slackApiUrl: `${url}/sandbox/slack/api/` });
    expect(await bot.auth.test()).toMatchObject({ ok: true });
    const components = await fetch(`${url}/sandbox/statuspage/v1/pages/${statuspage.pageId}/components`, {
      headers: { authorization: `OAuth ${statuspage.apiKey}` },
    });
    expect(components.status).toBe(200);
    // Mounted ahead of the service's middleware: none of its headers (helmet's CSP) on a stand-in's answer.
    expect(components.headers.get("content-security-policy")).toBeNull();

    const index = await fetch(`${url}/sandbox/`);
    expect(index.status).toBe(200);
    const html = await index.text();
    for (const vendor of ["jira", "confluence", "slack", "statuspage", "twilio", "mail"])
      expect(html).toContain(`href="/sandbox/${vendor}/_view/"`);
    expect((await fetch(`${url}/sandbox/nothing-here`)).status).toBe(404);

    const integrations = (await api("GET", "/api/integrations")).integrations as {
      name: string;
      configured: boolean;
    }[];
    expect(integrations.map((i) => [i.name, i.configured])).toEqual(
      ["jira", "confluence", "slack", "statuspage", "twilio", "email"].map((name) => [name, true]),
    );
    const me2 = await api("GET", "/api/me");
    expect(me2.sandbox.links).toContainEqual({ name: "Slack", url: "/sandbox/slack/_view/" });
  });

  it("links a Jira issue through the mount, and hears a comment on it through the registered webhook", async () => {
    const incident = await api("POST", "/api/incidents", { title: "Checkout is slow", severity: "SEV3" });
    await api("POST", `/api/incidents/${incident.key}/jira-issues`, { projectKey: "CI" });
    const linked = await eventually("the linked issue", async () =>
      (await api("GET", `/api/incidents/${incident.key}/jira-issues`)).issues.find((i: any) => i.state === "linked"),
    );
    expect(sandbox.world.jira.issue(linked.issueKey)?.summary).toContain("Checkout is slow");
    await sandbox.world.jira.commentAsUser(linked.issueKey, "Rolling back the deploy.");
    await eventually("the comment on the timeline", async () =>
      (await api("GET", `/api/incidents/${incident.key}/timeline`)).entries.some(
        (e: any) => e.type === "ticket.comment",
      ),
    );
  });

  it("pages by Slack, text and e-mail; acknowledged in Slack, resolved by a text back; Twilio's reports reach the service", async () => {
    const { slack, twilio, mail } = sandbox.world;
    const alice = await api("POST", "/api/users", { name: "Alice Adams", email: "alice@example.com" });
    for (const [kind, address] of [
      ["slack", "U0ALICE"],
      ["sms", ALICE_PHONE],
      ["email", "alice@example.com"],
    ])
      await api("POST", `/api/users/${alice.id}/contact-methods`, { kind, address });
    const policy = await api("POST", "/api/escalation-policies", {
      name: "Checkout",
      repeat: 0,
      levels: [{ delayMinutes: 5, targets: [{ type: "user", id: alice.id }] }],
    });
    const service = await api("POST", "/api/services", { name: "checkout", escalationPolicyId: policy.id });
    const sent = await fetch(`${url}/v2/enqueue`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        routing_key: service.integrationKey,
        event_action: "trigger",
        payload: { summary: "Checkout 5xx above 5%", source: "prometheus", severity: "critical" },
      }),
    });
    expect(sent.status).toBe(202);
    const incident = await eventually(
      "the incident",
      async () => (await api("GET", `/api/incidents?serviceId=${service.id}`)).incidents[0],
    );
    const page = await eventually("the Slack DM", async () =>
      slack.messages({ user: "U0ALICE" }).find((m) => m.text?.includes(incident.key)),
    );
    await eventually("the text", async () => twilio.messagesTo(ALICE_PHONE).some((t) => t.includes(incident.key)));
    await eventually("the e-mail", async () => mail.mailsTo("alice@example.com").length > 0);
    await twilio.settled();
    const reports = twilio.statusCallbacks();
    expect(reports.length).toBeGreaterThan(0);
    expect(reports.every((r) => r.outcome === 204 && r.url.startsWith(`${url}/webhooks/twilio/status`))).toBe(true);

    const click = await slack.click("U0ALICE", slack.dmChannel("U0ALICE")!, page.ts, "firewatch_acknowledge");
    expect(click.status).toBe(200);
    expect((await api("GET", `/api/incidents/${incident.key}`)).status).toBe("acknowledged");
    // The click's response_url is under the mount, and answers there.
    const clicked = slack.deliveries().find((d) => d.type === "block_actions")!;
    const responseUrl = String(JSON.parse(String(clicked.body.payload)).response_url);
    expect(responseUrl.startsWith(`${url}/sandbox/slack/actions/`)).toBe(true);
    const replaced = await fetch(responseUrl, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "Acknowledged.", replace_original: false }),
    });
    expect(replaced.status).toBe(200);
    expect(slack.responses().map((r) => r.url)).toContain(responseUrl);
    // A text back reaches the service at the number's messaging URL (the Slack button stopped the escalation).
    const answer = await twilio.receiveSms(ALICE_PHONE, "resolve");
    expect(answer.replies).toEqual([`Resolved ${incident.key}: Checkout 5xx above 5%.`]);
  });

  it("publishes status posts and the postmortem through the mounts, and hears Statuspage's own changes", async () => {
    const { statuspage, confluence } = sandbox.world;
    const incident = await api("POST", "/api/incidents", { title: "Login errors", severity: "SEV2" });
    await api("POST", `/api/incidents/${incident.key}/status-posts`, {
      status: "investigating",
      body: "Some logins fail.",
    });
    const remote = await eventually("the Statuspage incident", async () =>
      statuspage.incidents().find((i) => i.name === "Login errors"),
    );
    statuspage.ui.updateIncident(String(remote.id), { status: "identified", body: "A bad certificate." });
    await eventually("Statuspage's update on the timeline", async () =>
      (await api("GET", `/api/incidents/${incident.key}/timeline`)).entries.some((e: any) => e.source === "statuspage"),
    );
    await api("POST", `/api/incidents/${incident.key}/resolve`);
    await api("POST", `/api/incidents/${incident.key}/postmortem`);
    const postmortem = await eventually("the postmortem page", async () => {
      const p = await api("GET", `/api/incidents/${incident.key}/postmortem`);
      return p.pageId ? p : false;
    });
    expect(confluence.page(postmortem.pageId)?.title).toContain(incident.key);
    expect(postmortem.pageUrl).toMatch(new RegExp(`^${url}/sandbox/confluence/wiki/`));
  });

  it("takes incident e-mail on a loopback port of its own, at the address each service shows", async () => {
    const service = await api("POST", "/api/services", { name: "Mail intake" });
    expect(service.endpoints.email).toBe(`${service.integrationKey}@localhost`);
    const { host, port } = sandbox.service.smtp!;
    expect(host).toBe("127.0.0.1");
    await nodemailer
      .createTransport({ host, port, secure: false, ignoreTLS: true })
      .sendMail({ from: "ops@example.com", to: service.endpoints.email, subject: "[SEV2] Mailed in", text: "hello" });
    const { incidents } = await api("GET", `/api/incidents?serviceId=${service.id}`);
    expect(incidents).toMatchObject([{ title: "Mailed in", severity: "SEV2" }]);
  });
});
