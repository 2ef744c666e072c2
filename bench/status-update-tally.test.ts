// Counting a status update at the stand-ins: what the crash run reports as lost, resent and duplicated.
import { describe, expect, it } from "vitest";
import type { CapturedMail } from "../stand-ins/smtp/index.ts";
import type { PostedMessage } from "../stand-ins/slack/index.ts";
import { tally } from "./status-update-tally.ts";

const MESSAGE = "Bench status update 2 of 2";
const expected = [
  { channel: "email", recipient: "ann@example.com" },
  { channel: "email", recipient: "bob@example.com" },
  { channel: "slack", recipient: "U0ANN" },
  { channel: "slack", recipient: "U0BOB" },
] as const;

const mail = (to: string, messageId: string, text = MESSAGE): CapturedMail => ({
  to: [to],
  receivedAt: 0,
  raw: [
    `Message-ID: <status-update.${messageId}@firewatch.invalid>`,
    'Content-Type: multipart/alternative; boundary="b"',
    "",
    "--b",
    "Content-Type: text/plain; charset=utf-8",
    "",
    text,
    "--b--",
  ].join("\r\n"),
});
const dm = (user: string, text = `Status update on INC-1: ${MESSAGE}`): PostedMessage => ({
  channel: `D${user}`,
  user,
  text,
  blocks: null,
  metadata: null,
  ts: "1.000001",
  postedAt: 0,
});

describe("tally", () => {
  it("counts every expected recipient once when each got the update once", () => {
    const t = tally(
      expected,
      [mail("ann@example.com", "1"), mail("Bob@Example.com", "2")],
      [dm("U0ANN"), dm("U0BOB")],
      MESSAGE,
    );
    expect(t).toEqual({
      emails: 2,
      slackMessages: 2,
      lost: 0,
      emailResent: 0,
      emailTwoMessageIds: 0,
      slackDuplicates: 0,
      unexpected: 0,
      wrongContent: 0,
    });
  });

  it("tells a resend (same Message-ID) from a second delivery (another Message-ID), and counts the lost", () => {
    const mails = [
      mail("ann@example.com", "1"),
      mail("ann@example.com", "1"),
      mail("bob@example.com", "2"),
      mail("bob@example.com", "3"),
    ];
    const t = tally(expected, mails, [dm("U0ANN"), dm("U0ANN")], MESSAGE);
    expect(t).toMatchObject({ lost: 1, emailResent: 2, emailTwoMessageIds: 1, slackDuplicates: 1 });
  });

  it("counts messages to nobody expected and messages without the update's text", () => {
    const t = tally(
      expected,
      [mail("eve@example.com", "9"), mail("ann@example.com", "1", "another update")],
      [dm("U0BOB")],
      MESSAGE,
    );
    expect(t).toMatchObject({ lost: 2, unexpected: 1, wrongContent: 1 });
  });
});
