// Table-driven tests of the schedule format (docs/schedules.md): daily and weekly hand-offs
// keep local wall-clock time across DST, hourly hand-offs count elapsed hours, and local times are
// read as RFC 5545 §3.3.5 reads them (https://www.rfc-editor.org/rfc/rfc5545#section-3.3.5): a time in
// the spring-forward gap moves forward by the gap (02:30 → 03:30), a repeated time is its first occurrence.
//
// Transitions used (tzdb 2026):
//   America/Chicago  2026-03-08 02:00 CST → 03:00 CDT (08:00Z); 2026-11-01 02:00 CDT → 01:00 CST (07:00Z)
//   Europe/Berlin    2026-03-29 02:00 CET → 03:00 CEST (01:00Z); 2026-10-25 03:00 CEST → 02:00 CET (01:00Z)
import { describe, expect, it } from "vitest";
import { Temporal } from "temporal-polyfill";
import { onCallAt, shifts, type OnCallShift } from "./oncall.ts";
import { parseSchedule } from "./parse-schedule.ts";
import type { Schedule } from "./schedule.ts";

type Json = Record<string, unknown>;
const CHI = "America/Chicago";
const BER = "Europe/Berlin";

const rot = (type: string, start: string, users: string[], more: Json = {}, shiftLength = 1): Json => ({
  users,
  rotation: { type, shiftLength, start },
  ...more,
});
const sched = (timeZone: string, layers: Json[], overrides: Json[] = []): Schedule =>
  parseSchedule({ timeZone, layers, overrides });
const abc = ["a", "b", "c"];

describe("rotations across DST", () => {
  it.each<[string, Schedule, string, string[]]>([
    // Daily from Fri 2026-03-06 09:00 CST: b's shift runs Sat 09:00 CST (15:00Z) → Sun 09:00 CDT (14:00Z), 23 h.
    [
      "Chicago daily: hand-off stays at 09:00 local after spring-forward",
      sched(CHI, [rot("daily", "2026-03-06T09:00", abc)]),
      "2026-03-08T14:30:00Z",
      ["c"],
    ],
    [
      "Chicago daily: just before the 09:00 CDT hand-off",
      sched(CHI, [rot("daily", "2026-03-06T09:00", abc)]),
      "2026-03-08T13:59:59Z",
      ["b"],
    ],
    [
      "Chicago daily: exactly at the hand-off (start inclusive)",
      sched(CHI, [rot("daily", "2026-03-06T09:00", abc)]),
      "2026-03-08T14:00:00Z",
      ["c"],
    ],
    // Daily from Fri 2026-10-30 09:00 CDT: b's shift runs Sat 14:00Z → Sun 09:00 CST (15:00Z), 25 h.
    [
      "Chicago daily: 08:30 CST on fall-back day is still the 25 h shift",
      sched(CHI, [rot("daily", "2026-10-30T09:00", abc)]),
      "2026-11-01T14:30:00Z",
      ["b"],
    ],
    [
      "Chicago daily: 09:00 CST on fall-back day hands off",
      sched(CHI, [rot("daily", "2026-10-30T09:00", abc)]),
      "2026-11-01T15:00:00Z",
      ["c"],
    ],
    [
      "Chicago weekly: Monday 09:00 CDT hand-off after spring-forward",
      sched(CHI, [rot("weekly", "2026-03-02T09:00", ["a", "b"])]),
      "2026-03-09T14:00:00Z",
      ["b"],
    ],
    [
      "Chicago weekly: 08:30 CDT that Monday is still a",
      sched(CHI, [rot("weekly", "2026-03-02T09:00", ["a", "b"])]),
      "2026-03-09T13:30:00Z",
      ["a"],
    ],
    [
      "Chicago weekly: wraps back to users[0] in week 3",
      sched(CHI, [rot("weekly", "2026-03-02T09:00", ["a", "b"])]),
      "2026-03-16T14:00:00Z",
      ["a"],
    ],
    [
      "Berlin daily: 09:00 CEST hand-off on spring-forward day",
      sched(BER, [rot("daily", "2026-03-28T09:00", ["a", "b"])]),
      "2026-03-29T07:00:00Z",
      ["b"],
    ],
    [
      "Berlin daily: 08:59 CEST is still a",
      sched(BER, [rot("daily", "2026-03-28T09:00", ["a", "b"])]),
      "2026-03-29T06:59:00Z",
      ["a"],
    ],
    [
      "Berlin weekly: 08:30 CET the Monday after fall-back is still a (169 h shift)",
      sched(BER, [rot("weekly", "2026-10-19T09:00", ["a", "b"])]),
      "2026-10-26T07:30:00Z",
      ["a"],
    ],
    [
      "Berlin weekly: 09:00 CET hands off",
      sched(BER, [rot("weekly", "2026-10-19T09:00", ["a", "b"])]),
      "2026-10-26T08:00:00Z",
      ["b"],
    ],
    // Hourly counts elapsed hours: 03:30 CDT is only the third hour after 00:00 CST.
    [
      "Chicago hourly: elapsed hours across spring-forward",
      sched(CHI, [rot("hourly", "2026-03-08T00:00", abc)]),
      "2026-03-08T08:30:00Z",
      ["c"],
    ],
    [
      "Berlin hourly: second 02:30 after fall-back is the fourth hour",
      sched(BER, [rot("hourly", "2026-10-25T00:00", ["a", "b", "c", "d"])]),
      "2026-10-25T01:30:00Z",
      ["d"],
    ],
    [
      "Berlin hourly: first 02:30 (CEST) is the third hour",
      sched(BER, [rot("hourly", "2026-10-25T00:00", ["a", "b", "c", "d"])]),
      "2026-10-25T00:30:00Z",
      ["c"],
    ],
  ])("%s", (_name, schedule, at, expected) => {
    expect(onCallAt(schedule, Temporal.Instant.from(at))).toEqual(expected);
  });
});

