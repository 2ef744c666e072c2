// The on-call health report over a seeded month, checked against a table computed by hand.
//
// The month is [Mon 2026-10-19 00:00Z, Mon 2026-11-16 00:00Z): four weeks, 672 h, with both DST changes in it:
//   Europe/London     2026-10-25 01:00Z  BST (UTC+1) → GMT (UTC+0)
//   America/New_York  2026-11-01 06:00Z  EDT (UTC−4) → EST (UTC−5)
// Off-hours is before 08:00 or from 20:00 local; night is 22:00–07:00 local (so every night page is off-hours
// too); a night is named by its evening's date and counted in that date's ISO week (Monday first).
import { describe, expect, it } from "vitest";
import { parseSchedule } from "../oncall/parse-schedule.ts";
import { scheduleShifts } from "./hours-on-call.ts";
import { onCallHealth, type Acknowledgement, type Notification } from "./oncall-health.ts";

const FROM = new Date("2026-10-19T00:00:00Z");
const TO = new Date("2026-11-16T00:00:00Z");
const people = [
  { id: "alice", name: "Alice Adams", timeZone: "Europe/London" },
  { id: "bob", name: "Bob Brown", timeZone: "America/New_York" },
  { id: "carol", name: "Carol Chen", timeZone: "UTC" },
  { id: "dave", name: "Dave Idle", timeZone: "UTC" }, // no page, no shift, no acknowledgement: not in the report
];
const page = (userId: string, incidentId: string, at: string, level = 0, round = 0): Notification => ({
  incidentId,
  userId,
  level,
  round,
  at: new Date(at),
});
const notifications: Notification[] = [
  page("alice", "i0", "2026-10-18T23:00:00Z"), // before the range: left out
  page("alice", "i1", "2026-10-20T06:30:00Z"), // 07:30 BST: off-hours, not night
  page("alice", "i2", "2026-10-21T12:00:00Z"), // 13:00 BST: working hours
  page("alice", "i3", "2026-10-21T19:30:00Z"), // 20:30 BST: off-hours, not night
  page("alice", "i4", "2026-10-27T06:30:00Z"), // 06:30 GMT (after London's change): night of Mon 26 Oct
  page("alice", "i5", "2026-10-28T22:15:00Z"), // 22:15 GMT: night of Wed 28 Oct
  page("alice", "i6", "2026-10-29T02:00:00Z"), // 02:00 GMT: night of 28 Oct again …
  page("alice", "i6", "2026-10-29T02:05:00Z"), // … the same page to a second contact method: one page
  page("alice", "i6", "2026-10-29T02:30:00Z", 0, 1), // the policy's next round: another page, same night
  page("alice", "i7", "2026-10-30T23:00:00Z"), // 23:00 GMT: night of Fri 30 Oct
  page("bob", "i1", "2026-10-20T11:30:00Z", 1), // 07:30 EDT: off-hours, not night (level 2: another page)
  page("bob", "i8", "2026-10-31T11:30:00Z"), // 07:30 EDT: off-hours, not night
  page("bob", "i9", "2026-11-02T11:30:00Z"), // 06:30 EST (after New York's change): night of Sun 1 Nov, week of 26 Oct
  page("bob", "i10", "2026-11-03T03:30:00Z"), // 22:30 EST on 2 Nov: night of 2 Nov
  page("bob", "i11", "2026-11-04T04:00:00Z"), // 23:00 EST on 3 Nov: night of 3 Nov
  page("bob", "i12", "2026-11-05T10:00:00Z"), // 05:00 EST on 5 Nov: night of 4 Nov
  page("bob", "i13", "2026-11-06T00:30:00Z"), // 19:30 EST on 5 Nov: working hours (it would be 20:30 in EDT)
  page("bob", "i14", "2026-11-10T15:00:00Z"), // 10:00 EST: working hours
  page("carol", "i2", "2026-10-21T12:05:00Z", 1), // 12:05 UTC: working hours
  page("carol", "i15", "2026-11-16T00:00:00Z"), // at `to`: left out
];
const ack = (userId: string, incidentId: string, at: string, firstPagedAt: string | null): Acknowledgement => ({
  incidentId,
  userId,
  at: new Date(at),
  firstPagedAt: firstPagedAt ? new Date(firstPagedAt) : null,
});
const acknowledgements = [
  ack("alice", "i1", "2026-10-20T06:34:00Z", "2026-10-20T06:30:00Z"), // 240 s
  ack("alice", "i4", "2026-10-27T06:40:00Z", "2026-10-27T06:30:00Z"), // 600 s
  ack("alice", "i6", "2026-10-29T02:03:00Z", "2026-10-29T02:00:00Z"), // 180 s → median 240 s
  ack("bob", "i9", "2026-11-02T11:32:00Z", "2026-11-02T11:30:00Z"), // 120 s
  ack("bob", "i10", "2026-11-03T03:45:00Z", "2026-11-03T03:30:00Z"), // 900 s → median (120 + 900) / 2 = 510 s
  ack("bob", "i2", "2026-10-21T12:10:00Z", null), // never paged for it: counted, but no time to acknowledge
];

