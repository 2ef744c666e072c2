// Generated schedules at and inside SCHEDULE_LIMITS: whatever parseSchedule accepts, every on-call question
// the API asks of it (who now, the next 90 days, a 400-day calendar feed) is answered with real dates and no
// exception, anywhere in the years a schedule may name. This is what keeps one saved value from breaking the
// schedule list and the feeds of a whole tenant.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { onCallAt, shifts } from "./oncall.ts";
import { parseSchedule } from "./parse-schedule.ts";
import { SCHEDULE_LIMITS, type RotationType } from "./schedule.ts";
import { WEEKDAYS } from "./local-time.ts";
import { DAY_MS } from "../clock.ts";

const L = SCHEDULE_LIMITS;
// Zones with DST, with a half-hour or 45-minute offset, and with a skipped calendar day (Samoa, 2011-12-30).
const ZONES = ["America/Chicago", "Europe/Berlin", "Australia/Lord_Howe", "Asia/Kathmandu", "Pacific/Apia", "UTC"];
const FIRST_MS = Date.UTC(L.firstYear, 0, 1);
const LAST_MS = Date.UTC(L.lastYear, 11, 31, 23, 59);

const pad = (n: number) => String(n).padStart(2, "0");
const instantIn = fc.integer({ min: FIRST_MS, max: LAST_MS });
const localDateTime = instantIn.map((ms) => new Date(ms).toISOString().slice(0, 16));
const localTime = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${pad(h)}:${pad(m)}`);
/** Edges first: a bound is where an overflow would show. */
const shiftLength = (type: RotationType) =>
  fc.oneof(fc.constantFrom(1, L.shiftLength[type]), fc.integer({ min: 1, max: L.shiftLength[type] }));
const rotation = fc
  .constantFrom<RotationType>("hourly", "daily", "weekly")
  .chain((type) => fc.record({ type: fc.constant(type), shiftLength: shiftLength(type), start: localDateTime }));
const restriction = fc.record({ days: fc.subarray([...WEEKDAYS], { minLength: 1 }), from: localTime, to: localTime });
const layer = fc.record({
  users: fc.array(fc.constantFrom("ann", "bo", "cy"), { minLength: 1, maxLength: 3 }),
  rotation,
  restrictions: fc.option(fc.array(restriction, { maxLength: 2 }), { nil: undefined }),
});
// An override starts at least a minute before the last instant, so clamping its end to LAST_MS leaves it non-empty.
const overrideStart = fc.integer({ min: FIRST_MS, max: LAST_MS - 60_000 });
const override = fc
  .tuple(
    overrideStart,
    fc.integer({ min: 1, max: 400 * DAY_MS }),
    fc.option(fc.constantFrom("ann", "bo"), { nil: undefined }),
  )
  .map(([start, length, replaces]) => ({
    user: "dee",
    replaces,
    start: new Date(start).toISOString(),
    end: new Date(Math.min(start + length, LAST_MS)).toISOString(),
  }));
const schedule = fc.record({
  timeZone: fc.constantFrom(...ZONES),
  layers: fc.array(layer, { minLength: 1, maxLength: 3 }),
  overrides: fc.array(override, { maxLength: 3 }),
});

describe("a schedule within SCHEDULE_LIMITS", () => {
  it("answers who is on call, who is next and a 400-day feed anywhere in its years", () => {
    fc.assert(
      fc.property(schedule, instantIn, (json, at) => {
        const parsed = parseSchedule(json);
        const now = new Date(at);
        expect(onCallAt(parsed, now).every((u) => typeof u === "string")).toBe(true);
        for (const span of [90, 400]) {
          for (const s of shifts(parsed, now, new Date(at + span * DAY_MS))) {
            expect(Number.isFinite(s.start.getTime()) && s.end > s.start).toBe(true);
          }
        }
      }),
      { numRuns: 60 },
    );
  });
});