describe("starts inside the gap or the repeated hour (RFC 5545 §3.3.5)", () => {
  const gapHourly = sched(CHI, [rot("hourly", "2026-03-08T02:30", ["a", "b"])]); // 02:30 → 03:30 CDT = 08:30Z
  const gapDaily = sched(CHI, [rot("daily", "2026-03-08T02:30", ["a", "b"])]); // then 02:30 CDT = 07:30Z next day
  const repeatedHourly = sched(CHI, [rot("hourly", "2026-11-01T01:30", ["a", "b"])]); // first 01:30 = CDT = 06:30Z
  const berlinGap = sched(BER, [rot("hourly", "2026-03-29T02:30", ["a", "b"])]); // 03:30 CEST = 01:30Z
  it.each<[string, Schedule, string, string[]]>([
    ["Chicago 02:30 gap start: nobody at 03:00 CDT", gapHourly, "2026-03-08T08:00:00Z", []],
    ["Chicago 02:30 gap start: a from 03:30 CDT", gapHourly, "2026-03-08T08:30:00Z", ["a"]],
    ["Chicago 02:30 gap start: b an elapsed hour later", gapHourly, "2026-03-08T09:30:00Z", ["b"]],
    ["Chicago daily gap start: a until 02:30 CDT next day", gapDaily, "2026-03-09T07:29:59Z", ["a"]],
    ["Chicago daily gap start: b at 02:30 CDT next day", gapDaily, "2026-03-09T07:30:00Z", ["b"]],
    ["Chicago repeated 01:30 start: nobody before the first 01:30", repeatedHourly, "2026-11-01T06:29:59Z", []],
    ["Chicago repeated 01:30 start: a from the first 01:30 (CDT)", repeatedHourly, "2026-11-01T06:30:00Z", ["a"]],
    ["Chicago repeated 01:30 start: b from the second 01:30 (CST)", repeatedHourly, "2026-11-01T07:30:00Z", ["b"]],
    ["Berlin 02:30 gap start: nobody at 03:00 CEST", berlinGap, "2026-03-29T01:00:00Z", []],
    ["Berlin 02:30 gap start: a from 03:30 CEST", berlinGap, "2026-03-29T01:30:00Z", ["a"]],
  ])("%s", (_name, schedule, at, expected) => {
    expect(onCallAt(schedule, new Date(at))).toEqual(expected);
  });
});