// Primary (London): weekly from Mon 12 Oct 09:00 local, Alice then Bob, so hand-offs at 09:00 BST (08:00Z) on
// 19 Oct and 09:00 GMT (09:00Z) from 26 Oct on. Bob takes Alice's week of 26 Oct by override.
//   Alice: 19 Oct 00:00Z–08:00Z (8 h) + 9 Nov 09:00Z–16 Nov 00:00Z (159 h)                  = 167 h
//   Bob:   19 Oct 08:00Z–26 Oct 09:00Z (169 h: the 25 Oct night has an hour more)
//          + override 26 Oct 09:00Z–2 Nov 09:00Z (168 h) + 2 Nov–9 Nov 09:00Z (168 h)        = 505 h
//   Bob's share 505 / 672 = 0.7515 ≥ 1.5 × ½: a warning. Fairness 1 − Gini = 1 − (2 × 338) / (2 × 2 × 672) = 0.75.
// Database (New York): Carol every day; Bob added by override 9 Nov 00:00Z–10 Nov 00:00Z (24 h), whose first
// 9 h overlap his Primary week: his hours over both schedules are 505 + 15 = 520, not 529.
//   Carol 672 h, Bob 24 h: share 672 / 696 = 0.966; fairness 1 − (2 × 648) / (2 × 2 × 696) = 0.53.
const primary = parseSchedule({
  timeZone: "Europe/London",
  layers: [{ users: ["alice", "bob"], rotation: { type: "weekly", shiftLength: 1, start: "2026-10-12T09:00" } }],
  overrides: [{ user: "bob", replaces: "alice", start: "2026-10-26T09:00:00Z", end: "2026-11-02T09:00:00Z" }],
});
const database = parseSchedule({
  timeZone: "America/New_York",
  layers: [{ users: ["carol"], rotation: { type: "daily", shiftLength: 1, start: "2026-10-01T00:00" } }],
  overrides: [{ user: "bob", add: true, start: "2026-11-09T00:00:00Z", end: "2026-11-10T00:00:00Z" }],
});

describe("on-call health over a month with both DST changes", () => {
  const report = onCallHealth({
    from: FROM,
    to: TO,
    people,
    notifications,
    acknowledgements,
    schedules: [
      scheduleShifts("s1", "Primary", primary, FROM, TO),
      scheduleShifts("s2", "Database", database, FROM, TO),
    ],
  });

  it("counts each person's pages, off-hours and night pages in their own zone, hours and time to acknowledge", () => {
    const row = (p: (typeof report.people)[number]) => [
      p.name,
      p.pages,
      p.offHoursPages,
      p.nightPages,
      p.hoursOnCall,
      p.sleepInterruptions.nights,
      p.sleepInterruptions.perWeek,
      p.acknowledged,
      p.ttaMedianSeconds,
    ];
    // name           pages off-hours night hours nights per week acks TTA
    expect(report.people.map(row)).toEqual([
      ["Alice Adams", 8, 7, 5, 167, 3, 0.75, 3, 240],
      ["Bob Brown", 8, 6, 4, 520, 4, 1, 3, 510],
      ["Carol Chen", 1, 0, 0, 672, 0, 0, 0, null],
    ]);
  });

  it("counts broken nights per ISO week of the person's zone, a Sunday night in the week it began", () => {
    const weeks = Object.fromEntries(report.people.map((p) => [p.name, p.sleepInterruptions.weeks]));
    expect(weeks["Alice Adams"]).toEqual([{ weekStart: "2026-10-26", nights: 3, nightPages: 5 }]);
    expect(weeks["Bob Brown"]).toEqual([
      { weekStart: "2026-10-26", nights: 1, nightPages: 1 },
      { weekStart: "2026-11-02", nights: 3, nightPages: 3 },
    ]);
  });

  it("shares each schedule's hours among its members and says how evenly they fall", () => {
    expect(report.schedules).toEqual([
      {
        scheduleId: "s1",
        name: "Primary",
        hoursOnCall: 672,
        members: [
          { userId: "bob", hoursOnCall: 505, share: 0.751, pages: 8, offHoursPages: 6 },
          { userId: "alice", hoursOnCall: 167, share: 0.249, pages: 8, offHoursPages: 7 },
        ],
        // off-hours pages 7 and 6: 1 − (2 × 1) / (2 × 2 × 13) = 0.96
        fairness: { hours: 0.75, offHoursPages: 0.96 },
      },
      {
        scheduleId: "s2",
        name: "Database",
        hoursOnCall: 696,
        members: [
          { userId: "carol", hoursOnCall: 672, share: 0.966, pages: 1, offHoursPages: 0 },
          { userId: "bob", hoursOnCall: 24, share: 0.034, pages: 8, offHoursPages: 6 },
        ],
        // off-hours pages 0 and 6: 1 − (2 × 6) / (2 × 2 × 6) = 0.5
        fairness: { hours: 0.53, offHoursPages: 0.5 },
      },
    ]);
  });

  it("warns of ≥ 3 night pages in a week and of one member carrying 1.5 × an even share of the hours", () => {
    expect(report.warnings.map((w) => w.message)).toEqual([
      "Alice Adams: 5 night pages in the week of 26 Oct",
      "Bob Brown: 3 night pages in the week of 2 Nov",
      "Bob Brown carried 75% of Primary's on-call hours",
      "Carol Chen carried 97% of Database's on-call hours",
    ]);
  });
});
