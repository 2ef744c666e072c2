// Status posts on Atlassian Statuspage, end to end over real HTTP against the emulator
// (stand-ins/statuspage, following https://developer.statuspage.io/ and the webhook notifications
// of https://support.atlassian.com/statuspage/docs/enable-webhook-notifications/): Firewatch walks a
// public incident investigating → identified → monitoring → resolved with components; changes made on
// Statuspage itself reach the timeline once; our own changes, echoed back by the webhooks, do not.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SlackEmulator } from "../../stand-ins/slack/index.ts";
import { StatuspageEmulator } from "../../stand-ins/statuspage/index.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { eventually, startTestService, type TestService } from "../support/running-service.ts";

const WEBHOOK_TOKEN = "sp-webhook-token-7f3a9c";
const SIGNING_SECRET = "statuspage-test-signing-secret";

/** A JSON answer, for assertions. */
const read = async (res: Response): Promise<any> => res.json();

describe.each(DATABASE_KINDS)("status posts on Statuspage on $name", (kind) => {
  const statuspage = new StatuspageEmulator();
  const slack = new SlackEmulator();
  let svc: TestService;

  const json = async (path: string, init: Parameters<TestService["api"]>[1] = {}) => {
    const res = await svc.api(path, init);
    const body = await res.json();
    if (!res.ok) throw new Error(`${init.method ?? "GET"} ${path} answered ${res.status}: ${JSON.stringify(body)}`);
    return body as any;
  };
  const timeline = async (key: string) => (await json(`/api/incidents/${key}/timeline?limit=500`)).entries as any[];
  const posts = async (key: string) => (await json(`/api/incidents/${key}/status-posts`)).statusPosts as any[];
  const declare = async (title: string) =>
    (await json("/api/incidents", { method: "POST", json: { title, severity: "SEV3" } })).key as string;
  const settledPosts = (key: string, n: number) =>
    eventually(`${n} published posts`, async () => {
      const all = await posts(key);
      return all.length === n && all.every((p) => p.state === "published") ? all : false;
    });

  beforeAll(async () => {
    await statuspage.start();
    const slackApi = `${await slack.start()}/api/`;
    svc = await startTestService(kind, {
      env: {
        STATUSPAGE_API_KEY: statuspage.apiKey,
        STATUSPAGE_PAGE_ID: statuspage.pageId,
        STATUSPAGE_API_URL: statuspage.apiUrl,
        STATUSPAGE_WEBHOOK_TOKEN: WEBHOOK_TOKEN,
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_API_URL: slackApi,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
      },
    });
    statuspage.configureWebhook(`${svc.url}/webhooks/statuspage/${WEBHOOK_TOKEN}`);
    slack.configureEvents({ url: `${svc.url}/webhooks/slack/events`, signingSecret: SIGNING_SECRET });
  });
  afterAll(async () => {
    await svc?.stop();
    const unexpected = [...statuspage.unexpected(), ...slack.unexpected()];
    await statuspage.stop();
    await slack.stop();
    expect(unexpected).toEqual([]);
  });

  it("walks the public incident through every status with components, each post once on the timeline", async () => {
    const key = await declare("API errors for EU customers");
    const steps = [
      {
        status: "investigating",
        body: "We are seeing elevated API errors.",
        components: [{ componentId: "cmp0api", status: "major_outage" }],
        deliverNotifications: true,
      },
      {
        status: "identified",
        body: "A bad config push; rolling back.",
        components: [{ componentId: "cmp0api", status: "partial_outage" }],
      },
      {
        status: "monitoring",
        body: "Rolled back; error rates are recovering.",
        components: [{ componentId: "cmp0api", status: "degraded_performance" }],
      },
      {
        status: "resolved",
        body: "Error rates are back to normal.",
        components: [{ componentId: "cmp0api", status: "operational" }],
        deliverNotifications: false,
      },
    ];
    for (const [i, step] of steps.entries()) {
      const res = await svc.api(`/api/incidents/${key}/status-posts`, { method: "POST", json: step });
      expect(res.status).toBe(202);
      expect(await read(res)).toMatchObject({ status: step.status, state: "pending" });
      await settledPosts(key, i + 1);
    }
    const [remote] = statuspage.incidents() as any[];
    expect(statuspage.incidents() as any[]).toHaveLength(1);
    expect(remote).toMatchObject({
      name: "API errors for EU customers",
      status: "resolved",
      metadata: { firewatch: { incident_id: expect.any(String) } },
    });
    expect(remote!.incident_updates.map((u: any) => u.status).reverse()).toEqual([
      "investigating",
      "identified",
      "monitoring",
      "resolved",
    ]);
    // Only the post that asked for it tells the page's subscribers: the default is not to.
    expect(remote!.incident_updates.map((u: any) => u.deliver_notifications).reverse()).toEqual([
      true,
      false,
      false,
      false,
    ]);
    expect(statuspage.components().find((c: any) => c.id === "cmp0api")!.status).toBe("operational");

    await statuspage.webhooksSettled();
    await new Promise((r) => setTimeout(r, 500));
    const entries = await timeline(key);
    const posted = entries.filter((e) => e.type === "status.posted");
    expect(posted.map((e) => e.data.status)).toEqual(["investigating", "identified", "monitoring", "resolved"]);
    expect(posted.every((e) => e.data.state === "published" && e.data.remoteIncidentId === remote!.id)).toBe(true);
    // Statuspage's webhooks for our own posts and component changes are not mirrored back.
    expect(entries.filter((e) => e.source === "statuspage")).toEqual([]);
  });

  it("mirrors an update and a component change made on Statuspage itself, once", async () => {
    const key = await declare("Login slowness");
    await json(`/api/incidents/${key}/status-posts`, {
      method: "POST",
      json: {
        status: "investigating",
        body: "Logins are slow.",
        components: [{ componentId: "cmp0webapp", status: "degraded_performance" }],
      },
    });
    const [post] = await settledPosts(key, 1);
    const remote = (statuspage.incidents() as any[]).find((i: any) =>
      i.incident_updates.some((u: any) => u.id === post.remoteUpdateId),
    )!;
    await statuspage.webhooksSettled();

    statuspage.ui.updateIncident(remote.id, {
      status: "identified",
      body: "The session store is overloaded; adding capacity.",
    });
    statuspage.ui.setComponentStatus("cmp0webapp", "partial_outage");
    await statuspage.webhooksSettled();
    const mirrored = await eventually("the Statuspage-side changes", async () => {
      const e = (await timeline(key)).filter((x) => x.source === "statuspage");
      return e.length === 2 ? e : false;
    });
    expect(mirrored.map((e) => e.type).sort()).toEqual(["status.component_changed", "status.update"]);
    expect(mirrored.find((e) => e.type === "status.update")).toMatchObject({
      body: expect.stringContaining("adding capacity"),
      data: { status: "identified" },
    });
    expect(mirrored.find((e) => e.type === "status.component_changed")).toMatchObject({
      body: "Web app: degraded performance → partial outage",
    });

    // The same notifications again (Statuspage has no delivery id): nothing new.
    const receiver = `${svc.url}/webhooks/statuspage/${WEBHOOK_TOKEN}`;
    for (const d of statuspage.webhookDeliveries()) {
      const res = await fetch(receiver, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: d.raw,
      });
      expect(res.status).toBe(200);
    }
    await new Promise((r) => setTimeout(r, 300));
    expect((await timeline(key)).filter((x) => x.source === "statuspage")).toHaveLength(2);
  });

  it("refuses a wrong token, bad JSON and unknown shapes; refuses bad posts with what to fix", async () => {
    const base = `${svc.url}/webhooks/statuspage`;
    const send = (token: string, body: string) =>
      fetch(`${base}/${token}`, { method: "POST", headers: { "content-type": "application/json" }, body });
    const before = await svc.database.prisma.inboundDelivery.count({ where: { source: "statuspage" } });
    expect((await send("wrong-token", "{}")).status).toBe(401);
    expect((await send(WEBHOOK_TOKEN, "{nope")).status).toBe(400);
    expect((await send(WEBHOOK_TOKEN, JSON.stringify({ meta: {}, page: {} }))).status).toBe(400);
    expect(await svc.database.prisma.inboundDelivery.count({ where: { source: "statuspage" } })).toBe(before);

    const key = await declare("Bad posts");
    for (const [body, message] of [
      [{ status: "fixed", body: "x" }, /status/],
      [{ status: "investigating", body: "   " }, /non-blank `body`/],
      [{ status: "investigating", body: "x", components: [{ componentId: "cmp0api", status: "down" }] }, /components/],
      [
        {
          status: "investigating",
          body: "x",
          components: [
            { componentId: "cmp0api", status: "major_outage" },
            { componentId: "cmp0api", status: "operational" },
          ],
        },
        /listed twice/,
      ],
    ] as const) {
      const res = await svc.api(`/api/incidents/${key}/status-posts`, { method: "POST", json: body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await read(res)).error.message).toMatch(message);
    }
    expect(await posts(key)).toEqual([]);
  });

  it("waits out 420 and 429, and fails a post the API refuses without blocking the next", async () => {
    const key = await declare("Rate limited");
    // https://developer.statuspage.io/#section/Rate-Limiting: 420 (or 429) with Retry-After in seconds.
    statuspage.faults.next({
      status: 420,
      headers: { "Retry-After": "1" },
      match: (r) => r.operation === "incidents.create",
    });
    await json(`/api/incidents/${key}/status-posts`, {
      method: "POST",
      json: { status: "investigating", body: "First." },
    });
    await settledPosts(key, 1);
    statuspage.faults.next({
      status: 429,
      headers: { "Retry-After": "1" },
      match: (r) => r.operation === "incidents.update",
    });
    await json(`/api/incidents/${key}/status-posts`, {
      method: "POST",
      json: { status: "identified", body: "Second." },
    });
    await json(`/api/incidents/${key}/status-posts`, {
      method: "POST",
      json: { status: "monitoring", body: "Third.", components: [{ componentId: "cmp0nope", status: "operational" }] },
    });
    await json(`/api/incidents/${key}/status-posts`, { method: "POST", json: { status: "resolved", body: "Fourth." } });
    const all = await eventually(
      "every post settled",
      async () => {
        const p = await posts(key);
        return p.length === 4 && p.every((x) => x.state === "published" || x.state === "failed") ? p : false;
      },
      30_000,
    );
    expect(all.map((p) => p.state)).toEqual(["published", "published", "failed", "published"]);
    expect(all[2].error).toMatch(/422/);
    const remote = (statuspage.incidents() as any[]).find((i: any) => i.name === "Rate limited")!;
    expect(remote.incident_updates.map((u: any) => u.body).reverse()).toEqual(["First.", "Second.", "Fourth."]);
  });

  it("posts from Slack with /incident status, and shows the public incident in the channel's summary", async () => {
    const user = await json("/api/users", { method: "POST", json: { name: "Carol Chen", email: "carol@example.com" } });
    await json(`/api/users/${user.id}/contact-methods`, {
      method: "POST",
      json: { kind: "slack", address: "U0CAROL" },
    });
    const declared = await slack.sendCommand(`${svc.url}/webhooks/slack/commands`, {
      userId: "U0CAROL",
      channelId: "C0GENERAL",
      text: "declare Webhooks delayed sev2",
      command: "/incident",
    });
    const key = /declared (INC-\d+)/.exec((declared.body as any).text)![1]!;
    const channel = await eventually("the channel", async () =>
      slack.channelByName(`inc-${key.slice(4)}-webhooks-delayed`),
    );
    await eventually("the channel ready", async () => (await json(`/api/incidents/${key}/channel`)).state === "ready");

    const reply = await slack.sendCommand(`${svc.url}/webhooks/slack/commands`, {
      userId: "U0CAROL",
      channelId: channel.id,
      text: "status identified Deliveries are queued; we are draining the backlog.",
      command: "/incident",
    });
    expect(reply.body).toMatchObject({
      response_type: "in_channel",
      text: "Carol Chen posted to the status page (identified): Deliveries are queued; we are draining the backlog.",
    });
    const [post] = await settledPosts(key, 1);
    expect(post).toMatchObject({ status: "identified", createdBy: "Carol Chen" });
    const shortlink = (statuspage.incidents() as any[]).find((i: any) => i.name === "Webhooks delayed")!.shortlink;
    await eventually("the summary linking the status page", async () =>
      JSON.stringify(slack.channelMessages(channel.id).find((m) => m.pinned)?.blocks ?? []).includes(shortlink),
    );
    // One summary, edited in place: the channel's job never runs twice at once for an incident.
    expect(
      slack.channelMessages(channel.id).filter((m) => m.metadata?.event_type === "firewatch_incident_summary"),
    ).toHaveLength(1);
  });
});
