// conversations.create / invite / list / history through the real @slack/web-api WebClient.
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

/** Slack's `error` (and the rest of the ok:false body) of a failed call. */
async function slackError(p: Promise<unknown>): Promise<Record<string, any>> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(WebAPIPlatformError);
    return (err as WebAPIPlatformError).data;
  }
  throw new Error("expected the call to fail");
}

describe("conversations.create", () => {
  it("creates a channel the bot is in and answers Slack's conversation object", async () => {
    const before = Math.floor(Date.now() / 1000);
    const res = await web.conversations.create({ name: "inc-42-db-down" });
    expect(res.channel).toMatchObject({
      name: "inc-42-db-down",
      name_normalized: "inc-42-db-down",
      is_channel: true,
      is_group: false,
      is_im: false,
      is_private: false,
      is_archived: false,
      is_general: false,
      is_member: true,
      creator: BOT.userId,
      last_read: "0000000000.000000",
      topic: { value: "" },
      purpose: { value: "" },
      previous_names: [],
    });
    expect(res.channel!.id).toMatch(/^C[A-Z0-9]+$/);
    expect(res.channel!.created).toBeGreaterThanOrEqual(before);
    expect(emu.channelByName("inc-42-db-down")).toMatchObject({
      id: res.channel!.id,
      isPrivate: false,
      creator: BOT.userId,
      members: [BOT.userId],
    });
    const secret = await web.conversations.create({ name: "inc-43_private", is_private: true });
    expect(secret.channel).toMatchObject({ is_private: true, is_member: true });
  });

  it.each([
    ["", "invalid_name_required"],
    ["Incident-42", "invalid_name_specials"],
    ["inc 42", "invalid_name_specials"],
    ["#inc-42", "invalid_name_specials"],
    ["a".repeat(81), "invalid_name_maxlength"],
    ["--__", "invalid_name_punctuation"],
    ["general", "name_taken"],
  ])("name %j answers %s", async (name, error) => {
    expect((await slackError(web.conversations.create({ name }))).error).toBe(error);
  });

  it("accepts exactly 80 characters", async () => {
    expect((await web.conversations.create({ name: "a".repeat(80) })).ok).toBe(true);
  });
});

describe("conversations.invite", () => {
  it("adds people and answers the channel", async () => {
    const { channel } = await web.conversations.create({ name: "inc-1" });
    const res = await web.conversations.invite({ channel: channel!.id!, users: "U0ALICE,U0BOB" });
    expect(res.channel).toMatchObject({ id: channel!.id, name: "inc-1", is_member: true });
    expect(emu.members(channel!.id!).sort()).toEqual(["U0ALICE", "U0BOB", BOT.userId].sort());
  });

  it("already_in_channel only when every listed user already is a member; members among new ones are skipped", async () => {
    const { channel } = await web.conversations.create({ name: "inc-2" });
    await web.conversations.invite({ channel: channel!.id!, users: "U0ALICE" });
    expect(await slackError(web.conversations.invite({ channel: channel!.id!, users: "U0ALICE" }))).toMatchObject({
      error: "already_in_channel",
      errors: [{ user: "U0ALICE", ok: false, error: "already_in_channel" }],
    });
    expect((await web.conversations.invite({ channel: channel!.id!, users: "U0ALICE,U0CAROL" })).ok).toBe(true);
    expect(emu.members(channel!.id!)).toContain("U0CAROL");
  });

  it("one refused user fails the whole call and lists every refusal; force invites the valid ones", async () => {
    const { channel } = await web.conversations.create({ name: "inc-3" });
    const data = await slackError(web.conversations.invite({ channel: channel!.id!, users: "U0BOB,U0NOBODY,U0ERIN" }));
    expect(data).toMatchObject({
      error: "user_not_found",
      errors: [
        { user: "U0NOBODY", ok: false, error: "user_not_found" },
        { user: "U0ERIN", ok: false, error: "cant_invite" },
      ],
    });
    expect(emu.members(channel!.id!)).toEqual([BOT.userId]);
    expect((await web.conversations.invite({ channel: channel!.id!, users: "U0BOB,U0NOBODY", force: true })).ok).toBe(
      true,
    );
    expect(emu.members(channel!.id!)).toContain("U0BOB");
  });

  it("channel_not_found, not_in_channel, no_user, cant_invite_self, method_not_supported_for_channel_type", async () => {
    expect((await slackError(web.conversations.invite({ channel: "C0NOPE", users: "U0ALICE" }))).error).toBe(
      "channel_not_found",
    );
    const outside = emu.addChannel({ name: "watercooler", members: ["U0ALICE"], botMember: false });
    expect((await slackError(web.conversations.invite({ channel: outside, users: "U0BOB" }))).error).toBe(
      "not_in_channel",
    );
    const hidden = emu.addChannel({ name: "secret", isPrivate: true, members: ["U0ALICE"], botMember: false });
    expect((await slackError(web.conversations.invite({ channel: hidden, users: "U0BOB" }))).error).toBe(
      "channel_not_found",
    );
    const { channel } = await web.conversations.create({ name: "inc-4" });
    expect((await slackError(web.conversations.invite({ channel: channel!.id!, users: "" }))).error).toBe("no_user");
    expect((await slackError(web.conversations.invite({ channel: channel!.id!, users: BOT.userId }))).error).toBe(
      "cant_invite_self",
    );
    const dm = (await web.conversations.open({ users: "U0ALICE" })).channel!.id!;
    expect((await slackError(web.conversations.invite({ channel: dm, users: "U0BOB" }))).error).toBe(
      "method_not_supported_for_channel_type",
    );
  });
});

