// Acting on a page where it lands, in Slack: the page DM and the incident channel's pinned summary carry
// Acknowledge / Resolve buttons; a click arrives signed at POST /webhooks/slack/interactions as a block_actions
// payload (https://docs.slack.dev/reference/interaction-payloads/block_actions-payload), goes through the same use
// case as the console's button (so the escalation stops the same way), and the page is rewritten in place
// (https://docs.slack.dev/reference/methods/chat.update). Someone Firewatch does not know, or a forged click,
// changes nothing; the person is told why privately (https://docs.slack.dev/reference/methods/chat.postEphemeral).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LogLevel, WebClient } from "@slack/web-api";
import { SlackEmulator } from "../../stand-ins/slack/index.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { pendingEscalation } from "../support/paged-incident.ts";
import { eventually, startTestService, type TestService } from "../support/running-service.ts";

const SIGNING_SECRET = "slack-buttons-signing-secret";

describe.each(DATABASE_KINDS)("Slack buttons on $name", (kind) => {
  const slack = new SlackEmulator();
  let svc: TestService;
  let service: { id: string; integrationKey: string };
  let alice: { id: string };

  const call = async (method: string, path: string, json?: unknown) => {
    const res = await svc.api(path, { method, json });
    const body = await res.json().catch(() => null);
    if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(body)}`);
    return body as any;
  };
  const incidentOf = (key: string) => call("GET", `/api/incidents/${key}`);
  /** An alert opens an incident on the service; resolves with the incident once Alice's page DM is there. */
  const pagedIncident = async (summary: string, severity = "error") => {
    const before = slack.messages({ user: "U0ALICE" }).length;
    const res = await fetch(`${svc.url}/v2/enqueue`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        routing_key: service.integrationKey,
        event_action: "trigger",
        dedup_key: summary,
        payload: { summary, source: "prometheus", severity },
      }),
    });
    expect(res.status).toBe(202);
    const incident = await eventually("the incident", async () =>
      (await call("GET", `/api/incidents?serviceId=${service.id}`)).incidents.find((i: any) => i.title === summary),
    );
    await eventually("Alice's page", async () => slack.messages({ user: "U0ALICE" }).length > before);
    const dm = slack.dmChannel("U0ALICE")!;
    const page = slack.channelMessages(dm).find((m) => m.text?.includes(incident.key))!;
    return { incident, dm, page };
  };

  /** The incident's channel and its pinned summary, once Firewatch has made them. */
  const channelSummary = async (key: string) => {
    const channel = await eventually("the incident channel", async () =>
      slack
        .requests({ method: "conversations.create" })
        .map((r) => slack.channelByName(String(r.args.name)))
        .find((c) => c?.name?.startsWith(`inc-${key.slice(4)}-`)),
    );
    const summary = await eventually("the pinned summary", async () =>
      slack
        .channelMessages(channel.id)
        .find((m) => m.pinned && m.metadata?.event_type === "firewatch_incident_summary"),
    );
    return { channel, summary };
  };

  beforeAll(async () => {
    const apiUrl = `${await slack.start()}/api/`;
    svc = await startTestService(kind, {
      env: { SLACK_BOT_TOKEN: slack.botToken, SLACK_API_URL: apiUrl, SLACK_SIGNING_SECRET: SIGNING_SECRET },
    });
    slack.configureInteractivity({ url: `${svc.url}/webhooks/slack/interactions`, signingSecret: SIGNING_SECRET });
    alice = await call("POST", "/api/users", { name: "Alice Adams", email: "alice@example.com" });
    await call("POST", `/api/users/${alice.id}/contact-methods`, { kind: "slack", address: "U0ALICE" });
    const policy = await call("POST", "/api/escalation-policies", {
      name: "Checkout",
      repeat: 1,
      levels: [
        { delayMinutes: 5, targets: [{ type: "user", id: alice.id }] },
        { delayMinutes: 5, targets: [{ type: "user", id: alice.id }] },
      ],
    });
    service = await call("POST", "/api/services", { name: "checkout", escalationPolicyId: policy.id });
  });
  afterAll(async () => {
    await svc?.stop();
    const unexpected = slack.unexpected();
    await slack.stop();
    expect(unexpected).toEqual([]);
  });

  it("acknowledges from the page DM's button, stops the escalation and rewrites the page in place", async () => {
    const { incident, dm, page } = await pagedIncident("Checkout 5xx above 5%");
    expect(await pendingEscalation(svc, incident.id)).not.toEqual([]);

    const click = await slack.click("U0ALICE", dm, page.ts, "firewatch_acknowledge");
    expect(click.status).toBe(200);
    expect((await incidentOf(incident.key)).status).toBe("acknowledged");
    expect(await pendingEscalation(svc, incident.id)).toEqual([]);
    const entries = (await call("GET", `/api/incidents/${incident.key}/timeline`)).entries;
    expect(entries.find((e: any) => e.type === "incident.acknowledged")).toMatchObject({
      author: "Alice Adams",
      body: `Alice Adams acknowledged ${incident.key} from Slack and is now its owner`,
    });
    expect((await incidentOf(incident.key)).ownerId).toBe(alice.id);
    const rewritten = await eventually("the page rewritten", async () => {
      const now = slack.channelMessages(dm).find((m) => m.ts === page.ts)!;
      return now.text?.includes("Acknowledged by Alice Adams") ? now : undefined;
    });
    // The buttons are gone: nobody acknowledges twice from a stale page.
    expect(JSON.stringify(rewritten.blocks)).not.toContain("firewatch_acknowledge");
  });

  it("resolves from the pinned summary of the incident's channel", async () => {
    const { incident } = await pagedIncident("Checkout down for everyone", "critical");
    const { channel, summary } = await channelSummary(incident.key);
    await eventually("Alice in the channel", async () => slack.members(channel.id).includes("U0ALICE"));
    expect((await slack.click("U0ALICE", channel.id, summary.ts, "firewatch_resolve")).status).toBe(200);
    expect((await incidentOf(incident.key)).status).toBe("resolved");
    await eventually("the summary without buttons", async () => {
      const now = slack.channelMessages(channel.id).find((m) => m.ts === summary.ts)!;
      return !JSON.stringify(now.blocks).includes("firewatch_resolve");
    });
  });

  it("changes nothing for a click by someone Firewatch does not know, and tells them why", async () => {
    const { incident } = await pagedIncident("Search latency over SLO", "critical");
    const { channel, summary } = await channelSummary(incident.key);
    // Bob is in the workspace and joins the channel, but has no Slack contact method in Firewatch.
    const admin = new WebClient(slack.botToken, { slackApiUrl: `${slack.baseUrl}/api/`, logLevel: LogLevel.ERROR });
    await admin.conversations.invite({ channel: channel.id, users: "U0BOB" });
    expect((await slack.click("U0BOB", channel.id, summary.ts, "firewatch_resolve")).status).toBe(200);
    const reply = await eventually("Bob's private answer", async () => slack.ephemerals({ user: "U0BOB" })[0]);
    expect(reply.text).toContain("does not know your Slack account");
    expect((await incidentOf(incident.key)).status).toBe("triggered");
    expect(await pendingEscalation(svc, incident.id)).not.toEqual([]);
  });

  it("acknowledges with /incident ack INC-n typed in the DM with the page", async () => {
    const { incident, dm } = await pagedIncident("Login errors after deploy");
    slack.configureEvents({ url: `${svc.url}/webhooks/slack/events`, signingSecret: SIGNING_SECRET });
    const answer = await slack.sendCommand(`${svc.url}/webhooks/slack/commands`, {
      userId: "U0ALICE",
      channelId: dm,
      text: `ack ${incident.key.toLowerCase()}`,
      command: "/incident",
    });
    expect(answer.status).toBe(200);
    expect((answer.body as { text: string }).text).toBe(`Alice Adams acknowledged ${incident.key}`);
    expect((await incidentOf(incident.key)).status).toBe("acknowledged");
    expect(await pendingEscalation(svc, incident.id)).toEqual([]);
    // Without the key, a DM belongs to no incident: the answer says how to name it.
    const unnamed = await slack.sendCommand(`${svc.url}/webhooks/slack/commands`, {
      userId: "U0ALICE",
      channelId: dm,
      text: "resolve",
      command: "/incident",
    });
    expect((unnamed.body as { text: string }).text).toContain("/incident resolve INC-42");
  });

  it("escalates from the page DM's button: the next level pages now, and the clicker is told", async () => {
    const { incident, dm, page } = await pagedIncident("Inventory sync stalled");
    const before = slack.messages({ user: "U0ALICE" }).length;
    expect((await slack.click("U0ALICE", dm, page.ts, "firewatch_escalate")).status).toBe(200);
    const reply = await eventually("Alice's private answer", async () =>
      slack.ephemerals({ user: "U0ALICE" }).find((e) => e.text?.includes("Escalated")),
    );
    expect(reply.text).toBe("Escalated: level 2 of the escalation policy is being paged now.");
    // Level 2 pages Alice again at once, not in five minutes.
    await eventually("the level-2 page", async () => slack.messages({ user: "U0ALICE" }).length > before);
    const response = await call("GET", `/api/incidents/${incident.key}/response`);
    expect(response).toMatchObject({ currentLevel: 2, nextEscalation: { level: 1 } });
    const entries = (await call("GET", `/api/incidents/${incident.key}/timeline?type=escalation.level`)).entries;
    expect(entries.map((e: any) => e.body)).toContain(`Alice Adams escalated ${incident.key} to level 2 from Slack`);
    expect((await incidentOf(incident.key)).status).toBe("triggered");
  });

  it("refuses a forged click and changes nothing", async () => {
    const { incident, dm, page } = await pagedIncident("Payments queue backing up");
    const forged = await slack.click("U0ALICE", dm, page.ts, "firewatch_acknowledge", { signingSecret: "not-it" });
    expect(forged.status).toBe(401);
    expect((await incidentOf(incident.key)).status).toBe("triggered");
    expect(await pendingEscalation(svc, incident.id)).not.toEqual([]);
  });
});