describe("shiftLength and before start", () => {
  it.each<[string, Schedule, string, string[]]>([
    [
      "hourly shiftLength 8: a for the first 8 h",
      sched(CHI, [rot("hourly", "2026-03-02T00:00", abc, {}, 8)]),
      "2026-03-02T13:59:59Z",
      ["a"],
    ],
    [
      "hourly shiftLength 8: b from hour 8",
      sched(CHI, [rot("hourly", "2026-03-02T00:00", abc, {}, 8)]),
      "2026-03-02T14:00:00Z",
      ["b"],
    ],
    [
      "daily shiftLength 3: a for three days",
      sched(CHI, [rot("daily", "2026-03-02T09:00", abc, {}, 3)]),
      "2026-03-05T14:59:00Z",
      ["a"],
    ],
    [
      "daily shiftLength 3 across DST: c on day 6 at 09:00 CDT",
      sched(CHI, [rot("daily", "2026-03-02T09:00", abc, {}, 3)]),
      "2026-03-08T14:00:00Z",
      ["c"],
    ],
    [
      "weekly shiftLength 2: a for two weeks",
      sched(CHI, [rot("weekly", "2026-03-02T09:00", ["a", "b"], {}, 2)]),
      "2026-03-16T13:59:00Z",
      ["a"],
    ],
    [
      "weekly shiftLength 2: b in week 3",
      sched(CHI, [rot("weekly", "2026-03-02T09:00", ["a", "b"], {}, 2)]),
      "2026-03-16T14:00:00Z",
      ["b"],
    ],
    ["before start: nobody", sched(CHI, [rot("weekly", "2026-03-02T09:00", abc)]), "2026-03-02T14:59:59Z", []],
    [
      "long before start: nobody (daily)",
      sched(CHI, [rot("daily", "2026-03-02T09:00", abc)]),
      "2025-01-01T00:00:00Z",
      [],
    ],
    [
      "a year on, hourly: O(1) index",
      sched(CHI, [rot("hourly", "2026-01-01T00:00", abc)]),
      "2027-01-01T06:00:00Z",
      [abc[8760 % 3]!],
    ],
    [
      "a year on, daily across both DST changes",
      sched(CHI, [rot("daily", "2026-01-01T09:00", abc)]),
      "2027-01-01T15:00:00Z",
      [abc[365 % 3]!],
    ],
  ])("%s", (_name, schedule, at, expected) => {
    expect(onCallAt(schedule, new Date(at))).toEqual(expected);
  });
});