describe("conversations.list", () => {
  it("lists public channels by default, pages with next_cursor and ends with an empty one", async () => {
    for (const name of ["inc-a", "inc-b", "inc-c"]) await web.conversations.create({ name });
    await web.conversations.create({ name: "inc-private", is_private: true });
    emu.addChannel({ name: "not-mine", isPrivate: true, botMember: false });
    const names: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await web.conversations.list({ limit: 2, cursor });
      names.push(...res.channels!.map((c) => c.name!));
      cursor = res.response_metadata!.next_cursor!;
      pages += 1;
    } while (cursor !== "");
    expect(names).toEqual(["general", "inc-a", "inc-b", "inc-c"]);
    expect(pages).toBe(2);
    const all = await web.conversations.list({ types: "public_channel,private_channel" });
    expect(all.channels!.map((c) => c.name)).toEqual(["general", "inc-a", "inc-b", "inc-c", "inc-private"]);
    expect(all.channels![0]).toMatchObject({
      id: "C0GENERAL",
      is_general: true,
      is_member: true,
      num_members: 4,
      is_private: false,
    });
    expect(all.response_metadata?.next_cursor).toBe("");
  });

  it("works with WebClient.paginate, exclude_archived, DMs as im, and answers invalid_types / invalid_cursor / invalid_limit", async () => {
    await web.conversations.create({ name: "old-incident" });
    emu.archive(emu.channelByName("old-incident")!.id);
    await web.conversations.open({ users: "U0ALICE" });
    const pages: string[][] = [];
    for await (const page of web.paginate("conversations.list", { limit: 1 }))
      pages.push(((page as { channels?: { name: string }[] }).channels ?? []).map((c) => c.name));
    expect(pages).toEqual([["general"], ["old-incident"]]);
    expect((await web.conversations.list({ exclude_archived: true })).channels!.map((c) => c.name)).toEqual([
      "general",
    ]);
    expect((await web.conversations.list({ types: "im" })).channels).toEqual([
      {
        id: emu.dmChannel("U0ALICE"),
        created: expect.any(Number),
        is_im: true,
        is_org_shared: false,
        user: "U0ALICE",
        is_user_deleted: false,
        priority: 0,
      },
    ]);
    expect((await slackError(web.conversations.list({ types: "public" as any }))).error).toBe("invalid_types");
    expect((await slackError(web.conversations.list({ cursor: "bm9wZQ==" }))).error).toBe("invalid_cursor");
    expect((await slackError(web.conversations.list({ limit: 1000 }))).error).toBe("invalid_limit");
  });
});

