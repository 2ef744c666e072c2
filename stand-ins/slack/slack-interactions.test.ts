// Buttons: actions blocks and button elements checked as Slack checks them, chat.postEphemeral, clicks delivered as
// signed block_actions forms to a local receiver, and the response_url the service may answer through.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LogLevel, WebAPIPlatformError, WebClient } from "@slack/web-api";
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
  emu.configureInteractivity({ url: await receiver.start(), signingSecret: SECRET });
});

afterEach(async () => {
  const unexpected = emu.unexpected();
  await emu.stop();
  await receiver.stop();
  expect(unexpected).toEqual([]);
});

async function slackError(p: Promise<unknown>): Promise<{ error: string; errors?: string[] }> {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(WebAPIPlatformError);
    return (err as WebAPIPlatformError).data as { error: string; errors?: string[] };
  }
  throw new Error("expected the call to fail");
}

const button = (actionId: string, extra: Record<string, unknown> = {}) => ({
  type: "button",
  text: { type: "plain_text", text: actionId },
  action_id: actionId,
  value: "INC-7",
  ...extra,
});

const incidentBlocks = [
  { type: "section", text: { type: "mrkdwn", text: "*INC-7* db is down" } },
  {
    type: "actions",
    block_id: "incident:INC-7",
    elements: [button("ack", { style: "primary" }), button("resolve"), button("escalate", { style: "danger" })],
  },
];

describe("actions blocks and buttons", () => {
  it("accepts buttons within Slack's limits and stores them as posted", async () => {
    const res = await web.chat.postMessage({ channel: "C0GENERAL", text: "INC-7", blocks: incidentBlocks });
    expect(emu.channelMessages("C0GENERAL")[0]!.blocks).toEqual(incidentBlocks);
    expect(res.ok).toBe(true);
  });

  it.each([
    ["too long a text", button("a", { text: { type: "plain_text", text: "x".repeat(76) } }), "/elements/0/text/text"],
    ["mrkdwn text", button("a", { text: { type: "mrkdwn", text: "ok" } }), "/elements/0/text/type"],
    ["too long an action_id", button("a", { action_id: "a".repeat(256) }), "/elements/0/action_id"],
    ["too long a value", button("a", { value: "v".repeat(2001) }), "/elements/0/value"],
    ["an unknown style", button("a", { style: "secondary" }), "/elements/0/style"],
    ["an unknown field", button("a", { colour: "red" }), "/elements/0"],
    ["an unknown element", { type: "fancy_button", action_id: "a" }, "/elements/0/type"],
  ])("rejects %s with invalid_blocks", async (_, element, pointer) => {
    const data = await slackError(
      web.chat.postMessage({
        channel: "C0GENERAL",
        text: "x",
        blocks: [{ type: "actions", elements: [element] }] as never,
      }),
    );
    expect(data.error).toBe("invalid_blocks");
    expect(data.errors).toEqual([expect.stringContaining(`[json-pointer:/blocks/0${pointer}]`)]);
  });

  it("rejects an empty actions block, more than 25 elements and a duplicate action_id", async () => {
    for (const elements of [[], Array.from({ length: 26 }, (_, i) => button(`b${i}`)), [button("a"), button("a")]]) {
      const data = await slackError(
        web.chat.postMessage({ channel: "C0GENERAL", text: "x", blocks: [{ type: "actions", elements }] as never }),
      );
      expect(data.error).toBe("invalid_blocks");
    }
    expect(emu.channelMessages("C0GENERAL")).toEqual([]);
  });

  it("checks a button a section carries as its accessory", async () => {
    const blocks = [{ type: "section", text: { type: "mrkdwn", text: "x" }, accessory: button("a", { style: "x" }) }];
    expect((await slackError(web.chat.postMessage({ channel: "C0GENERAL", text: "x", blocks }))).errors).toEqual([
      expect.stringContaining("[json-pointer:/blocks/0/accessory/style]"),
    ]);
  });
});

describe("chat.postEphemeral", () => {
  it("shows a message to one member, outside the channel's history", async () => {
    const res = await web.chat.postEphemeral({ channel: "C0GENERAL", user: "U0ALICE", text: "Only you see this" });
    expect(res).toMatchObject({ ok: true, message_ts: expect.stringMatching(/^\d{10}\.\d{6}$/) });
    expect(emu.ephemerals({ user: "U0ALICE" })).toEqual([
      {
        channel: "C0GENERAL",
        user: "U0ALICE",
        ts: res.message_ts,
        text: "Only you see this",
        blocks: null,
        threadTs: null,
        postedAt: expect.any(Number),
      },
    ]);
    expect(emu.ephemerals({ user: "U0BOB" })).toEqual([]);
    expect(emu.channelMessages("C0GENERAL")).toEqual([]);
    expect((await web.conversations.history({ channel: "C0GENERAL" })).messages).toEqual([]);
  });

  it("answers user_not_in_channel for a person outside the conversation; a DM's members are the bot and the person", async () => {
    const ops = emu.addChannel({ name: "ops", members: ["U0ALICE"] });
    expect((await slackError(web.chat.postEphemeral({ channel: ops, user: "U0BOB", text: "x" }))).error).toBe(
      "user_not_in_channel",
    );
    const dm = (await web.conversations.open({ users: "U0BOB" })).channel!.id!;
    await web.chat.postEphemeral({ channel: dm, user: "U0BOB", text: "for bob" });
    expect((await slackError(web.chat.postEphemeral({ channel: dm, user: "U0ALICE", text: "x" }))).error).toBe(
      "user_not_in_channel",
    );
    expect(emu.ephemerals({ channel: dm })).toMatchObject([{ user: "U0BOB", text: "for bob" }]);
  });

  it("answers channel_not_found, no_text and invalid_blocks", async () => {
    const post = (args: Record<string, unknown>) =>
      slackError(web.chat.postEphemeral({ channel: "C0GENERAL", user: "U0ALICE", ...args } as never));
    expect((await post({ channel: "C0NOPE", text: "x" })).error).toBe("channel_not_found");
    expect((await post({ text: "" })).error).toBe("no_text");
    expect((await post({ text: "x", blocks: [{ type: "actions", elements: [] }] })).error).toBe("invalid_blocks");
  });
});