describe("restrictions and layer precedence", () => {
  const weekdays = { restrictions: [{ days: ["mon", "tue", "wed", "thu", "fri"], from: "09:00", to: "17:00" }] };
  const layered = sched(CHI, [
    rot("weekly", "2026-03-02T09:00", ["a", "b"]),
    rot("daily", "2026-03-02T09:00", ["x", "y"], weekdays),
  ]);
  const fridayNight = sched(CHI, [
    rot("weekly", "2026-03-02T09:00", ["n"], { restrictions: [{ days: ["fri"], from: "17:00", to: "09:00" }] }),
  ]);
  const satNight = sched(CHI, [
    rot("weekly", "2026-03-02T00:00", ["n"], { restrictions: [{ days: ["sat"], from: "22:00", to: "06:00" }] }),
  ]);
  const gapWindow = sched(CHI, [
    rot("weekly", "2026-03-02T00:00", ["g"], { restrictions: [{ days: ["sun"], from: "02:30", to: "04:00" }] }),
  ]);
  const fullDay = sched(BER, [
    rot("weekly", "2026-03-02T00:00", ["d"], { restrictions: [{ days: ["sun"], from: "00:00", to: "00:00" }] }),
  ]);
  it.each<[string, Schedule, string, string[]]>([
    ["business hours: the later layer wins (Mon 10:00 CST)", layered, "2026-03-02T16:00:00Z", ["x"]],
    ["business hours: window opens at 09:00 (inclusive)", layered, "2026-03-03T15:00:00Z", ["y"]],
    ["business hours: window closes at 17:00 (exclusive), earlier layer shows", layered, "2026-03-03T23:00:00Z", ["a"]],
    ["business hours: weekend falls through to layer 0", layered, "2026-03-07T16:00:00Z", ["a"]],
    ["business hours in local time after spring-forward (Mon 09:30 CDT)", layered, "2026-03-09T14:30:00Z", ["y"]],
    ["Mon 08:30 CDT: outside the window, before layer 0 hands off at 09:00", layered, "2026-03-09T13:30:00Z", ["a"]],
    ["wrap: Fri 17:00 CST opens the window", fridayNight, "2026-03-06T23:00:00Z", ["n"]],
    ["wrap: Sat 08:59 CST still inside (window started Friday)", fridayNight, "2026-03-07T14:59:00Z", ["n"]],
    ["wrap: Sat 09:00 CST closes it", fridayNight, "2026-03-07T15:00:00Z", []],
    ["wrap: Thu 23:00 is not a Friday window", fridayNight, "2026-03-06T05:00:00Z", []],
    ["wrap: Sat 22:00 CST → Sun 06:00 CDT across spring-forward, inside", satNight, "2026-03-08T10:59:00Z", ["n"]],
    ["wrap: Sat 22:00 CST → Sun 06:00 CDT, closed at 06:00 CDT", satNight, "2026-03-08T11:00:00Z", []],
    ["window opening in the gap starts at 03:30 CDT, not 03:00", gapWindow, "2026-03-08T08:15:00Z", []],
    ["window opening in the gap: inside from 03:30 CDT", gapWindow, "2026-03-08T08:30:00Z", ["g"]],
    ["from == to is a full local day (Berlin Sunday of fall-back, 25 h)", fullDay, "2026-10-25T22:59:00Z", ["d"]],
    ["from == to: Monday 00:00 CET closes it", fullDay, "2026-10-25T23:00:00Z", []],
    [
      "later layer before its start does not hide the earlier one",
      sched(CHI, [rot("daily", "2026-03-02T09:00", ["a"]), rot("daily", "2026-04-01T09:00", ["z"])]),
      "2026-03-20T12:00:00Z",
      ["a"],
    ],
    [
      "later layer after its start wins",
      sched(CHI, [rot("daily", "2026-03-02T09:00", ["a"]), rot("daily", "2026-04-01T09:00", ["z"])]),
      "2026-04-01T14:00:00Z",
      ["z"],
    ],
  ])("%s", (_name, schedule, at, expected) => {
    expect(onCallAt(schedule, new Date(at))).toEqual(expected);
  });
});

