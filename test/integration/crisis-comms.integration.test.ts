// Crisis communications end to end over real HTTP, SMTP and the Slack stand-in, after PagerDuty's own crisis
// response: an e-mail to the crisis service opens an incident, whose response play runs by itself (the crisis team paged
// with several rules each, the regional team subscribed, the bridge opened and posted); two status updates
// reach every subscriber by e-mail and Slack DM, and the postmortem lists them. Then the edges: a play run twice,
// refusals at save, a viewer subscribing only themselves, a public status post with its own title.
import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mailPart, SmtpCapture } from "../../stand-ins/smtp/index.ts";
import { SlackEmulator } from "../../stand-ins/slack/index.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { alertOpensIncident } from "../support/paged-incident.ts";
import { eventually, FAST_WORKER, startTestService, type TestService } from "../support/running-service.ts";

const SIGNING_SECRET = "crisis-signing-secret-0123456789";
const BRIDGE = { url: "https://meet.example.com/crisis-room", dialIn: "+1 555 0100,,4242#" };

describe.each(DATABASE_KINDS)("crisis communications on $name", (kind) => {
  const smtp = new SmtpCapture();
  const slack = new SlackEmulator();
  let svc: TestService;
  const people: Record<string, any> = {};
  let crisisService: any;
  let play: any;
  let regional: any;

  const call = async (method: string, path: string, json?: unknown, token?: string) => {
    const res = await svc.api(path, { method, json, ...(token ? { token } : {}) });
    const body = res.status === 204 ? null : await res.json().catch(() => null);
    return { status: res.status, body: body as any };
  };
  const ok = async (method: string, path: string, json?: unknown) => {
    const res = await call(method, path, json);
    if (res.status >= 400) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const person = async (name: string, slackId: string | null, extra: { kind: string; address: string }[] = []) => {
    const email = `${name.split(" ")[0]!.toLowerCase()}@example.com`;
    const user = await ok("POST", "/api/users", { name, email });
    for (const c of [
      { kind: "email", address: email },
      ...(slackId ? [{ kind: "slack", address: slackId }] : []),
      ...extra,
    ])
      await ok("POST", `/api/users/${user.id}/contact-methods`, c);
    return (people[name] = user);
  };
  const timeline = async (key: string) =>
    (await ok("GET", `/api/incidents/${key}/timeline?limit=200`)).entries as any[];
  const settled = (key: string, count: number) =>
    eventually(`${count} status updates delivered`, async () => {
      const { statusUpdates } = await ok("GET", `/api/incidents/${key}/status-updates`);
      const done = statusUpdates.every((u: any) => u.deliveries.pending === 0 && u.deliveries.total > 0);
      return statusUpdates.length === count && done ? statusUpdates : undefined;
    });
  const mailsAbout = (key: string, address: string) =>
    smtp.mailsTo(address).filter((m) => m.raw.includes(`${key} status update`));

  beforeAll(async () => {
    const smtpUrl = await smtp.start();
    const slackUrl = await slack.start();
    svc = await startTestService(kind, {
      env: {
        SMTP_URL: smtpUrl,
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_API_URL: `${slackUrl}/api/`,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        FIREWATCH_SMTP_PORT: "0",
        FIREWATCH_SMTP_HOST: "127.0.0.1",
      },
      worker: FAST_WORKER,
    });
    slack.configureEvents({ url: `${svc.url}/webhooks/slack/events`, signingSecret: SIGNING_SECRET });
    await person("Cora Crisis", "U0CAROL", [{ kind: "sms", address: "+14155550101" }]);
    await person("Dan Duty", "U0BOB");
    await person("Erin Europe", "U0ALICE");
    await person("Finn Finance", null);
    const crisisTeam = await ok("POST", "/api/teams", {
      name: "Crisis team",
      members: [people["Cora Crisis"].id, people["Dan Duty"].id],
    });
    regional = await ok("POST", "/api/teams", {
      name: "EMEA",
      members: [people["Erin Europe"].id, people["Finn Finance"].id],
    });
    play = await ok("POST", "/api/response-plays", {
      name: "Major incident (EMEA)",
      addResponders: [{ type: "team", id: crisisTeam.id }],
      addSubscribers: [{ teamId: regional.id }, { email: "Board@Example.com" }],
      conferenceBridge: BRIDGE,
      postToChannel: "Crisis bridge is open; stakeholders are subscribed. Keep this channel for the response.",
      statusUpdate: "We are aware of a major incident and the crisis team is on the bridge.",
    });
    crisisService = await ok("POST", "/api/services", {
      name: "Crisis",
      defaultSeverity: "SEV1",
      responsePlayId: play.id,
    });
  });
  afterAll(async () => {
    await svc?.stop();
    const unexpected = slack.unexpected();
    await slack.stop();
    await smtp.stop();
    expect(unexpected).toEqual([]);
  });

  it("opens an incident from an e-mail, runs the service's play, tells every subscriber of two updates, and the postmortem lists them", async () => {
    await nodemailer
      .createTransport({ host: "127.0.0.1", port: svc.smtp!.port, secure: false, ignoreTLS: true })
      .sendMail({
        from: '"Security desk" <desk@example.com>',
        to: `${crisisService.integrationKey}@firewatch.example.com`,
        subject: "Payments down across EMEA",
        text: "Card payments fail in every EMEA market since 09:12 UTC.",
      });
    const incident = await eventually("the incident the e-mail opened", async () =>
      (await ok("GET", `/api/incidents?serviceId=${crisisService.id}`)).incidents.find(
        (i: any) => i.title === "Payments down across EMEA",
      ),
    );
    const key = incident.key;
    expect(incident.severity).toBe("SEV1");

    // The play ran by itself: the crisis team paged by each person's rules, the region and the board subscribed.
    const subscribers = await eventually("the play's subscribers", async () => {
      const { subscribers } = await ok("GET", `/api/incidents/${key}/subscribers`);
      return subscribers.length === 2 ? subscribers : undefined;
    });
    expect(subscribers.map((s: any) => [s.kind, s.name, s.origin]).sort()).toEqual([
      ["email", "board@example.com", "play"],
      ["team", "EMEA", "play"],
    ]);
    const pages = await eventually("the crisis team's pages", async () => {
      const { pages } = await ok("GET", `/api/incidents/${key}/response`);
      return pages.filter((p: any) => p.state === "sent").length >= 2 ? pages : undefined;
    });
    expect(new Set(pages.map((p: any) => p.user.name))).toEqual(new Set(["Cora Crisis", "Dan Duty"]));
    // Each person by every rule they have: Cora by e-mail, Slack and text at once.
    const coraChannels = await eventually("Cora paged by each of her rules", async () => {
      const { pages } = await ok("GET", `/api/incidents/${key}/response`);
      const kinds = new Set(pages.filter((p: any) => p.user.name === "Cora Crisis").map((p: any) => p.channel));
      return kinds.size === 3 ? kinds : undefined;
    });
    expect(coraChannels).toEqual(new Set(["email", "slack", "sms"]));
    expect((await ok("GET", `/api/incidents/${key}`)).conferenceBridge).toEqual(BRIDGE);

    // Cora's page (an e-mail among her rules) carries the bridge.
    const page = await eventually("Cora's page mail", async () =>
      smtp.mailsTo("cora@example.com").find((m) => m.raw.includes(`${key} triggered`)),
    );
    expect(mailPart(page.raw, "text/plain")).toContain(`Join the bridge: ${BRIDGE.url} (dial-in ${BRIDGE.dialIn})`);

    // The SEV1 channel: its pinned summary carries the bridge, and the play's post is in it.
    const channel = await eventually("the incident channel", async () =>
      slack.channelByName(`inc-${key.slice(4)}-payments-down-across-emea`),
    );
    await eventually("the bridge pinned in the channel", async () =>
      JSON.stringify(slack.channelMessages(channel.id).find((m) => m.pinned)?.blocks ?? []).includes(BRIDGE.url),
    );
    await eventually("the play's post in the channel", async () =>
      slack.channelMessages(channel.id).find((m) => m.text?.includes("Crisis bridge is open")),
    );

    // The play's own update, then a second one by a responder, from Slack.
    await settled(key, 1);
    const reply = await slack.sendCommand(`${svc.url}/webhooks/slack/commands`, {
      userId: "U0CAROL",
      channelId: channel.id,
      text: "update Root cause found: an expired certificate on the EU gateway. Fix rolling out.",
      command: "/incident",
    });
    expect((reply.body as any).text).toContain("Cora Crisis sent a status update to the subscribers");
    const updates = await settled(key, 2);
    // Erin: e-mail and Slack; Finn: e-mail only (no Slack); the board: e-mail. Per update, 4 deliveries.
    expect(updates.map((u: any) => u.deliveries)).toEqual([
      { total: 4, sent: 4, failed: 0, pending: 0 },
      { total: 4, sent: 4, failed: 0, pending: 0 },
    ]);
    for (const address of ["erin@example.com", "finn@example.com", "board@example.com"])
      expect(mailsAbout(key, address)).toHaveLength(2);
    const erinDms = slack.messages({ user: "U0ALICE" }).filter((m) => m.text?.includes(`Status update on ${key}`));
    expect(erinDms).toHaveLength(2);
    expect(JSON.stringify(erinDms[1]!.blocks)).toContain("expired certificate");
    expect(mailPart(mailsAbout(key, "board@example.com")[1]!.raw, "text/plain")).toContain(BRIDGE.url);
    // Paged people who are not subscribers are not told: pages are for responders.
    expect(mailsAbout(key, "cora@example.com")).toEqual([]);

    const entries = await timeline(key);
    expect(entries.filter((e) => e.type === "status_update.posted").map((e) => e.body)).toEqual([
      "We are aware of a major incident and the crisis team is on the bridge.",
      "Root cause found: an expired certificate on the EU gateway. Fix rolling out.",
    ]);
    expect(entries.find((e) => e.type === "play.ran")?.body).toContain(
      'Firewatch ran the response play "Major incident (EMEA)"',
    );

    const preview = await ok("GET", `/api/incidents/${key}/postmortem/preview`);
    const text = JSON.stringify(preview);
    expect(text).toContain("Status updates");
    expect(text).toContain("Root cause found: an expired certificate on the EU gateway.");
  });

  it("does each step of a play once: running it again by hand only reports what was done", async () => {
    const incident = await alertOpensIncident(svc, crisisService, "Ledger lag in EMEA");
    await eventually("the automatic run", async () =>
      (await timeline(incident.key)).find((e) => e.type === "play.ran"),
    );
    const again = await ok("POST", `/api/incidents/${incident.key}/response-plays/${play.id}`);
    expect(again.steps.map((s: any) => s.outcome)).toEqual([
      "already",
      "already",
      "already",
      "already",
      "already",
      "already",
    ]);
    expect((await ok("GET", `/api/incidents/${incident.key}/subscribers`)).subscribers).toHaveLength(2);
    await settled(incident.key, 1);
  });

  it("refuses bad plays, subscribers and bridges at save, naming the field, and leaves nothing behind", async () => {
    const before = (await ok("GET", "/api/response-plays")).responsePlays.length;
    const bad = [
      { name: "x", conferenceBridge: { url: "javascript:alert(1)" } },
      { name: "x", conferenceBridge: { url: "http://meet.example.com/plain" } },
      { name: "x", conferenceBridge: { url: BRIDGE.url, dialIn: "call me" } },
      { name: "x", addSubscribers: [{ email: "not an address" }] },
      { name: "x", addSubscribers: [{ teamId: "00000000-0000-4000-8000-000000000000" }] },
      { name: "x", addResponders: [{ type: "schedule", id: "00000000-0000-4000-8000-000000000000" }] },
      { name: " " },
    ];
    for (const body of bad) {
      const res = await call("POST", "/api/response-plays", body);
      expect(res.status, JSON.stringify(body)).toBeGreaterThanOrEqual(400);
      expect(res.status).toBeLessThan(500);
      expect(res.body.error.message).toMatch(/conferenceBridge|addSubscribers|addResponders|name|address/);
    }
    expect((await ok("GET", "/api/response-plays")).responsePlays).toHaveLength(before);
    const inUse = await call("DELETE", `/api/response-plays/${play.id}`);
    expect(inUse).toMatchObject({ status: 409, body: { error: { code: "PLAY.IN_USE" } } });
    const badService = await call("PATCH", `/api/services/${crisisService.id}`, { subscribers: [{ email: "nope" }] });
    expect(badService).toMatchObject({
      status: 400,
      body: { error: { message: expect.stringContaining("`subscribers`") } },
    });
  });

  it("lets a viewer subscribe and unsubscribe only themselves", async () => {
    const viewer = await ok("POST", "/api/users", { name: "Vera Viewer", email: "vera@example.com", role: "viewer" });
    const { token } = await ok("POST", `/api/users/${viewer.id}/tokens`, { name: "test" });
    const incident = await ok("POST", "/api/incidents", { title: "Quiet incident", severity: "SEV4" });
    const path = `/api/incidents/${incident.key}/subscribers`;
    expect((await call("POST", path, { userId: people["Dan Duty"].id }, token)).status).toBe(403);
    const mine = await call("POST", path, { userId: viewer.id }, token);
    expect(mine).toMatchObject({ status: 201, body: { kind: "user", name: "Vera Viewer", origin: "manual" } });
    expect((await call("POST", path, { userId: viewer.id }, token)).status).toBe(200);
    expect((await call("POST", `/api/incidents/${incident.key}/status-updates`, { message: "hi" }, token)).status).toBe(
      403,
    );
    expect((await call("DELETE", `${path}/${mine.body.id}`, undefined, token)).status).toBe(204);
    expect((await ok("GET", path)).subscribers).toEqual([]);
  });
});