describe("a click on a button", () => {
  async function postIncident(): Promise<string> {
    return (await web.chat.postMessage({ channel: "C0GENERAL", text: "INC-7 db is down", blocks: incidentBlocks })).ts!;
  }

  it("POSTs a signed form with one field, payload, holding Slack's block_actions JSON", async () => {
    receiver.answer = () => ({ status: 200 });
    const ts = await postIncident();
    expect(await emu.click("U0ALICE", "C0GENERAL", ts, "escalate")).toEqual({ status: 200, body: "" });
    const [req] = receiver.received;
    expect(req).toMatchObject({ signatureValid: true, fresh: true });
    expect(req!.headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(Object.keys(req!.body)).toEqual(["payload"]);
    const payload = JSON.parse(req!.body.payload as string);
    expect(payload).toEqual({
      type: "block_actions",
      user: { id: "U0ALICE", username: "alice", name: "alice", team_id: "T0FIREWATCH" },
      api_app_id: BOT.appId,
      token: "emulator-verification-token",
      container: { type: "message", message_ts: ts, channel_id: "C0GENERAL", is_ephemeral: false },
      trigger_id: expect.stringMatching(/^\d+\.\d+\.[0-9a-f]{32}$/),
      team: { id: "T0FIREWATCH", domain: "firewatch" },
      enterprise: null,
      is_enterprise_install: false,
      channel: { id: "C0GENERAL", name: "general" },
      message: expect.objectContaining({
        type: "message",
        user: BOT.userId,
        bot_id: BOT.botId,
        ts,
        blocks: incidentBlocks,
      }),
      state: { values: {} },
      response_url: expect.stringMatching(new RegExp(`^${emu.baseUrl}/actions/T0FIREWATCH/`)),
      actions: [
        {
          action_id: "escalate",
          block_id: "incident:INC-7",
          text: { type: "plain_text", text: "escalate" },
          value: "INC-7",
          style: "danger",
          type: "button",
          action_ts: expect.stringMatching(/^\d{10}\.\d{6}$/),
        },
      ],
    });
    expect(emu.deliveries()).toMatchObject([{ type: "block_actions", status: 200 }]);
  });

  it("signs with another secret on request, so a forged click fails verification", async () => {
    const ts = await postIncident();
    receiver.answer = (req) => ({ status: req.signatureValid ? 200 : 401, body: req.signatureValid ? "" : "bad" });
    expect(await emu.click("U0BOB", "C0GENERAL", ts, "ack", { signingSecret: "wrong" })).toEqual({
      status: 401,
      body: "bad",
    });
    expect(receiver.received[0]!.signatureValid).toBe(false);
  });

  it("throws in the test for a button, message or person that is not there", async () => {
    const ts = await postIncident();
    await expect(emu.click("U0ALICE", "C0GENERAL", ts, "snooze")).rejects.toThrow(/no button with action_id snooze/);
    await expect(emu.click("U0ALICE", "C0GENERAL", "1.000001", "ack")).rejects.toThrow(/no message/);
    await expect(emu.click("U0NOBODY", "C0GENERAL", ts, "ack")).rejects.toThrow(/no person/);
    expect(receiver.received).toEqual([]);
  });

  it("records what the service POSTs to the response_url; refuses bad bodies and unknown URLs", async () => {
    const ts = await postIncident();
    await emu.click("U0ALICE", "C0GENERAL", ts, "ack");
    const responseUrl = JSON.parse(receiver.received[0]!.body.payload as string).response_url as string;
    const post = (url: string, body: string) =>
      fetch(url, { method: "POST", headers: { "Content-Type": "application/json" }, body }).then(async (r) => [
        r.status,
        await r.text(),
      ]);
    const reply = { replace_original: false, response_type: "ephemeral", text: "Acknowledged INC-7" };
    expect(await post(responseUrl, JSON.stringify(reply))).toEqual([200, "ok"]);
    expect(await post(responseUrl, "not json")).toEqual([400, "invalid_payload"]);
    const badBlocks = JSON.stringify({ blocks: [{ type: "actions", elements: [] }] });
    expect(await post(responseUrl, badBlocks)).toEqual([400, "invalid_blocks"]);
    expect(await post(`${emu.baseUrl}/actions/T0FIREWATCH/1/nope`, "{}")).toEqual([404, "no_active_hooks"]);
    expect(emu.responses()).toEqual([
      { url: responseUrl, actionId: "ack", body: reply, status: 200, receivedAt: expect.any(Number) },
      { url: responseUrl, actionId: "ack", body: "not json", status: 400, receivedAt: expect.any(Number) },
      {
        url: responseUrl,
        actionId: "ack",
        body: JSON.parse(badBlocks),
        status: 400,
        receivedAt: expect.any(Number),
      },
    ]);
  });
});