describe("overrides", () => {
  const base = [rot("weekly", "2026-03-02T09:00", ["alice", "bob"])];
  const o = (user: string, start: string, end: string, replaces?: string): Json => ({
    user,
    start,
    end,
    ...(replaces ? { replaces } : {}),
  });
  const add = (user: string, start: string, end: string): Json => ({ user, start, end, add: true });
  const day = ["2026-03-03T00:00:00Z", "2026-03-04T00:00:00Z"] as const;
  const noon = "2026-03-03T12:00:00Z";
  it.each<[string, Json[], string, string[]]>([
    ["replaces: at its start (inclusive)", [o("dave", ...day, "alice")], day[0], ["dave"]],
    ["replaces: at its end (exclusive)", [o("dave", ...day, "alice")], day[1], ["alice"]],
    ["replaces: just before its start", [o("dave", ...day, "alice")], "2026-03-02T23:59:59.999Z", ["alice"]],
    ["replaces someone not on call: no effect", [o("dave", ...day, "bob")], noon, ["alice"]],
    ["without replaces: takes the place of whoever is on call", [o("dave", ...day)], noon, ["dave"]],
    ["add: joins after the scheduled user", [add("dave", ...day)], noon, ["alice", "dave"]],
    ["added users keep listed order", [add("erin", ...day), add("dave", ...day)], noon, ["alice", "erin", "dave"]],
    ["replace and add together", [add("erin", ...day), o("dave", ...day, "alice")], noon, ["dave", "erin"]],
    ["each user once", [o("dave", ...day, "alice"), add("dave", ...day)], noon, ["dave"]],
    ["the scheduled user added again stays once", [add("alice", ...day)], noon, ["alice"]],
    [
      "two replacing the same user: the last listed wins",
      [o("dave", ...day, "alice"), o("erin", ...day, "alice")],
      noon,
      ["erin"],
    ],
    ["one for whoever, listed last, wins", [o("dave", ...day, "alice"), o("erin", ...day)], noon, ["erin"]],
    ["one replacing alice, listed last, wins", [o("erin", ...day), o("dave", ...day, "alice")], noon, ["dave"]],
    [
      "with an offset: 2026-03-03T01:00+01:00 is 00:00Z",
      [o("dave", "2026-03-03T01:00:00+01:00", "2026-03-04T01:00:00+01:00", "alice")],
      day[0],
      ["dave"],
    ],
    [
      "for whoever, before the rotation starts: covers the gap",
      [o("dave", "2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z")],
      "2026-03-01T12:00:00Z",
      ["dave"],
    ],
    [
      "added before the rotation starts",
      [add("dave", "2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z")],
      "2026-03-01T12:00:00Z",
      ["dave"],
    ],
    [
      "replacing before the rotation starts: nobody to replace",
      [o("dave", "2026-03-01T00:00:00Z", "2026-03-02T00:00:00Z", "alice")],
      "2026-03-01T12:00:00Z",
      [],
    ],
  ])("%s", (_name, overrides, at, expected) => {
    expect(onCallAt(sched(CHI, base, overrides), new Date(at))).toEqual(expected);
  });
});

const hours = (s: OnCallShift) => (s.end.getTime() - s.start.getTime()) / 3_600_000;
const row = (s: OnCallShift) => [s.user, s.start.toISOString(), s.end.toISOString(), s.layer ?? "override"];

