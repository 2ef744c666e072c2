import { describe, expect, it } from "vitest";
import { keypressAnswer, parseSmsReply } from "./page-reply.ts";
import { smsAnswerText, spokenAnswerText, wrongKeyText } from "./page-reply-texts.ts";

describe("parseSmsReply", () => {
  it.each([
    ["ack", "acknowledge", null],
    ["ACK", "acknowledge", null],
    ["Ack!", "acknowledge", null],
    ["  acknowledge.  ", "acknowledge", null],
    ["\nAcknowledge\n", "acknowledge", null],
    ["resolve", "resolve", null],
    ["RESOLVE", "resolve", null],
    ["ack INC-42", "acknowledge", 42],
    ["ack inc-42", "acknowledge", 42],
    ["Resolve, INC-7.", "resolve", 7],
    ["'resolve  INC-1234'", "resolve", 1234],
  ])("reads %j as %s of incident %s", (text, kind, incidentNumber) => {
    expect(parseSmsReply(text)).toEqual({ kind, incidentNumber });
  });

  it.each([
    "",
    "   ",
    "?!",
    "ok",
    "acked",
    "ack please",
    "please ack",
    "ack INC-42 now",
    "ack 42",
    "ack INC-0",
    "ack INC-",
    "resolve INC-42;DROP",
    "ackINC-42",
    "STOP",
    "HELP",
  ])("does not read %j as an answer", (text) => {
    expect(parseSmsReply(text)).toBeNull();
  });
});

describe("keypressAnswer", () => {
  it.each([
    ["4", "acknowledge"],
    ["6", "resolve"],
    ["", null],
    ["5", null],
    ["44", null],
    ["#", null],
  ])("reads key %j as %s", (digits, answer) => {
    expect(keypressAnswer(digits)).toBe(answer);
  });
});

describe("answer texts", () => {
  const incident = { number: 42, title: "Checkout 5xx above 5%.", status: "acknowledged" as const };

  it("confirms with the key and the title, and says the escalation stopped on acknowledging", () => {
    expect(smsAnswerText({ kind: "done", answer: "acknowledge", incident })).toBe(
      "Acknowledged INC-42: Checkout 5xx above 5%. Escalation stopped.",
    );
    expect(smsAnswerText({ kind: "done", answer: "resolve", incident })).toBe(
      "Resolved INC-42: Checkout 5xx above 5%.",
    );
    expect(spokenAnswerText({ kind: "done", answer: "acknowledge", incident })).toBe(
      "Acknowledged INC-42. Escalation stopped. Goodbye.",
    );
  });

  it("shortens a long title so the answer stays one text", () => {
    const text = smsAnswerText({ kind: "done", answer: "resolve", incident: { number: 1, title: "x ".repeat(500) } });
    expect(text).toMatch(/^Resolved INC-1: (x ){58}x\.\.\.$/);
    expect([...text].length).toBeLessThanOrEqual(160);
  });

  it("says why nothing changed", () => {
    expect(smsAnswerText({ kind: "stale", incident, acknowledgedBy: "Alice Adams" })).toBe(
      "INC-42 is already acknowledged by Alice Adams.",
    );
    expect(smsAnswerText({ kind: "stale", incident: { ...incident, status: "resolved" }, acknowledgedBy: null })).toBe(
      "INC-42 is already resolved.",
    );
    expect(smsAnswerText({ kind: "not_paged" })).toBe("This number has not been paged by Firewatch.");
    expect(smsAnswerText({ kind: "not_understood" })).toBe(
      "Reply ACK or RESOLVE, optionally with the incident key, e.g. ACK INC-42",
    );
    expect(smsAnswerText({ kind: "not_paged_for", incidentNumber: 7 })).toMatch(
      /^INC-7 was not paged to this number\./,
    );
    expect(spokenAnswerText({ kind: "stale", incident, acknowledgedBy: "Alice Adams" })).toBe(
      "INC-42 is already acknowledged by Alice Adams. Goodbye.",
    );
    expect(wrongKeyText("7")).toBe("7 is not an option. Press 4 to acknowledge, 6 to resolve.");
  });
});
