// The incident's Slack conversation on its timeline, end to end over real HTTP: the slash command
// declares a SEV1 → Firewatch opens #inc-<n>-<slug>, invites the owner, pins a summary → people talk,
// edit, delete, reply in threads and pin → the timeline holds each message once, in order, with authors,
// and Slack's retries change nothing. Event shapes follow test/fixtures/slack (see its README for the
// pages: https://docs.slack.dev/reference/events/message and
// https://docs.slack.dev/apis/events-api/#retries); signing follows
// https://docs.slack.dev/authentication/verifying-requests-from-slack.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LogLevel, WebClient } from "@slack/web-api";
import { SlackEmulator, signSlackRequest } from "../../stand-ins/slack/index.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { eventually, startTestService, type TestService } from "../support/running-service.ts";

const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";

/** A JSON answer, for assertions. */
const read = async (res: Response): Promise<any> => res.json();

describe.each(DATABASE_KINDS)("Slack conversation on the timeline on $name", (kind) => {
  const slack = new SlackEmulator();
  let svc: TestService;
  let admin: WebClient;

  const json = async (path: string, init: Parameters<TestService["api"]>[1] = {}) => {
    const res = await svc.api(path, init);
    const body = await res.json();
    if (!res.ok) throw new Error(`${init.method ?? "GET"} ${path} answered ${res.status}: ${JSON.stringify(body)}`);
    return body as any;
  };
  const timeline = async (key: string, query = "") =>
    (await json(`/api/incidents/${key}/timeline?limit=500${query}`)).entries as any[];
  const chatEntries = async (key: string) => await timeline(key, "&type=chat.message");
  const inboxCount = () => svc.database.prisma.inboundDelivery.count({ where: { source: "slack" } });
  const command = async (userId: string, channelId: string, text: string) => {
    const res = await slack.sendCommand(`${svc.url}/webhooks/slack/commands`, {
      userId,
      channelId,
      text,
      command: "/incident",
    });
    expect(res.status).toBe(200);
    return res.body as { response_type: string; text: string };
  };

  /** Declares an incident from #general as `userId` and waits for its channel, named `inc-<n>-<slug>`. */
  const declareWithChannel = async (userId: string, text: string, slug: string) => {
    const key = /declared (INC-\d+)/.exec((await command(userId, "C0GENERAL", text)).text)![1]!;
    const channel = await eventually("the channel", async () => slack.channelByName(`inc-${key.slice(4)}-${slug}`));
    return { key, channel };
  };

  beforeAll(async () => {
    const apiUrl = `${await slack.start()}/api/`;
    svc = await startTestService(kind, {
      env: { SLACK_BOT_TOKEN: slack.botToken, SLACK_API_URL: apiUrl, SLACK_SIGNING_SECRET: SIGNING_SECRET },
    });
    slack.configureEvents({ url: `${svc.url}/webhooks/slack/events`, signingSecret: SIGNING_SECRET });
    // A workspace admin, to add people to channels the way a person would.
    admin = new WebClient(slack.botToken, { slackApiUrl: apiUrl, logLevel: LogLevel.ERROR });
    for (const [name, email, slackId] of [
      ["Alice Adams", "alice@example.com", "U0ALICE"],
      ["Bob Brown", "bob@example.com", "U0BOB"],
    ] as const) {
      const user = await json("/api/users", { method: "POST", json: { name, email } });
      await json(`/api/users/${user.id}/contact-methods`, {
        method: "POST",
        json: { kind: "slack", address: slackId },
      });
    }
  });
  afterAll(async () => {
    await svc?.stop();
    const unexpected = slack.unexpected();
    await slack.stop();
    expect(unexpected).toEqual([]);
  });

  it("mirrors a SEV1's channel: 20 messages, an edit, a delete, thread replies and a pin, each once and in order", async () => {
    const declared = await command("U0ALICE", "C0GENERAL", "declare Checkout is down SEV1");
    expect(declared.response_type).toBe("in_channel");
    const key = /declared (INC-\d+)/.exec(declared.text)![1]!;

    const channelName = `inc-${key.slice(4)}-checkout-is-down`;
    const channel = await eventually("the incident channel", async () => slack.channelByName(channelName));
    await eventually("Alice invited", async () => slack.members(channel.id).includes("U0ALICE"));
    const pinned = await eventually("the pinned summary", async () =>
      slack.channelMessages(channel.id).find((m) => m.pinned && m.botId),
    );
    expect(pinned.text).toContain(key);
    expect(pinned.metadata?.event_type).toBe("firewatch_incident_summary");
    expect(
      slack.channelMessages(channel.id).filter((m) => m.metadata?.event_type === "firewatch_incident_summary"),
    ).toHaveLength(1);
    const api = await json(`/api/incidents/${key}/channel`);
    expect(api).toMatchObject({
      channelId: channel.id,
      channelName,
      state: "ready",
      mirrorMode: "all",
      invited: ["U0ALICE"],
    });
    await admin.conversations.invite({ channel: channel.id, users: "U0BOB" });

    const people = ["U0ALICE", "U0BOB"] as const;
    const posted: string[] = [];
    for (let i = 1; i <= 20; i++) posted.push((await slack.postAs(people[i % 2]!, channel.id, `message ${i}`)).ts!);
    const replies: string[] = [];
    for (let i = 1; i <= 3; i++)
      replies.push((await slack.postAs(people[(i + 1) % 2]!, channel.id, `reply ${i}`, { threadTs: posted[4]! })).ts!);
    await slack.editAs("U0BOB", channel.id, posted[2]!, "message 3, corrected");
    await slack.deleteAs("U0ALICE", channel.id, posted[6]!);
    await slack.pinAs("U0BOB", channel.id, posted[9]!);
    await slack.eventsSettled();
    expect(
      slack
        .deliveries()
        .filter((d) => d.eventId)
        .every((d) => d.status === 200),
    ).toBe(true);

    const settled = async () => {
      const entries = await chatEntries(key);
      const byTs = new Map(entries.map((e) => [e.data.ts, e]));
      return entries.length === 23 &&
        byTs.get(posted[2])?.data.edited &&
        byTs.get(posted[6])?.data.deleted &&
        byTs.get(posted[9])?.data.pinned
        ? entries
        : false;
    };
    const entries = await eventually("the conversation on the timeline", settled);
    // In Slack's order (ts), each message once, with its author's name.
    expect(entries.map((e) => e.data.ts)).toEqual([...posted.slice(0, 20), ...replies].sort());
    expect(new Set(entries.map((e) => e.sourceId)).size).toBe(23);
    const at = (ts: string) => entries.find((e) => e.data.ts === ts)!;
    expect(at(posted[0]!)).toMatchObject({ source: "slack", author: "bob", body: "message 1" });
    expect(at(posted[1]!)).toMatchObject({ author: "alice", body: "message 2" });
    expect(at(posted[2]!)).toMatchObject({
      body: "message 3, corrected",
      data: { edited: true },
      edits: [{ body: "message 3", editedBy: "bob" }],
    });
    expect(at(posted[6]!)).toMatchObject({ body: "message 7", data: { deleted: true } });
    expect(at(posted[9]!).data.pinned).toBe(true);
    for (const ts of replies)
      expect(at(ts).data).toMatchObject({ threadTs: posted[4], parentSourceId: `${channel.id}:${posted[4]}` });
    // Our own summary is not mirrored back.
    expect(entries.some((e) => e.data.userId === "U0FWBOT")).toBe(false);

    // Slack retries (X-Slack-Retry-Num) of every event: recorded once, nothing changes.
    const before = JSON.stringify(await timeline(key));
    const inbox = await inboxCount();
    for (const d of slack.deliveries().filter((x) => x.eventId && x.retryNum === 0)) {
      const retry = await slack.redeliver(d.eventId!, { retryNum: 1, reason: "http_timeout" });
      expect(retry.status).toBe(200);
      expect(JSON.parse(retry.responseBody)).toMatchObject({ status: "duplicate" });
    }
    expect(await inboxCount()).toBe(inbox);
    await new Promise((r) => setTimeout(r, 300));
    expect(JSON.stringify(await timeline(key))).toBe(before);
  });

  it("has a known person's message on the timeline by the time Slack has its answer; a newcomer's once named", async () => {
    const { key, channel } = await declareWithChannel("U0ALICE", "declare Payments retrying SEV1", "payments-retrying");
    await eventually("Alice invited", async () => slack.members(channel.id).includes("U0ALICE"));
    await admin.conversations.invite({ channel: channel.id, users: "U0CAROL" });

    // Alice's first words make her known (her name asked of Slack once, here or in an earlier conversation)…
    await slack.postAs("U0ALICE", channel.id, "looking");
    await eventually("Alice's first message", async () => (await chatEntries(key)).length === 1);
    // …so her next message is merged and mirrored before Slack has its 200, with no job between.
    const inboundJobs = () => svc.database.prisma.job.count({ where: { task: "chat.inbound" } });
    const jobsBefore = await inboundJobs();
    const ts = (await slack.postAs("U0ALICE", channel.id, "rolling back the retry change")).ts!;
    await slack.eventsSettled();
    expect((await chatEntries(key)).slice(1).map((e) => [e.data.ts, e.author, e.body])).toEqual([
      [ts, "alice", "rolling back the retry change"],
    ]);
    await slack.editAs("U0ALICE", channel.id, ts, "rolled back the retry change");
    await slack.eventsSettled();
    expect((await chatEntries(key)).slice(1)).toMatchObject([
      { body: "rolled back the retry change", edits: [{ body: "rolling back the retry change", editedBy: "alice" }] },
    ]);

    expect(await inboundJobs()).toBe(jobsBefore);

    // Carol has never written here: the service asks Slack for her name (a job) before her entry is written.
    const hers = (await slack.postAs("U0CAROL", channel.id, "error rate is back to normal")).ts!;
    await slack.eventsSettled();
    const entries = await eventually("Carol's message", async () => {
      const e = await chatEntries(key);
      return e.length === 3 ? e : false;
    });
    expect(entries[2]).toMatchObject({ author: "carol", body: "error rate is back to normal", data: { ts: hers } });
    expect(slack.requests({ method: "users.info" }).some((r) => r.args.user === "U0CAROL")).toBe(true);
    expect(await inboundJobs()).toBe(jobsBefore + 1);
  });

  it("rejects a forged signature, a stale timestamp and a malformed body, recording nothing", async () => {
    const url = `${svc.url}/webhooks/slack/events`;
    const envelope = JSON.stringify({
      type: "event_callback",
      event_id: "Ev0FORGED",
      api_app_id: "A0FIREWATCH",
      event: { type: "message", channel: "C0X", ts: "1.000001", text: "hi", user: "U0ALICE" },
    });
    const now = Math.floor(Date.now() / 1000);
    const send = (body: string, headers: object) =>
      fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json", ...(headers as Record<string, string>) },
        body,
      });
    const inbox = await inboxCount();

    const forged = await send(envelope, signSlackRequest("not-the-secret", envelope, now));
    expect(forged.status).toBe(401);
    expect((await read(forged)).error.message).toMatch(/X-Slack-Signature does not match/);

    const stale = await send(envelope, signSlackRequest(SIGNING_SECRET, envelope, now - 6 * 60));
    expect(stale.status).toBe(401);
    expect((await read(stale)).error.message).toMatch(/more than 5 minutes/);

    const unsigned = await send(envelope, {});
    expect(unsigned.status).toBe(401);

    const malformed = "{not json";
    const bad = await send(malformed, signSlackRequest(SIGNING_SECRET, malformed, now));
    expect(bad.status).toBe(400);
    expect((await read(bad)).error.code).toBe("REQUEST.MALFORMED_JSON");

    const wrongShape = JSON.stringify({ type: "event_callback", event: { type: "message" } });
    const shape = await send(wrongShape, signSlackRequest(SIGNING_SECRET, wrongShape, now));
    expect(shape.status).toBe(400);
    expect(await inboxCount()).toBe(inbox);

    // Slack's URL check, signed like everything else.
    const challenge = await slack.verifyUrl("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
    expect(challenge).toMatchObject({
      status: 200,
      body: { challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" },
    });
  });

  it("mirrors only messages with the chosen reaction, and catches up when the mode changes", async () => {
    const { key, channel } = await declareWithChannel("U0BOB", "declare Search latency sev2", "search-latency");
    await eventually("the channel ready", async () => (await json(`/api/incidents/${key}/channel`)).state === "ready");
    const patched = await json(`/api/incidents/${key}/channel`, {
      method: "PATCH",
      json: { mirrorMode: "reaction", mirrorReaction: ":memo:" },
    });
    expect(patched).toMatchObject({ mirrorMode: "reaction", mirrorReaction: "memo", mirrorFrom: "incident" });
    const a = (await slack.postAs("U0BOB", channel.id, "looking at the dashboards")).ts!;
    const b = (await slack.postAs("U0BOB", channel.id, "p99 went from 80ms to 2s at 10:02")).ts!;
    await slack.reactAs("U0BOB", channel.id, b, "memo");
    await slack.reactAs("U0BOB", channel.id, a, "eyes");
    await slack.eventsSettled();
    const mirrored = await eventually("the memo'd message", async () => {
      const e = await chatEntries(key);
      return e.length === 1 ? e : false;
    });
    expect(mirrored[0]).toMatchObject({ body: "p99 went from 80ms to 2s at 10:02", data: { reactions: { memo: 1 } } });

    await json(`/api/incidents/${key}/channel`, { method: "PATCH", json: { mirrorMode: "all" } });
    expect((await chatEntries(key)).map((e) => e.data.ts)).toEqual([a, b]);

    const bad = await svc.api(`/api/incidents/${key}/channel`, { method: "PATCH", json: { mirrorMode: "reaction" } });
    expect(bad.status).toBe(400);
    expect((await read(bad)).error.message).toMatch(/mirrorReaction/);
  });

  it("answers /incident ack, note and resolve in the channel, and explains what it cannot do", async () => {
    const { key, channel } = await declareWithChannel("U0ALICE", "declare Payments failing sev1", "payments-failing");
    await eventually("the channel ready", async () => (await json(`/api/incidents/${key}/channel`)).state === "ready");

    expect(await command("U0ALICE", channel.id, "ack")).toEqual({
      response_type: "in_channel",
      text: `Alice Adams acknowledged ${key}`,
    });
    expect((await command("U0ALICE", channel.id, "note rolled back deploy 4411")).text).toBe(
      "Alice Adams added a note: rolled back deploy 4411",
    );
    expect((await command("U0ALICE", channel.id, "resolve")).text).toBe(`Alice Adams resolved ${key}`);
    const again = await command("U0ALICE", channel.id, "resolve");
    expect(again.response_type).toBe("ephemeral");

    const stranger = await command("U0CAROL", channel.id, "ack");
    expect(stranger).toMatchObject({ response_type: "ephemeral" });
    expect(stranger.text).toContain("U0CAROL");
    expect((await command("U0ALICE", "C0GENERAL", "ack")).text).toMatch(/works in an incident channel/);
    expect((await command("U0ALICE", channel.id, "frobnicate")).text).toMatch(/Unknown command `frobnicate`/);

    const types = (await timeline(key)).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(["incident.acknowledged", "note", "incident.resolved"]));
    // The status changes reach the channel as announcements; the note typed there is not echoed.
    const announced = await eventually("the announcements", async () => {
      const texts = slack
        .channelMessages(channel.id)
        .filter((m) => m.metadata?.event_type === "firewatch_timeline_entry")
        .map((m) => m.text);
      return texts.length >= 2 ? texts : false;
    });
    expect(announced.join("\n")).toContain(`acknowledged ${key}`);
    expect(announced.join("\n")).not.toContain("rolled back deploy 4411");
  });

  it("keeps announcements in order and loses none while Slack answers 429 ratelimited", async () => {
    const { key, channel } = await declareWithChannel("U0ALICE", "declare Queue backlog sev1", "queue-backlog");
    await eventually(
      "the channel ready",
      async () =>
        (await json(`/api/incidents/${key}/channel`)).readyAt !== null &&
        slack.channelMessages(channel.id).some((m) => m.pinned),
    );
    // https://docs.slack.dev/apis/web-api/rate-limits: HTTP 429, Retry-After in seconds, {ok:false, error:"ratelimited"}.
    slack.faults.next({
      status: 429,
      headers: { "Retry-After": "1" },
      times: 3,
      match: (r) => r.method === "chat.postMessage",
    });
    const notes = Array.from({ length: 6 }, (_, i) => `update ${i + 1}`);
    for (const body of notes) await json(`/api/incidents/${key}/notes`, { method: "POST", json: { body } });
    const posted = await eventually(
      "every note announced",
      async () => {
        const texts = slack
          .channelMessages(channel.id)
          .filter((m) => m.metadata?.event_type === "firewatch_timeline_entry")
          .map((m) => m.text ?? "");
        return texts.length === notes.length ? texts : false;
      },
      30_000,
    );
    expect(posted.map((t) => /update \d+/.exec(t)![0])).toEqual(notes);
    expect(slack.requests({ method: "chat.postMessage" }).filter((r) => r.outcome === 429)).toHaveLength(3);
  });

  it("shows a revoked Slack token as unhealthy, keeps the channel job waiting, and catches up once fixed", async () => {
    slack.setAuth("revoked");
    const key = /declared (INC-\d+)/.exec(
      (await command("U0ALICE", "C0GENERAL", "declare Token revoked sev1")).text,
    )![1]!;
    const slackHealth = async () => (await json("/api/integrations")).integrations.find((i: any) => i.name === "slack");
    const unhealthy = await eventually("slack unhealthy", async () =>
      (await slackHealth()).healthy === false ? slackHealth() : false,
    );
    expect(unhealthy).toMatchObject({
      configured: true,
      healthy: false,
      lastError: expect.stringContaining("token_revoked"),
    });
    const job = (await json("/api/jobs?state=pending&limit=500")).jobs.find(
      (j: any) => j.task === "chat.sync" && j.attempts === 0,
    );
    expect(job).toBeDefined();
    slack.setAuth("ok");
    await json(`/api/jobs/${job.id}/retry`, { method: "POST" });
    await eventually("the channel after the fix", async () => slack.channelByName(`inc-${key.slice(4)}-token-revoked`));
    await eventually("slack healthy again", async () => (await slackHealth()).healthy === true);
  });

  it("filters and pages the timeline, marks key moments and keeps a note's edit history", async () => {
    const incident = await json("/api/incidents", {
      method: "POST",
      json: { title: "Timeline API", severity: "SEV4" },
    });
    const key = incident.key;
    for (let i = 1; i <= 7; i++)
      await json(`/api/incidents/${key}/notes`, { method: "POST", json: { body: `note ${i}` } });
    const all = await timeline(key);
    const pages: any[] = [];
    let cursor: string | null = null;
    do {
      const page: any = await json(`/api/incidents/${key}/timeline?limit=3${cursor ? `&cursor=${cursor}` : ""}`);
      pages.push(...page.entries);
      cursor = page.nextCursor;
    } while (cursor);
    expect(pages.map((e) => e.id)).toEqual(all.map((e) => e.id));
    expect((await timeline(key, "&type=note")).map((e) => e.body)).toEqual(
      Array.from({ length: 7 }, (_, i) => `note ${i + 1}`),
    );
    expect(await timeline(key, "&source=slack")).toEqual([]);

    const note = all.find((e) => e.body === "note 3");
    const marked = await json(`/api/incidents/${key}/timeline/${note.id}`, {
      method: "PATCH",
      json: { keyMoment: true },
    });
    expect(marked.keyMoment).toBe(true);
    expect((await timeline(key, "&keyMoment=true")).map((e) => e.id)).toEqual([note.id]);

    const edited = await json(`/api/incidents/${key}/timeline/${note.id}`, {
      method: "PATCH",
      json: { body: "note 3 (root cause: expired cert)" },
    });
    expect(edited).toMatchObject({
      body: "note 3 (root cause: expired cert)",
      keyMoment: true,
      edits: [{ body: "note 3" }],
    });

    const triggered = all.find((e) => e.type === "incident.triggered");
    const refused = await svc.api(`/api/incidents/${key}/timeline/${triggered.id}`, {
      method: "PATCH",
      json: { body: "rewritten" },
    });
    expect(refused.status).toBe(409);
    expect((await read(refused)).error.code).toBe("TIMELINE.NOT_EDITABLE");
    for (const [query, status] of [
      ["?cursor=bm9wZQ", 400],
      ["?source=fax", 400],
      ["?limit=0", 400],
    ] as const) {
      expect((await svc.api(`/api/incidents/${key}/timeline${query}`)).status, query).toBe(status);
    }
    expect((await svc.api(`/api/incidents/INC-99999/timeline`)).status).toBe(404);
  });
});
