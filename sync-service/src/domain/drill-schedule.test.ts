// Table-driven tests of when scheduled drills fire: local wall-clock time kept across DST, read as RFC 5545 §3.3.5
// reads it (a time in the spring-forward gap moves forward, a repeated time is its first occurrence), every N weeks
// counted from the first weekday on or after `startsOn`.
//
// Transitions used (tzdb 2027):
//   Europe/London    2027-03-28 01:00 GMT → 02:00 BST (01:00Z); 2027-10-31 02:00 BST → 01:00 GMT (01:00Z)
//   America/New_York 2027-03-14 02:00 EST → 03:00 EDT (07:00Z); 2027-11-07 02:00 EDT → 01:00 EST (06:00Z)
import { describe, expect, it } from "vitest";
import { drillTitle, nextDrillAt, validDrillSchedule, type DrillSchedule } from "./drill-schedule.ts";
import { InvalidInputDomainError } from "./errors.ts";

const LON = "Europe/London";
const NYC = "America/New_York";
const schedule = (over: Partial<DrillSchedule>): DrillSchedule => ({
  weekday: "mon",
  time: "09:00",
  timeZone: LON,
  everyWeeks: 1,
  startsOn: "2027-01-04",
  title: null,
  severity: null,
  ...over,
});

describe("nextDrillAt", () => {
  it.each<[string, Partial<DrillSchedule>, string, string]>([
    ["London, Monday 09:00 GMT → the next Monday 09:00 BST", {}, "2027-03-22T09:00:00Z", "2027-03-29T08:00:00Z"],
    [
      "London, Monday 09:00 BST → the Monday after the clocks go back, 09:00 GMT",
      {},
      "2027-10-25T08:00:00Z",
      "2027-11-01T09:00:00Z",
    ],
    [
      "London, 01:30 in the spring-forward gap moves forward to 02:30 BST",
      { weekday: "sun", time: "01:30" },
      "2027-03-27T00:00:00Z",
      "2027-03-28T01:30:00Z",
    ],
    [
      "London, the repeated 01:30 is the first (BST)",
      { weekday: "sun", time: "01:30" },
      "2027-10-30T00:00:00Z",
      "2027-10-31T00:30:00Z",
    ],
    [
      "New York, Tuesday 10:00 EST → 10:00 EDT after 14 March",
      { weekday: "tue", time: "10:00", timeZone: NYC },
      "2027-03-09T15:00:00Z",
      "2027-03-16T14:00:00Z",
    ],
    [
      "New York, Sunday 02:30 in the gap → 03:30 EDT",
      { weekday: "sun", time: "02:30", timeZone: NYC },
      "2027-03-13T12:00:00Z",
      "2027-03-14T07:30:00Z",
    ],
    [
      "New York, Monday 09:00 EDT → 09:00 EST after 7 November",
      { timeZone: NYC },
      "2027-11-01T13:00:00Z",
      "2027-11-08T14:00:00Z",
    ],
    [
      "every other week: Wed 6 Jan, then 20 Jan (not 13 Jan)",
      { weekday: "wed", everyWeeks: 2 },
      "2027-01-06T12:00:00Z",
      "2027-01-20T09:00:00Z",
    ],
    [
      "every other week, 52 weeks on (5 Jan 2028 fired): 19 Jan",
      { weekday: "wed", everyWeeks: 2 },
      "2028-01-06T00:00:00Z",
      "2028-01-19T09:00:00Z",
    ],
    [
      "every third week: 8 March (GMT), then 29 March (BST)",
      { everyWeeks: 3 },
      "2027-03-09T00:00:00Z",
      "2027-03-29T08:00:00Z",
    ],
    [
      "before startsOn: the weekday on or after it",
      { weekday: "fri", startsOn: "2027-06-01" },
      "2027-01-01T00:00:00Z",
      "2027-06-04T08:00:00Z",
    ],
    [
      "startsOn on the weekday itself",
      { weekday: "tue", startsOn: "2027-06-01" },
      "2027-05-01T00:00:00Z",
      "2027-06-01T08:00:00Z",
    ],
    ["the occurrence itself is not after itself: the next one", {}, "2027-01-04T09:00:00Z", "2027-01-11T09:00:00Z"],
    ["earlier the same day: that day", {}, "2027-01-11T08:59:00Z", "2027-01-11T09:00:00Z"],
  ])("%s", (_name, over, after, expected) => {
    expect(nextDrillAt(schedule(over), new Date(after))?.toISOString()).toBe(new Date(expected).toISOString());
  });

  it("matches a week-by-week walk for every cadence", () => {
    for (let everyWeeks = 1; everyWeeks <= 8; everyWeeks++) {
      const s = schedule({ everyWeeks, weekday: "thu", time: "23:30", timeZone: NYC });
      let at = new Date("2027-01-01T00:00:00Z");
      const seen: string[] = [];
      for (let i = 0; i < 6; i++) seen.push((at = nextDrillAt(s, at)!).toISOString().slice(0, 10));
      const days = seen.map((d, i) => (i ? (Date.parse(d) - Date.parse(seen[i - 1]!)) / 86_400_000 : 0));
      expect(days.slice(1).every((d) => Math.abs(d - 7 * everyWeeks) <= 1)).toBe(true);
      expect(seen[0]).toBe("2027-01-08"); // Thursday 7 Jan 23:30 EST is 04:30Z on the 8th
    }
  });

  it("is null without a schedule", () => {
    expect(nextDrillAt(null, new Date())).toBeNull();
  });
});

describe("validDrillSchedule", () => {
  it.each<[string, Partial<DrillSchedule>]>([
    ["timeZone", { timeZone: "Mars/Olympus" }],
    ["timeZone", { timeZone: "+01:00" }],
    ["time", { time: "24:00" }],
    ["time", { time: "9:00" }],
    ["everyWeeks", { everyWeeks: 0 }],
    ["everyWeeks", { everyWeeks: 9 }],
    ["everyWeeks", { everyWeeks: 1.5 }],
    ["startsOn", { startsOn: "2027-02-30" }],
    ["startsOn", { startsOn: "next monday" }],
    ["title", { title: "x".repeat(201) }],
  ])("refuses a bad %s", (field, over) => {
    expect(() => validDrillSchedule(schedule(over))).toThrow(InvalidInputDomainError);
    expect(() => validDrillSchedule(schedule(over))).toThrow(`drillSchedule.${field}`);
  });

  it("keeps a good schedule, a blank title meaning the default", () => {
    expect(validDrillSchedule(schedule({ title: "  " }))).toEqual(schedule({}));
    expect(drillTitle(schedule({}), "Checkout")).toBe("Practice drill: Checkout");
    expect(drillTitle(schedule({ title: "Fire!" }), "Checkout")).toBe("Fire!");
  });
});
