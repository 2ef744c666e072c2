// chat.postMessage (metadata, threads, membership), chat.update and pins.add/remove through the real WebClient.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LogLevel, WebAPIPlatformError, WebClient } from "@slack/web-api";
import { BOT, SlackEmulator } from "./index.ts";

let emu: SlackEmulator;
let web: WebClient;

beforeEach(async () => {
  emu = new SlackEmulator({ botToken: "xoxb-test-123" });
  await emu.start();
  web = new WebClient(emu.botToken, { slackApiUrl: emu.apiUrl, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
});

afterEach(async () => {
  const unexpected = emu.unexpected();
  await emu.stop();
  expect(unexpected).toEqual([]);
});

async function slackError(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(WebAPIPlatformError);
    return (err as WebAPIPlatformError).data.error;
  }
  throw new Error("expected the call to fail");
}

function rawForm(method: string, form: Record<string, string>): Promise<any> {
  return fetch(`${emu.apiUrl}${method}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${emu.botToken}`, "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form).toString(),
  }).then((r) => r.json());
}

describe("chat.postMessage", () => {
  it("stores the bot's message in the channel like anyone's, with metadata (a JSON string in the form body)", async () => {
    const metadata = { event_type: "incident_opened", event_payload: { key: "INC-9", severity: 1 } };
    const res = await web.chat.postMessage({ channel: "#general", text: "INC-9 opened", metadata });
    expect(res.message).toMatchObject({
      type: "message",
      user: BOT.userId,
      bot_id: BOT.botId,
      app_id: BOT.appId,
      text: "INC-9 opened",
      ts: res.ts,
      team: "T0FIREWATCH",
      bot_profile: { id: BOT.botId, app_id: BOT.appId },
    });
    expect(emu.requests({ method: "chat.postMessage" })[0]!.args.metadata).toBe(JSON.stringify(metadata));
    expect(emu.channelMessages("C0GENERAL")).toEqual([
      {
        ts: res.ts,
        user: BOT.userId,
        botId: BOT.botId,
        text: "INC-9 opened",
        blocks: null,
        threadTs: null,
        replyCount: 0,
        edited: null,
        pinned: false,
        reactions: [],
        deleted: false,
        metadata,
      },
    ]);
    expect(emu.messages()).toEqual([
      {
        channel: "C0GENERAL",
        user: null,
        text: "INC-9 opened",
        blocks: null,
        metadata,
        ts: res.ts,
        postedAt: expect.any(Number),
      },
    ]);
  });

  it("thread_ts makes a reply (kept out of history, counted on the parent)", async () => {
    const parent = await emu.postAs("U0ALICE", "C0GENERAL", "anyone on call?");
    const reply = await web.chat.postMessage({ channel: "C0GENERAL", text: "Paging Bob", thread_ts: parent.ts });
    expect(reply.message).toMatchObject({ thread_ts: parent.ts, parent_user_id: "U0ALICE" });
    expect(emu.channelMessages("C0GENERAL")).toMatchObject([{ ts: parent.ts, replyCount: 1 }]);
    expect(emu.channelMessages("C0GENERAL", { includeReplies: true })).toMatchObject([
      { ts: parent.ts },
      { ts: reply.ts, threadTs: parent.ts, botId: BOT.botId },
    ]);
    expect(await slackError(web.chat.postMessage({ channel: "C0GENERAL", text: "x", thread_ts: "0" }))).toBe(
      "invalid_thread_ts",
    );
  });

  it("not_in_channel outside a channel the bot is in; channel_not_found for a private one it cannot see", async () => {
    const outside = emu.addChannel({ name: "watercooler", members: ["U0ALICE"], botMember: false });
    expect(await slackError(web.chat.postMessage({ channel: outside, text: "hi" }))).toBe("not_in_channel");
    const hidden = emu.addChannel({ name: "secret", isPrivate: true, botMember: false });
    expect(await slackError(web.chat.postMessage({ channel: hidden, text: "hi" }))).toBe("channel_not_found");
    expect(await slackError(web.chat.postMessage({ channel: "#secret", text: "hi" }))).toBe("channel_not_found");
    expect(emu.channelMessages(outside)).toEqual([]);
  });

  it("invalid_metadata_format for metadata that is not a JSON object, invalid_metadata_schema without event_type", async () => {
    expect(await rawForm("chat.postMessage", { channel: "C0GENERAL", text: "x", metadata: "{not json" })).toEqual({
      ok: false,
      error: "invalid_metadata_format",
    });
    expect(
      await rawForm("chat.postMessage", {
        channel: "C0GENERAL",
        text: "x",
        metadata: JSON.stringify({ event_payload: {} }),
      }),
    ).toEqual({ ok: false, error: "invalid_metadata_schema" });
  });

  it("ts is <unix seconds>.<6 digits>, from the clock and strictly increasing", async () => {
    const before = Date.now() / 1000;
    const ts: string[] = [];
    for (let i = 0; i < 20; i++) ts.push((await web.chat.postMessage({ channel: "C0GENERAL", text: `n${i}` })).ts!);
    for (const t of ts) expect(t).toMatch(/^\d{10}\.\d{6}$/);
    expect(Number(ts[0])).toBeGreaterThanOrEqual(Math.floor(before));
    expect(Number(ts.at(-1))).toBeLessThanOrEqual(Date.now() / 1000 + 1);
    for (let i = 1; i < ts.length; i++) expect(ts[i]! > ts[i - 1]!).toBe(true);
    expect(new Set(ts).size).toBe(ts.length);
  });
});