describe("shifts", () => {
  it.each<[string, Schedule, string, string, number[]]>([
    [
      "Chicago daily over spring-forward: 24, 23, 24 h",
      sched(CHI, [rot("daily", "2026-03-06T09:00", abc)]),
      "2026-03-06T15:00:00Z",
      "2026-03-09T14:00:00Z",
      [24, 23, 24],
    ],
    [
      "Chicago daily over fall-back: 24, 25, 24 h",
      sched(CHI, [rot("daily", "2026-10-30T09:00", abc)]),
      "2026-10-30T14:00:00Z",
      "2026-11-02T15:00:00Z",
      [24, 25, 24],
    ],
    [
      "Chicago daily from the repeated 01:30: first shift 25 h",
      sched(CHI, [rot("daily", "2026-11-01T01:30", ["a", "b"])]),
      "2026-11-01T00:00:00Z",
      "2026-11-02T07:30:00Z",
      [25],
    ],
    [
      "Chicago daily from the 02:30 gap: first shift 23 h",
      sched(CHI, [rot("daily", "2026-03-08T02:30", ["a", "b"])]),
      "2026-03-08T00:00:00Z",
      "2026-03-09T07:30:00Z",
      [23],
    ],
    [
      "Berlin weekly over spring-forward: 167 h",
      sched(BER, [rot("weekly", "2026-03-23T09:00", ["a", "b"])]),
      "2026-03-23T08:00:00Z",
      "2026-03-30T07:00:00Z",
      [167],
    ],
    [
      "Berlin weekly over fall-back: 169 h",
      sched(BER, [rot("weekly", "2026-10-19T09:00", ["a", "b"])]),
      "2026-10-19T07:00:00Z",
      "2026-10-26T08:00:00Z",
      [169],
    ],
    [
      "Berlin hourly over fall-back: every shift 1 h",
      sched(BER, [rot("hourly", "2026-10-25T00:00", abc)]),
      "2026-10-24T22:00:00Z",
      "2026-10-25T03:00:00Z",
      [1, 1, 1, 1, 1],
    ],
    [
      "one user: hand-offs to the same user merge",
      sched(CHI, [rot("daily", "2026-03-02T09:00", ["solo"])]),
      "2026-03-02T15:00:00Z",
      "2026-03-09T14:00:00Z",
      [167],
    ],
  ])("%s", (_name, schedule, from, to, expected) => {
    expect(shifts(schedule, new Date(from), new Date(to)).map(hours)).toEqual(expected);
  });

  it("cuts at overrides and marks their users; start inclusive, end exclusive", () => {
    const overrides = [
      { user: "dave", start: "2026-03-03T12:00:00Z", end: "2026-03-03T13:00:00Z" },
      { user: "erin", replaces: "alice", start: "2026-03-03T13:00:00Z", end: "2026-03-03T14:00:00Z" },
    ];
    const schedule = sched(CHI, [rot("weekly", "2026-03-02T09:00", ["alice", "bob"])], overrides);
    expect(shifts(schedule, new Date("2026-03-03T11:00:00Z"), new Date("2026-03-03T15:00:00Z")).map(row)).toEqual([
      ["alice", "2026-03-03T11:00:00.000Z", "2026-03-03T12:00:00.000Z", 0],
      ["dave", "2026-03-03T12:00:00.000Z", "2026-03-03T13:00:00.000Z", "override"],
      ["erin", "2026-03-03T13:00:00.000Z", "2026-03-03T14:00:00.000Z", "override"],
      ["alice", "2026-03-03T14:00:00.000Z", "2026-03-03T15:00:00.000Z", 0],
    ]);
  });

  it("is empty when `to` is not after `from`", () => {
    const schedule = sched(CHI, [rot("daily", "2026-03-02T09:00", abc)]);
    expect(shifts(schedule, new Date("2026-03-05T00:00:00Z"), new Date("2026-03-05T00:00:00Z"))).toEqual([]);
  });

  // The timeline and onCallAt are computed differently (spans vs. one instant); they must agree everywhere.
  it.each([CHI, BER])("agrees with onCallAt at every cut and 3000 instants over a year (%s)", (timeZone) => {
    const schedule = sched(
      timeZone,
      [
        rot("daily", "2026-01-05T09:00", ["a", "b", "c"]),
        rot(
          "hourly",
          "2026-03-08T02:30",
          ["h1", "h2"],
          { restrictions: [{ days: ["mon", "tue", "wed", "thu", "fri"], from: "09:00", to: "17:00" }] },
          5,
        ),
        rot("weekly", "2026-10-25T01:30", ["w1", "w2"], {
          restrictions: [{ days: ["fri", "sat"], from: "22:00", to: "02:30" }],
        }),
      ],
      [
        { user: "dave", replaces: "a", start: "2026-03-08T00:00:00Z", end: "2026-03-09T00:00:00Z" },
        { user: "erin", start: "2026-10-24T20:00:00Z", end: "2026-10-26T04:00:00Z" },
      ],
    );
    const from = Date.UTC(2026, 0, 1);
    const to = Date.UTC(2027, 0, 1);
    const timeline = shifts(schedule, new Date(from), new Date(to));
    const usersAt = (ms: number) =>
      timeline.filter((s) => s.start.getTime() <= ms && ms < s.end.getTime()).map((s) => s.user);
    const probes = [...new Set(timeline.flatMap((s) => [s.start.getTime(), s.end.getTime() - 1]))];
    for (let i = 0; i < 3000; i++) probes.push(from + Math.floor((((i * 7919) % 3000) / 3000) * (to - from)) + i);
    for (const ms of probes)
      expect([new Date(ms).toISOString(), usersAt(ms)]).toEqual([
        new Date(ms).toISOString(),
        onCallAt(schedule, new Date(ms)),
      ]);
  });
});
