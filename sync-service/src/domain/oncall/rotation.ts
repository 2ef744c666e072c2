import { Temporal } from "temporal-polyfill";
import { localToEpochMs } from "./local-time.ts";
import type { Rotation } from "./schedule.ts";

const HOUR_MS = 3_600_000;
/** Bounds the memo of hand-off instants for long-running processes. */
const MEMO_LIMIT = 20_000;

/**
 * Where a rotation's hand-offs fall. Shift `k` runs from `handOff(k)` to `handOff(k + 1)` and
 * belongs to `users[k % users.length]`; shift 0 begins at `rotation.start`.
 */
export interface RotationClock {
  /** The shift containing `epochMs`, or -1 before the rotation starts. O(1): no walk from `start`. */
  shiftAt(epochMs: number, localDate: () => Temporal.PlainDate): number;
  handOff(shift: number): number;
}

export function rotationClock(rotation: Rotation, timeZone: string): RotationClock {
  const start = Temporal.PlainDateTime.from(rotation.start);
  return rotation.type === "hourly"
    ? elapsedHoursClock(localToEpochMs(start, timeZone), rotation.shiftLength * HOUR_MS)
    : wallClock(start, timeZone, rotation.shiftLength * (rotation.type === "weekly" ? 7 : 1));
}

/** docs/schedules.md: hourly hand-offs count elapsed hours, so a DST change does not move them: plain instant arithmetic. */
function elapsedHoursClock(startMs: number, periodMs: number): RotationClock {
  return {
    shiftAt: (epochMs) => (epochMs < startMs ? -1 : Math.floor((epochMs - startMs) / periodMs)),
    handOff: (shift) => startMs + shift * periodMs,
  };
}

/**
 * docs/schedules.md: daily and weekly hand-offs keep their local wall-clock time, so a shift spanning a DST change
 * lasts 23 or 25 hours. Hand-off `k` is `start` plus `k * periodDays` calendar days, read as RFC 5545
 * reads local times (see local-time.ts); the shift index comes from the count of local days elapsed.
 */
function wallClock(start: Temporal.PlainDateTime, timeZone: string, periodDays: number): RotationClock {
  const startDate = start.toPlainDate();
  const memo = new Map<number, number>();
  const handOff = (shift: number): number => {
    let ms = memo.get(shift);
    if (ms === undefined) {
      if (memo.size >= MEMO_LIMIT) memo.clear();
      ms = localToEpochMs(start.add({ days: shift * periodDays }), timeZone);
      memo.set(shift, ms);
    }
    return ms;
  };
  const shiftAt = (epochMs: number, localDate: () => Temporal.PlainDate): number => {
    if (epochMs < handOff(0)) return -1;
    const days = startDate.until(localDate(), { largestUnit: "days" }).days;
    let shift = Math.max(0, Math.floor(days / periodDays));
    // The estimate is off by one when the instant is on a hand-off day but before the hand-off time
    // (or, in a zone that skips a whole date, after it); a step or two settles it.
    while (shift > 0 && epochMs < handOff(shift)) shift--;
    while (epochMs >= handOff(shift + 1)) shift++;
    return shift;
  };
  return { shiftAt, handOff };
}