describe("chat.update", () => {
  it("updates the bot's message, keeps omitted blocks, and records edited", async () => {
    const blocks = [{ type: "section", text: { type: "mrkdwn", text: "*INC-9* open" } }];
    const posted = await web.chat.postMessage({ channel: "C0GENERAL", text: "INC-9 open", blocks });
    const res = await web.chat.update({
      channel: "C0GENERAL",
      ts: posted.ts!,
      text: "INC-9 resolved",
      metadata: { event_type: "incident_resolved", event_payload: { key: "INC-9" } },
    });
    expect(res).toMatchObject({
      ok: true,
      channel: "C0GENERAL",
      ts: posted.ts,
      text: "INC-9 resolved",
      message: { text: "INC-9 resolved", blocks, edited: { user: BOT.userId } },
    });
    const [stored] = emu.channelMessages("C0GENERAL");
    expect(stored).toMatchObject({
      text: "INC-9 resolved",
      blocks,
      edited: { user: BOT.userId, ts: expect.stringMatching(/^\d{10}\.\d{6}$/) },
      metadata: { event_type: "incident_resolved" },
    });
    expect(stored!.edited!.ts > posted.ts!).toBe(true);
    await web.chat.update({ channel: "C0GENERAL", ts: posted.ts!, text: "INC-9 resolved", blocks: [] });
    expect(emu.channelMessages("C0GENERAL")[0]!.blocks).toBeNull();
  });

  it("message_not_found, cant_update_message (someone else's message), channel_not_found", async () => {
    const alice = await emu.postAs("U0ALICE", "C0GENERAL", "mine");
    expect(await slackError(web.chat.update({ channel: "C0GENERAL", ts: "1700000000.000001", text: "x" }))).toBe(
      "message_not_found",
    );
    expect(await slackError(web.chat.update({ channel: "C0GENERAL", ts: alice.ts!, text: "x" }))).toBe(
      "cant_update_message",
    );
    expect(await slackError(web.chat.update({ channel: "C0NOPE", ts: alice.ts!, text: "x" }))).toBe(
      "channel_not_found",
    );
    expect(emu.channelMessages("C0GENERAL")[0]!.text).toBe("mine");
  });
});

describe("pins.add / pins.remove", () => {
  it("pins and unpins a message; already_pinned, no_pin, message_not_found, no_item_specified, bad_timestamp", async () => {
    const { ts } = await web.chat.postMessage({ channel: "C0GENERAL", text: "Runbook: https://runbooks.example/db" });
    expect((await web.pins.add({ channel: "C0GENERAL", timestamp: ts! })).ok).toBe(true);
    expect(emu.channelMessages("C0GENERAL")[0]!.pinned).toBe(true);
    expect(await slackError(web.pins.add({ channel: "C0GENERAL", timestamp: ts! }))).toBe("already_pinned");
    expect((await web.pins.remove({ channel: "C0GENERAL", timestamp: ts! })).ok).toBe(true);
    expect(await slackError(web.pins.remove({ channel: "C0GENERAL", timestamp: ts! }))).toBe("no_pin");
    expect(await slackError(web.pins.add({ channel: "C0GENERAL", timestamp: "1700000000.000001" }))).toBe(
      "message_not_found",
    );
    expect(await slackError(web.apiCall("pins.add", { channel: "C0GENERAL" }))).toBe("no_item_specified");
    expect(await slackError(web.pins.add({ channel: "C0GENERAL", timestamp: "noon" }))).toBe("bad_timestamp");
    expect(await slackError(web.pins.add({ channel: "C0NOPE", timestamp: ts! }))).toBe("channel_not_found");
  });
});
