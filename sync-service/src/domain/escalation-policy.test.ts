import { describe, expect, it } from "vitest";
import { escalateNowStep, nextStep, POLICY_LIMITS, validPolicy } from "./escalation-policy.ts";

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
    [Array(POLICY_LIMITS.levels + 1).fill(level), 0, /`levels` has 21 levels; a policy has at most 20/],
    [Array(10_000).fill(level), 0, /`levels` has 10000 levels; a policy has at most 20/],
    [
      [{ delayMinutes: 5, targets: Array(POLICY_LIMITS.targetsPerLevel + 1).fill(level.targets[0]) }],
      0,
      /levels\[0\]\.targets has 21 targets; a level has at most 20/,
    ],
    [
      [{ delayMinutes: POLICY_LIMITS.delayMinutes + 1, targets: level.targets }],
      0,
      /levels\[0\]\.delayMinutes is a whole number of minutes from 1 to 1440/,
    ],
    [[{ delayMinutes: Number.POSITIVE_INFINITY, targets: level.targets }], 0, /delayMinutes/],
  ])("rejects an invalid policy %#", (levels, repeat, message) => {
    expect(() => validPolicy(levels, repeat)).toThrow(message);
  });

  it("accepts a policy at every bound", () => {
    const full = {
      delayMinutes: POLICY_LIMITS.delayMinutes,
      targets: Array(POLICY_LIMITS.targetsPerLevel).fill(level.targets[0]),
    };
    expect(() => validPolicy(Array(POLICY_LIMITS.levels).fill(full), 5)).not.toThrow();
  });
});

describe("escalate now", () => {
  const at = new Date("2026-12-07T03:12:00Z");

  it("pages the level queued next, at once", () => {
    expect(escalateNowStep({ last: { round: 0, level: 0 }, next: { round: 0, level: 1, at } })).toEqual({
      round: 0,
      level: 1,
    });
  });

  it("pages the first level when nothing was paged yet", () => {
    expect(escalateNowStep({ last: null, next: null })).toEqual({ round: 0, level: 0 });
  });

  it("starts the policy over in a new round once it has run out", () => {
    expect(escalateNowStep({ last: { round: 2, level: 3 }, next: null })).toEqual({ round: 3, level: 0 });
  });
});
