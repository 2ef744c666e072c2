import { describe, expect, it } from "vitest";
import { callEntries } from "./call-entries.ts";
import { callLength, callRouting, nextStep, type Callee, type CallRouting } from "./call-routing.ts";
import { InvalidInputDomainError } from "./errors.ts";

const LINE = "+14155550100";
const routing: CallRouting = { number: LINE, greeting: null, ringSeconds: 25, voicemail: true };
const person = (name: string): Callee => ({ userId: `${name}-id`, name, number: "+14155550101" });

describe("callRouting", () => {
  it("fills in the defaults and normalises the number", () => {
    expect(callRouting(null, { number: " +1 415 555 0100 " })).toEqual(routing);
  });

  it("keeps what a change leaves out, and null stops the line taking calls", () => {
    const current = { ...routing, greeting: "Hello", ringSeconds: 40 };
    expect(callRouting(current, { voicemail: false })).toEqual({ ...current, voicemail: false });
    expect(callRouting(current, undefined)).toBe(current);
    expect(callRouting(current, null)).toBeNull();
    expect(callRouting(current, { greeting: "  " })).toEqual({ ...current, greeting: null });
  });

  it.each([
    [{ number: "4155550100" }, "callRouting.number"],
    [{ number: "+1 555" }, "callRouting.number"],
    [{}, "callRouting.number"],
    [{ number: LINE, greeting: "x".repeat(301) }, "callRouting.greeting"],
    [{ number: LINE, ringSeconds: 9 }, "callRouting.ringSeconds"],
    [{ number: LINE, ringSeconds: 61 }, "callRouting.ringSeconds"],
    [{ number: LINE, ringSeconds: 20.5 }, "callRouting.ringSeconds"],
  ])("refuses %j naming %s", (input, field) => {
    const refuse = () => callRouting(null, input);
    expect(refuse).toThrow(InvalidInputDomainError);
    expect(refuse).toThrow(`\`${field}\``);
  });

  it("accepts the bounds", () => {
    expect(callRouting(null, { number: LINE, ringSeconds: 10, greeting: "x".repeat(300) })?.ringSeconds).toBe(10);
    expect(callRouting(null, { number: LINE, ringSeconds: 60 })?.ringSeconds).toBe(60);
  });
});

describe("nextStep", () => {
  const alice = person("Alice");
  const bob = person("Bob");
  it.each([
    ["the first level with someone on it", [[alice], [bob]], 0, { kind: "ring", level: 0, callees: [alice] }],
    ["passing over a level with nobody to ring", [[], [alice, bob]], 0, { kind: "ring", level: 1 }],
    ["from a later level", [[alice], [bob]], 1, { kind: "ring", level: 1, callees: [bob] }],
    ["voicemail past the last level", [[alice], [bob]], 2, { kind: "voicemail" }],
    ["voicemail with no policy", [], 0, { kind: "voicemail" }],
  ])("takes %s", (_, levels, from, step) => {
    expect(nextStep(levels, from, routing)).toMatchObject(step);
  });

  it("says nobody could be reached when the line takes no messages", () => {
    expect(nextStep([[]], 0, { ...routing, voicemail: false })).toEqual({ kind: "unreachable" });
  });

  it("rings at most ten people of one level", () => {
    const many = Array.from({ length: 12 }, (_, i) => person(`P${i}`));
    const step = nextStep([many], 0, routing);
    expect(step.kind === "ring" && step.callees.length).toBe(10);
  });
});

describe("call entries", () => {
  const at = new Date("2026-12-07T21:00:00Z");
  const entries = callEntries("incident-1", "CA1", at);
  it.each([
    [entries.ringing(0, person("Alice")), "call.ringing", "Ringing Alice (level 1)", "call:CA1:ring:0:Alice-id"],
    [entries.missed(1, person("Bob"), "busy"), "call.missed", "Bob did not answer (busy)", "call:CA1:missed:1:Bob-id"],
    [entries.answered(1, person("Bob")), "call.answered", "Bob took the call", "call:CA1:answered"],
    [
      entries.voicemail({ url: "https://api.twilio.com/r/RE1", seconds: 42, sid: "RE1" }),
      "call.voicemail",
      "Voicemail left (0:42): https://api.twilio.com/r/RE1",
      "call:CA1:voicemail",
    ],
    [entries.ended("no message"), "call.ended", "The caller left no message", "call:CA1:ended"],
  ])("%#: %s", (entry, type, body, sourceId) => {
    expect(entry).toMatchObject({ type, body, sourceId, source: "firewatch", incidentId: "incident-1" });
  });

  it.each([
    [0, "0:00"],
    [42, "0:42"],
    [120, "2:00"],
    [61.4, "1:01"],
  ])("shows %s s as %s", (seconds, shown) => {
    expect(callLength(seconds)).toBe(shown);
  });
});
