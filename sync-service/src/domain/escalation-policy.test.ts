import { describe, expect, it } from "vitest";
import { nextStep, validPolicy } from "./escalation-policy.ts";

const level = { delayMinutes: 5, targets: [{ type: "user" as const, id: "u" }] };

describe("escalation steps", () => {
  it.each([
    [2, 0, 0, 0, { round: 0, level: 1 }],
    [2, 0, 0, 1, null],
    [2, 1, 0, 1, { round: 1, level: 0 }],
    [2, 1, 1, 1, null],
    [1, 2, 1, 0, { round: 2, level: 0 }],
    [1, 2, 2, 0, null],
  ])("%i levels, repeat %i: after round %i level %i → %j", (levels, repeat, round, lvl, next) => {
    expect(nextStep({ repeat, levels: Array(levels).fill(level) }, round, lvl)).toEqual(next);
  });

  it.each([
    [[], 0, /at least one level/],
    [[level], 6, /repeat/],
    [[{ delayMinutes: 0, targets: level.targets }], 0, /delayMinutes/],
    [[{ delayMinutes: 5, targets: [] }], 0, /target/],
  ])("rejects an invalid policy %#", (levels, repeat, message) => {
    expect(() => validPolicy(levels, repeat)).toThrow(message);
  });
});
