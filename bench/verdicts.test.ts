// What fails the first-page part and what is only a note: pages missing or twice fail it, slowness never does.
import { describe, expect, it } from "vitest";
import type { FirstPageResult, FirstPageRow } from "./first-page-bench.ts";
import { firstPageVerdict } from "./verdicts.ts";

const row = (over: Partial<FirstPageRow> = {}): FirstPageRow => ({
  condition: "idle",
  channel: "SMS",
  alerts: 3,
  delivered: 3,
  missing: 0,
  duplicated: 0,
  p50Ms: 200,
  p95Ms: 300,
  maxMs: 300,
  goalP95Ms: 1_000,
  ...over,
});
const result = (rows: FirstPageRow[], achievedPerSecond = 20, errors = 0): FirstPageResult => ({
  rows,
  background: { targetPerSecond: 20, sent: 100, achievedPerSecond, errors, errorSamples: ["503 busy"], behind: 0 },
  breakdown: [],
});

describe("firstPageVerdict", () => {
  it.each([
    ["every alert paged once on each channel", [row(), row({ channel: "Slack DM" })], [], []],
    ["an alert paged nobody", [row({ missing: 1, delivered: 2 })], ["idle, SMS: 1 of 3 alerts paged nobody"], []],
    [
      "an alert paged twice",
      [row({ condition: "under load", channel: "Slack DM", duplicated: 1, delivered: 2, goalP95Ms: 2_000 })],
      ["under load, Slack DM: 1 of 3 alerts paged twice"],
      [],
    ],
    ["fewer alerts sent", [row({ alerts: 2, delivered: 2 })], ["idle: 2 of 3 alerts sent"], []],
    ["a slow p95 is a note", [row({ p95Ms: 1_500 })], [], ["idle, SMS: alert → page p95 1,500 ms, goal < 1,000 ms"]],
    [
      "no page timed is a note too",
      [row({ delivered: 0, missing: 3, p95Ms: Number.NaN })],
      ["idle, SMS: 3 of 3 alerts paged nobody"],
      ["idle, SMS: alert → page p95 n/a ms, goal < 1,000 ms"],
    ],
  ])("%s", (_name, rows, problems, notes) => {
    const verdict = firstPageVerdict(result(rows), 3);
    expect(verdict.problems).toEqual(problems);
    expect(verdict.notes).toEqual(notes);
  });

  it("notes a background load below its rate or with errors, without failing", () => {
    const verdict = firstPageVerdict(result([row()], 12, 2), 3);
    expect(verdict.problems).toEqual([]);
    expect(verdict.notes).toEqual([
      "the background load reached 12 of 20 events/s (0 behind)",
      "2 of 100 background events not answered 202: 503 busy",
    ]);
  });
});
