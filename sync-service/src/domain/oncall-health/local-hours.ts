// When a page reaches a person, in their own time zone: working hours, off-hours and night, and which
// night a night page broke. Wall-clock times come from the zone's rules (Temporal), so a DST change
// moves them with the person: 06:30 UTC is 06:30 in London in winter (night) but 07:30 in summer (not).
import { Temporal } from "temporal-polyfill";

/** Off-hours: before 08:00 or from 20:00 on, local time. */
const DAY_STARTS = 8 * 60;
const DAY_ENDS = 20 * 60;
/** Night: from 22:00 until 07:00, local time (a subset of off-hours). */
const NIGHT_STARTS = 22 * 60;
const NIGHT_ENDS = 7 * 60;

export interface LocalPageTime {
  readonly offHours: boolean;
  readonly night: boolean;
  /**
   * The night a night page broke, named by the date of its evening (`YYYY-MM-DD`): 23:30 on 2 Nov and
   * 03:00 on 3 Nov are both the night of 2 Nov. Null for a page outside the night.
   */
  readonly nightOf: string | null;
}

/** Whether an instant is off-hours or night for someone in `timeZone`, and which night. */
export function localPageTime(at: Date, timeZone: string): LocalPageTime {
  const local = Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO(timeZone);
  const minute = local.hour * 60 + local.minute;
  const offHours = minute < DAY_STARTS || minute >= DAY_ENDS;
  const night = minute >= NIGHT_STARTS || minute < NIGHT_ENDS;
  const date = local.toPlainDate();
  const nightOf = !night ? null : (minute >= NIGHT_STARTS ? date : date.subtract({ days: 1 })).toString();
  return { offHours, night, nightOf };
}

/** The Monday (`YYYY-MM-DD`) of the ISO week a local date falls in. */
export function isoWeekStart(date: string): string {
  const day = Temporal.PlainDate.from(date);
  return day.subtract({ days: day.dayOfWeek - 1 }).toString();
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** "2 Nov" for `2026-11-02`: how warnings name a week by its Monday. */
export function shortDate(date: string): string {
  const day = Temporal.PlainDate.from(date);
  return `${day.day} ${MONTHS[day.month - 1]}`;
}
