import ICAL from "ical.js";
import { describe, expect, it } from "vitest";
import { onCallAt } from "../../domain/oncall/oncall.ts";
import { parseSchedule } from "../../domain/oncall/parse-schedule.ts";
import { scheduleCalendar } from "./schedule-ical.ts";

const schedule = parseSchedule({
  timeZone: "America/Chicago",
  layers: [
    { users: ["alice", "bob", "carol"], rotation: { type: "daily", shiftLength: 1, start: "2026-03-02T09:00" } },
    {
      users: ["xavier", "yolanda"],
      rotation: { type: "hourly", shiftLength: 4, start: "2026-03-02T09:00" },
      restrictions: [{ days: ["mon", "tue", "wed", "thu", "fri"], from: "09:00", to: "17:00" }],
    },
  ],
  overrides: [
    { user: "dave", replaces: "alice", start: "2026-03-08T00:00:00Z", end: "2026-03-09T00:00:00Z" },
    { user: "erin", start: "2026-03-04T20:00:00Z", end: "2026-03-05T02:00:00Z" },
  ],
});
const from = new Date("2026-03-02T00:00:00Z");
const to = new Date("2026-03-16T00:00:00Z");
const stamp = new Date("2026-03-01T00:00:00Z");

interface Parsed {
  uid: string;
  summary: string;
  start: Date;
  end: Date;
}

function parse(text: string): Parsed[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents("vevent").map((v) => {
    const event = new ICAL.Event(v);
    return { uid: event.uid, summary: event.summary, start: event.startDate.toJSDate(), end: event.endDate.toJSDate() };
  });
}

const covering = (events: Parsed[], at: Date) =>
  events.filter((e) => e.start <= at && at < e.end).map((e) => e.summary);

// Sample instants: a shift inside business hours, evenings, the 23 h shift over spring-forward
// (2026-03-08), override edges (start inclusive, end exclusive).
const samples = [
  "2026-03-02T15:00:00Z",
  "2026-03-02T18:59:59Z",
  "2026-03-02T23:00:00Z",
  "2026-03-04T20:00:00Z",
  "2026-03-05T01:59:59Z",
  "2026-03-05T02:00:00Z",
  "2026-03-07T16:00:00Z",
  "2026-03-08T00:00:00Z",
  "2026-03-08T13:59:59Z",
  "2026-03-08T14:00:00Z",
  "2026-03-09T00:00:00Z",
  "2026-03-09T14:30:00Z",
  "2026-03-13T21:59:00Z",
  "2026-03-15T23:59:59Z",
];

describe("scheduleCalendar", () => {
  const text = scheduleCalendar(schedule, { from, to, name: "Platform primary", stamp });
  const events = parse(text);

  it.each(samples)("the events covering %s are the users onCallAt gives", (at) => {
    const instant = new Date(at);
    expect(covering(events, instant)).toEqual(onCallAt(schedule, instant).map((user) => `On call: ${user}`));
  });

  it("writes UTC times, the calendar name and stable UIDs", () => {
    expect(text).toContain("X-WR-CALNAME:Platform primary");
    expect(text).toContain("DTSTART:20260302T150000Z\r\nDTEND:20260302T190000Z\r\n");
    expect(events[0]).toMatchObject({ uid: "20260302T150000Z-xavier@firewatch", summary: "On call: xavier" });
    expect(new Set(events.map((e) => e.uid)).size).toBe(events.length);
    expect(scheduleCalendar(schedule, { from, to, name: "Platform primary", stamp })).toBe(text);
  });

  it("keeps the 23 h daily shift over spring-forward in one event", () => {
    const carol = events.find((e) => e.uid === "20260307T150000Z-carol@firewatch");
    expect(carol && (carol.end.getTime() - carol.start.getTime()) / 3_600_000).toBe(23);
  });

  it("with forUser, holds only that user's shifts", () => {
    const mine = parse(scheduleCalendar(schedule, { from, to, name: "dave", forUser: "dave", stamp }));
    expect(mine.map((e) => [e.summary, e.start.toISOString(), e.end.toISOString()])).toEqual([
      // dave replaces alice only from when alice is on call (09:00 CDT = 14:00Z) to the override's end.
      ["On call: dave", "2026-03-08T14:00:00.000Z", "2026-03-09T00:00:00.000Z"],
    ]);
  });
});