describe("conversations.history", () => {
  it("answers newest first in Slack's message shape, people and bot alike, without thread replies", async () => {
    const a = await emu.postAs("U0ALICE", "C0GENERAL", "db is slow");
    const bot = await web.chat.postMessage({
      channel: "C0GENERAL",
      text: "INC-7 opened",
      metadata: { event_type: "incident_opened", event_payload: { key: "INC-7" } },
    });
    await emu.postAs("U0BOB", "C0GENERAL", "looking", { threadTs: a.ts });
    await emu.reactAs("U0BOB", "C0GENERAL", a.ts!, "eyes");
    await emu.pinAs("U0BOB", "C0GENERAL", bot.ts!);
    await emu.editAs("U0ALICE", "C0GENERAL", a.ts!, "db is very slow");
    const res = await web.conversations.history({ channel: "C0GENERAL" });
    expect(res).toMatchObject({ ok: true, has_more: false, pin_count: 1, response_metadata: { next_cursor: "" } });
    expect(res.messages).toHaveLength(2);
    const [botMsg, alice] = res.messages!;
    expect(botMsg).toMatchObject({
      type: "message",
      user: BOT.userId,
      bot_id: BOT.botId,
      app_id: BOT.appId,
      text: "INC-7 opened",
      ts: bot.ts,
      pinned_to: ["C0GENERAL"],
    });
    expect(botMsg!.subtype).toBeUndefined();
    expect(botMsg!.metadata).toBeUndefined();
    expect(alice).toMatchObject({
      type: "message",
      user: "U0ALICE",
      text: "db is very slow",
      ts: a.ts,
      thread_ts: a.ts,
      reply_count: 1,
      reply_users: ["U0BOB"],
      reply_users_count: 1,
      reactions: [{ name: "eyes", users: ["U0BOB"], count: 1 }],
      edited: { user: "U0ALICE", ts: expect.stringMatching(/^\d{10}\.\d{6}$/) },
    });
    expect(alice!.bot_id).toBeUndefined();
    const withMeta = await web.conversations.history({ channel: "C0GENERAL", include_all_metadata: true });
    expect(withMeta.messages![0]!.metadata).toEqual({ event_type: "incident_opened", event_payload: { key: "INC-7" } });
  });

  it("pages with limit and cursor (has_more, next_cursor), and bounds by oldest / latest / inclusive", async () => {
    const ts: string[] = [];
    for (let i = 1; i <= 5; i++) ts.push((await emu.postAs("U0ALICE", "C0GENERAL", `m${i}`)).ts!);
    const seen: string[] = [];
    let cursor: string | undefined;
    for (;;) {
      const res = await web.conversations.history({ channel: "C0GENERAL", limit: 2, cursor });
      seen.push(...res.messages!.map((m) => m.text!));
      expect(res.has_more).toBe(res.response_metadata!.next_cursor !== "");
      if (!res.has_more) break;
      cursor = res.response_metadata!.next_cursor;
    }
    expect(seen).toEqual(["m5", "m4", "m3", "m2", "m1"]);
    const texts = async (args: Record<string, unknown>) =>
      (await web.conversations.history({ channel: "C0GENERAL", ...args })).messages!.map((m) => m.text);
    expect(await texts({ oldest: ts[1], latest: ts[3] })).toEqual(["m3"]);
    expect(await texts({ oldest: ts[1], latest: ts[3], inclusive: true })).toEqual(["m4", "m3", "m2"]);
    expect((await web.conversations.history({ channel: "C0GENERAL", latest: ts[1] })).latest).toBe(ts[1]);
  });

  it("channel_not_found, not_in_channel, invalid_ts_latest, invalid_cursor", async () => {
    expect((await slackError(web.conversations.history({ channel: "C0NOPE" }))).error).toBe("channel_not_found");
    const outside = emu.addChannel({ name: "watercooler", members: ["U0ALICE"], botMember: false });
    expect((await slackError(web.conversations.history({ channel: outside }))).error).toBe("not_in_channel");
    expect((await slackError(web.conversations.history({ channel: "C0GENERAL", latest: "yesterday" }))).error).toBe(
      "invalid_ts_latest",
    );
    expect((await slackError(web.conversations.history({ channel: "C0GENERAL", cursor: "garbage" }))).error).toBe(
      "invalid_cursor",
    );
  });
});
