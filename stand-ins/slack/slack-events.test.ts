// People acting in Slack and the bot's own posts, delivered as signed Events API callbacks to a local receiver that
// verifies the signature with node:crypto; retries, stale timestamps, url_verification and slash commands.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LogLevel, WebClient } from "@slack/web-api";
import { BOT, SlackEmulator } from "./index.ts";
import { TestReceiver } from "./test-receiver.ts";

const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
let emu: SlackEmulator;
let web: WebClient;
let receiver: TestReceiver;

beforeEach(async () => {
  emu = new SlackEmulator({ botToken: "xoxb-test-123" });
  await emu.start();
  web = new WebClient(emu.botToken, { slackApiUrl: emu.apiUrl, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
  receiver = new TestReceiver(SECRET);
  emu.configureEvents({ url: await receiver.start(), signingSecret: SECRET, verificationToken: "verif-token" });
});

afterEach(async () => {
  const unexpected = emu.unexpected();
  await emu.stop();
  await receiver.stop();
  expect(unexpected).toEqual([]);
});

const events = () => receiver.received.map((r) => r.body.event);

describe("a person's actions arrive as signed event_callbacks", () => {
  it("postAs: a message event in Slack's envelope, signed v0 over the raw body", async () => {
    const before = Math.floor(Date.now() / 1000);
    const res = await emu.postAs("U0ALICE", "C0GENERAL", "db is down");
    expect(res).toEqual({
      ts: expect.stringMatching(/^\d{10}\.\d{6}$/),
      eventId: expect.stringMatching(/^Ev[A-Z0-9]+$/),
      status: 200,
    });
    const [req] = receiver.received;
    expect(req).toMatchObject({ signatureValid: true, fresh: true });
    expect(req!.headers["content-type"]).toBe("application/json");
    expect(Number(req!.headers["x-slack-request-timestamp"])).toBeGreaterThanOrEqual(before);
    expect(req!.headers["x-slack-retry-num"]).toBeUndefined();
    expect(req!.body).toEqual({
      token: "verif-token",
      team_id: "T0FIREWATCH",
      api_app_id: BOT.appId,
      event: {
        type: "message",
        channel: "C0GENERAL",
        user: "U0ALICE",
        text: "db is down",
        ts: res.ts,
        event_ts: res.ts,
        channel_type: "channel",
      },
      type: "event_callback",
      event_id: res.eventId,
      event_time: expect.any(Number),
      authorizations: [
        {
          enterprise_id: null,
          team_id: "T0FIREWATCH",
          user_id: BOT.userId,
          is_bot: true,
          is_enterprise_install: false,
        },
      ],
      is_ext_shared_channel: false,
      event_context: expect.stringMatching(/^4-/),
    });
    expect(req!.body.event_time).toBeGreaterThanOrEqual(before);
    expect(emu.deliveries()).toMatchObject([
      { eventId: res.eventId, type: "message", retryNum: 0, status: 200, body: req!.body },
    ]);
  });

  it("thread replies carry thread_ts and parent_user_id; DMs with the bot are channel_type im", async () => {
    const parent = await emu.postAs("U0ALICE", "C0GENERAL", "who is on call?");
    const reply = await emu.postAs("U0BOB", "C0GENERAL", "me", { threadTs: parent.ts });
    expect(events()[1]).toMatchObject({
      type: "message",
      user: "U0BOB",
      ts: reply.ts,
      thread_ts: parent.ts,
      parent_user_id: "U0ALICE",
    });
    const dm = (await web.conversations.open({ users: "U0CAROL" })).channel!.id!;
    await emu.postAs("U0CAROL", dm, "ack INC-4");
    expect(events()[2]).toMatchObject({ channel: dm, channel_type: "im", user: "U0CAROL", text: "ack INC-4" });
  });

  it("editAs → message_changed with message, previous_message and edited; only the author may edit", async () => {
    const { ts } = await emu.postAs("U0ALICE", "C0GENERAL", "sev2");
    const edit = await emu.editAs("U0ALICE", "C0GENERAL", ts!, "sev1");
    const e = events()[1];
    expect(e).toMatchObject({
      type: "message",
      subtype: "message_changed",
      hidden: true,
      channel: "C0GENERAL",
      channel_type: "channel",
      message: { type: "message", user: "U0ALICE", text: "sev1", ts, edited: { user: "U0ALICE" } },
      previous_message: { type: "message", user: "U0ALICE", text: "sev2", ts },
    });
    expect(e.message.edited.ts).toBe(e.ts);
    expect(e.event_ts).toBe(e.ts);
    expect(edit.status).toBe(200);
    await expect(emu.editAs("U0BOB", "C0GENERAL", ts!, "hijack")).rejects.toThrow(/cannot edit/);
  });

  it("deleteAs → message_deleted with deleted_ts and previous_message; history drops it, channelMessages flags it", async () => {
    const { ts } = await emu.postAs("U0ALICE", "C0GENERAL", "oops");
    await emu.deleteAs("U0ALICE", "C0GENERAL", ts!);
    expect(events()[1]).toMatchObject({
      type: "message",
      subtype: "message_deleted",
      hidden: true,
      channel: "C0GENERAL",
      deleted_ts: ts,
      previous_message: { user: "U0ALICE", text: "oops", ts },
    });
    expect((await web.conversations.history({ channel: "C0GENERAL" })).messages).toEqual([]);
    expect(emu.channelMessages("C0GENERAL")).toMatchObject([{ ts, deleted: true }]);
  });

  it("pinAs / unpinAs → pin_added / pin_removed with the pinned item, pin_count and event_ts", async () => {
    const { ts } = await emu.postAs("U0ALICE", "C0GENERAL", "Runbook: https://runbooks.example/db");
    await emu.pinAs("U0BOB", "C0GENERAL", ts!);
    await emu.unpinAs("U0BOB", "C0GENERAL", ts!);
    const [, added, removed] = events();
    expect(added).toMatchObject({
      type: "pin_added",
      user: "U0BOB",
      channel_id: "C0GENERAL",
      item: {
        type: "message",
        channel: "C0GENERAL",
        created_by: "U0BOB",
        created: expect.any(Number),
        message: {
          type: "message",
          user: "U0ALICE",
          ts,
          permalink: `https://firewatch.slack.com/archives/C0GENERAL/p${ts!.replace(".", "")}`,
          pinned_to: ["C0GENERAL"],
        },
      },
      item_user: "U0ALICE",
      pin_count: 1,
      event_ts: expect.stringMatching(/^\d{10}\.\d{6}$/),
    });
    expect(removed).toMatchObject({ type: "pin_removed", pin_count: 0, has_pins: false, item: { message: { ts } } });
    expect(removed.item.message.pinned_to).toBeUndefined();
  });

  it("reactAs / unreactAs → reaction_added / reaction_removed; item_user is the author, the bot included", async () => {
    const { ts } = await web.chat.postMessage({ channel: "C0GENERAL", text: "INC-5 opened" });
    await emu.eventsSettled();
    await emu.reactAs("U0ALICE", "C0GENERAL", ts!, "eyes");
    await emu.reactAs("U0BOB", "C0GENERAL", ts!, "eyes");
    expect(emu.channelMessages("C0GENERAL")[0]!.reactions).toEqual([
      { name: "eyes", users: ["U0ALICE", "U0BOB"], count: 2 },
    ]);
    await emu.unreactAs("U0ALICE", "C0GENERAL", ts!, "eyes");
    const reactions = events().filter((e) => e.type.startsWith("reaction_"));
    expect(reactions[0]).toEqual({
      type: "reaction_added",
      user: "U0ALICE",
      reaction: "eyes",
      item_user: BOT.userId,
      item: { type: "message", channel: "C0GENERAL", ts, channel_type: "channel" },
      event_ts: expect.stringMatching(/^\d{10}\.\d{6}$/),
    });
    expect(reactions[2]).toMatchObject({ type: "reaction_removed", user: "U0ALICE", reaction: "eyes" });
    expect(emu.channelMessages("C0GENERAL")[0]!.reactions).toEqual([{ name: "eyes", users: ["U0BOB"], count: 1 }]);
  });

  it("nothing is sent where the bot is not a member, nor before configureEvents; misuse throws", async () => {
    const outside = emu.addChannel({ name: "watercooler", members: ["U0ALICE"], botMember: false });
    expect(await emu.postAs("U0ALICE", outside, "lunch?")).toEqual({
      ts: expect.any(String),
      eventId: null,
      status: null,
    });
    expect(receiver.received).toEqual([]);
    const quiet = new SlackEmulator();
    await quiet.start();
    expect(await quiet.postAs("U0ALICE", "C0GENERAL", "hi")).toMatchObject({ eventId: null, status: null });
    await quiet.stop();
    await expect(emu.postAs("U0NOBODY", "C0GENERAL", "x")).rejects.toThrow(/no person/);
    await expect(emu.postAs("U0ERIN", "C0GENERAL", "x")).rejects.toThrow(/deactivated/);
    await expect(emu.postAs("U0BOB", outside, "x")).rejects.toThrow(/not in/);
  });
});

describe("the bot's own messages", () => {
  it("chat.postMessage / chat.update in a channel arrive as plain message events with bot_id and app_id; DMs stay out", async () => {
    const posted = await web.chat.postMessage({ channel: "C0GENERAL", text: "INC-6 opened" });
    await web.chat.update({ channel: "C0GENERAL", ts: posted.ts!, text: "INC-6 resolved" });
    await web.chat.postMessage({ channel: "U0ALICE", text: "You are paged for INC-6" });
    await emu.eventsSettled();
    const [msg, changed] = events();
    expect(events()).toHaveLength(2);
    expect(msg).toMatchObject({
      type: "message",
      channel: "C0GENERAL",
      user: BOT.userId,
      bot_id: BOT.botId,
      app_id: BOT.appId,
      text: "INC-6 opened",
      ts: posted.ts,
      channel_type: "channel",
    });
    expect(msg.subtype).toBeUndefined();
    expect(changed).toMatchObject({
      subtype: "message_changed",
      message: { bot_id: BOT.botId, text: "INC-6 resolved", edited: { user: BOT.userId } },
      previous_message: { text: "INC-6 opened" },
    });
    // How a receiver recognises its own messages: the bot user in authorizations, or its bot_id.
    const mine = receiver.received.filter(
      (r) => r.body.event.user === r.body.authorizations[0].user_id || r.body.event.message?.bot_id === BOT.botId,
    );
    expect(mine).toHaveLength(2);
  });
});

describe("delivery", () => {
  it("is sequential in call order, one request at a time, with unique event ids", async () => {
    receiver.answer = (r) => ({ status: 200, delayMs: r.body.event.text === "first" ? 80 : 0 });
    const results = await Promise.all(
      ["first", "second", "third"].map((text) => emu.postAs("U0ALICE", "C0GENERAL", text)),
    );
    expect(events().map((e) => e.text)).toEqual(["first", "second", "third"]);
    expect(receiver.maxInFlight).toBe(1);
    expect(new Set(results.map((r) => r.eventId)).size).toBe(3);
  });

  it("records the service's status; redeliver re-sends the same bytes with X-Slack-Retry-Num/-Reason, freshly signed", async () => {
    receiver.answer = () => ({ status: 500 });
    const first = await emu.postAs("U0ALICE", "C0GENERAL", "are you there?");
    expect(first.status).toBe(500);
    receiver.answer = () => ({ status: 200 });
    const retry = await emu.redeliver(first.eventId!, { retryNum: 1, reason: "http_error" });
    expect(retry).toMatchObject({ eventId: first.eventId, retryNum: 1, retryReason: "http_error", status: 200 });
    const [original, again] = receiver.received;
    expect(again!.rawBody).toBe(original!.rawBody);
    expect(again).toMatchObject({ signatureValid: true, fresh: true });
    expect(again!.headers["x-slack-retry-num"]).toBe("1");
    expect(again!.headers["x-slack-retry-reason"]).toBe("http_error");
    expect((await emu.redeliver(first.eventId!, { retryNum: 2 })).retryReason).toBe("http_timeout");
    expect(emu.deliveries().map((d) => [d.eventId, d.retryNum, d.status])).toEqual([
      [first.eventId, 0, 500],
      [first.eventId, 1, 200],
      [first.eventId, 2, 200],
    ]);
  });

  it("redeliver with an old timestamp: still a valid signature, but stale — a careful receiver refuses it", async () => {
    receiver.answer = (r) => ({ status: r.fresh ? 200 : 401 });
    const { eventId } = await emu.postAs("U0ALICE", "C0GENERAL", "replay me");
    const stale = await emu.redeliver(eventId!, { retryNum: 1, timestamp: Math.floor(Date.now() / 1000) - 600 });
    expect(stale.status).toBe(401);
    expect(receiver.received[1]).toMatchObject({ signatureValid: true, fresh: false });
  });

  it("a receiver holding another secret sees an invalid signature", async () => {
    const other = new TestReceiver("not-the-secret");
    emu.configureEvents({ url: await other.start(), signingSecret: SECRET });
    await emu.postAs("U0ALICE", "C0GENERAL", "signed with the real secret");
    await other.stop();
    expect(other.received).toMatchObject([{ signatureValid: false, fresh: true }]);
  });

  it("a receiver that does not answer in time or cannot be reached gives status 0", async () => {
    emu.configureEvents({ url: receiver.url, signingSecret: SECRET, timeoutMs: 50 });
    receiver.answer = () => ({ status: 200, delayMs: 300 });
    expect((await emu.postAs("U0ALICE", "C0GENERAL", "slow")).status).toBe(0);
    expect(emu.deliveries().at(-1)).toMatchObject({ status: 0, error: "http_timeout" });
    emu.configureEvents({ url: "http://127.0.0.1:9/slack/events", signingSecret: SECRET });
    expect((await emu.postAs("U0ALICE", "C0GENERAL", "nobody home")).status).toBe(0);
    expect(emu.deliveries().at(-1)!.error).toMatch(/^connection_failed/);
  });
});

describe("url_verification and slash commands", () => {
  it("verifyUrl sends {token, challenge, type}, signed, and returns the service's answer", async () => {
    receiver.answer = (r) => ({
      status: 200,
      contentType: "application/json",
      body: JSON.stringify({ challenge: r.body.challenge }),
    });
    const res = await emu.verifyUrl("3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P");
    expect(receiver.received[0]).toMatchObject({
      signatureValid: true,
      body: {
        token: "verif-token",
        challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P",
        type: "url_verification",
      },
    });
    expect(res).toEqual({ status: 200, body: { challenge: "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" } });
  });

  it("sendCommand POSTs a signed form with Slack's slash command fields and returns the parsed answer", async () => {
    receiver.answer = () => ({
      status: 200,
      contentType: "application/json",
      body: JSON.stringify({ response_type: "ephemeral", text: "INC-1 is open" }),
    });
    const res = await emu.sendCommand(receiver.url, {
      userId: "U0ALICE",
      channelId: "C0GENERAL",
      text: "status INC-1",
    });
    expect(res).toEqual({ status: 200, body: { response_type: "ephemeral", text: "INC-1 is open" } });
    const [req] = receiver.received;
    expect(req!.signatureValid).toBe(true);
    expect(req!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(req!.rawBody).toContain("command=%2Ffirewatch&text=status+INC-1");
    expect(req!.body).toEqual({
      token: "verif-token",
      team_id: "T0FIREWATCH",
      team_domain: "firewatch",
      channel_id: "C0GENERAL",
      channel_name: "general",
      user_id: "U0ALICE",
      user_name: "alice",
      command: "/firewatch",
      text: "status INC-1",
      api_app_id: BOT.appId,
      is_enterprise_install: "false",
      response_url: expect.stringMatching(new RegExp(`^${emu.baseUrl}/commands/T0FIREWATCH/`)),
      trigger_id: expect.stringMatching(/^\d+\.\d+\.[0-9a-f]{32}$/),
    });
    expect(emu.deliveries()).toMatchObject([{ eventId: null, type: "slash_command", status: 200 }]);
    receiver.answer = () => ({ status: 200, body: "Working on it" });
    expect(
      await emu.sendCommand(receiver.url, { userId: "U0BOB", channelId: "C0GENERAL", text: "help", command: "/fw" }),
    ).toEqual({ status: 200, body: "Working on it" });
    expect(receiver.received[1]!.body).toMatchObject({ command: "/fw", user_name: "bob" });
  });
});
