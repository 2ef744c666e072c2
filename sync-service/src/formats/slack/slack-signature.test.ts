// The worked example of https://docs.slack.dev/authentication/verifying-requests-from-slack, byte for byte
// (test/fixtures/slack/slash-command.txt), and the replay window.
import fs from "node:fs";
import { describe, expect, it } from "vitest";
import { checkSlackSignature } from "./slack-signature.ts";

const body = fs.readFileSync(new URL("../../../../test/fixtures/slack/slash-command.txt", import.meta.url));
const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const TIMESTAMP = "1531420618";
const SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
const at = (seconds: number) => seconds * 1000;

describe("Slack request signatures", () => {
  it.each([
    ["the documented example", SECRET, body, TIMESTAMP, SIGNATURE, at(1531420618), "ok"],
    ["4 minutes later", SECRET, body, TIMESTAMP, SIGNATURE, at(1531420618 + 240), "ok"],
    ["6 minutes later (replay)", SECRET, body, TIMESTAMP, SIGNATURE, at(1531420618 + 360), "stale"],
    ["a timestamp from the future", SECRET, body, TIMESTAMP, SIGNATURE, at(1531420618 - 360), "stale"],
    ["another secret", "not-the-secret", body, TIMESTAMP, SIGNATURE, at(1531420618), "mismatch"],
    [
      "a changed body",
      SECRET,
      Buffer.concat([body, Buffer.from("&x=1")]),
      TIMESTAMP,
      SIGNATURE,
      at(1531420618),
      "mismatch",
    ],
    ["a v1 signature", SECRET, body, TIMESTAMP, SIGNATURE.replace("v0=", "v1="), at(1531420618), "mismatch"],
    ["no signature", SECRET, body, TIMESTAMP, undefined, at(1531420618), "missing"],
    ["no timestamp", SECRET, body, undefined, SIGNATURE, at(1531420618), "missing"],
    ["a non-numeric timestamp", SECRET, body, "1531420618abc", SIGNATURE, at(1531420618), "stale"],
  ] as const)("%s", (_name, secret, raw, timestamp, signature, now, expected) => {
    expect(checkSlackSignature(secret, raw, timestamp, signature, now)).toBe(expected);
  });
});
