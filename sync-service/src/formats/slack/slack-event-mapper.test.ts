// Real Events API payload shapes (test/fixtures/slack, copied from Slack's documentation; provenance in
// its README) through the mapper: what each means for an incident channel.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { slackEnvelope, toChatEvent } from "./slack-event-mapper.ts";

const fixture = (name: string) =>
  JSON.parse(fs.readFileSync(new URL(`../../../../test/fixtures/slack/${name}`, import.meta.url), "utf8"));

function callback(body: unknown) {
  const parsed = slackEnvelope.parse(body);
  if (parsed.type !== "event_callback") throw new Error("not a callback");
  return parsed;
}

describe("Slack events → chat events", () => {
  it("reads url_verification (https://docs.slack.dev/reference/events/url_verification)", () => {
    expect(slackEnvelope.parse(fixture("url-verification.json"))).toMatchObject({
      type: "url_verification",
      challenge: expect.any(String),
    });
  });

  it.each([
    [
      "message.json",
      {
        kind: "posted",
        channelId: "C123ABC456",
        ts: "1355517523.000005",
        userId: "U123ABC456",
        text: "Live long and prospect.",
        threadTs: null,
      },
    ],
    [
      "thread-reply.json",
      {
        kind: "posted",
        ts: "1509484424.000601",
        userId: "U2U85N1RZ",
        text: "This is a thread reply",
        threadTs: "1485913694.000025",
      },
    ],
    [
      "message-changed.json",
      {
        kind: "edited",
        ts: "1355517523.000005",
        userId: "U123ABC456",
        text: "Hello, world!",
        eventTs: "1358878755.000001",
      },
    ],
    ["message-deleted.json", { kind: "deleted", ts: "1358878749.000002", eventTs: "1358878755.000001" }],
    [
      "pin-added.json",
      {
        kind: "pinned",
        channelId: "C123ABC456",
        ts: "1508197641.000151",
        eventTs: "1360782804.083113",
        message: { userId: "U123ABC456", text: "What is the meaning of life?" },
      },
    ],
    [
      "reaction-added.json",
      {
        kind: "reaction_added",
        channelId: "C123ABC456",
        ts: "1360782400.498405",
        userId: "U123ABC456",
        reaction: "thumbsup",
      },
    ],
  ])("maps %s", (file, expected) => {
    expect(toChatEvent(callback(fixture(file)))).toMatchObject(expected);
  });

  const ownApp = (event: Record<string, unknown>) => ({
    ...fixture("message.json"),
    api_app_id: "A0FIREWATCH",
    authorizations: [{ team_id: "T1", user_id: "U0FWBOT", is_bot: true, is_enterprise_install: false }],
    event,
  });

  it("drops our own app's messages, edits, deletes, pins and reactions on them", () => {
    const mine = {
      type: "message",
      channel: "C1",
      ts: "1.000001",
      text: "summary",
      user: "U0FWBOT",
      bot_id: "B0FWBOT",
      app_id: "A0FIREWATCH",
    };
    expect(toChatEvent(callback(ownApp(mine)))).toBeNull();
    expect(
      toChatEvent(
        callback(
          ownApp({
            type: "message",
            subtype: "message_changed",
            channel: "C1",
            ts: "2.0",
            message: { ...mine, edited: { user: "U0FWBOT", ts: "2.0" } },
          }),
        ),
      ),
    ).toBeNull();
    expect(
      toChatEvent(
        callback(
          ownApp({
            type: "message",
            subtype: "message_deleted",
            channel: "C1",
            ts: "3.0",
            deleted_ts: "1.000001",
            previous_message: mine,
          }),
        ),
      ),
    ).toBeNull();
    expect(
      toChatEvent(
        callback(
          ownApp({
            type: "pin_added",
            user: "U0FWBOT",
            channel_id: "C1",
            event_ts: "4.0",
            item: { type: "message", channel: "C1", message: mine },
          }),
        ),
      ),
    ).toBeNull();
    expect(
      toChatEvent(
        callback(
          ownApp({
            type: "reaction_added",
            user: "U0ALICE",
            reaction: "eyes",
            item_user: "U0FWBOT",
            event_ts: "5.0",
            item: { type: "message", channel: "C1", ts: "1.000001" },
          }),
        ),
      ),
    ).toBeNull();
    // Another app's bot is somebody else: mirrored.
    expect(
      toChatEvent(callback(ownApp({ ...mine, user: "U0OTHER", bot_id: "B0OTHER", app_id: "A0OTHER" }))),
    ).toMatchObject({ kind: "posted" });
  });

  it("ignores unfurls, channel housekeeping and events about files", () => {
    const unfurl = {
      type: "message",
      subtype: "message_changed",
      channel: "C1",
      ts: "2.0",
      message: { type: "message", user: "U0ALICE", text: "see https://x", ts: "1.0" },
    };
    expect(toChatEvent(callback(ownApp(unfurl)))).toBeNull();
    expect(
      toChatEvent(
        callback(
          ownApp({
            type: "message",
            subtype: "channel_join",
            channel: "C1",
            ts: "1.0",
            user: "U0BOB",
            text: "<@U0BOB> has joined",
          }),
        ),
      ),
    ).toBeNull();
    expect(
      toChatEvent(
        callback(
          ownApp({
            type: "reaction_added",
            user: "U0ALICE",
            reaction: "eyes",
            event_ts: "5.0",
            item: { type: "file", file: "F1" },
          }),
        ),
      ),
    ).toBeNull();
    expect(toChatEvent(callback(ownApp({ type: "app_mention", channel: "C1", ts: "1.0" })))).toBeNull();
  });
});
