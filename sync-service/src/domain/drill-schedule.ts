// When a service's practice incidents (drills) open by themselves: a weekday and local time in a zone, every N weeks
// from a start date.
import { Temporal } from "temporal-polyfill";
import { InvalidInputDomainError } from "./errors.ts";
import {
  isIanaTimeZone,
  localToEpochMs,
  localDateAt,
  parseLocalTime,
  WEEKDAYS,
  type Weekday,
} from "./oncall/local-time.ts";
import type { Severity } from "./severity.ts";

export const MAX_DRILL_TITLE_LENGTH = 200;
export const MAX_DRILL_EVERY_WEEKS = 8;

export interface DrillSchedule {
  readonly weekday: Weekday;
  /** Local wall-clock `HH:MM` in `timeZone`. */
  readonly time: string;
  readonly timeZone: string;
  /** 1: every week, 2: every other week, … up to 8. */
  readonly everyWeeks: number;
  /** `YYYY-MM-DD`: the first drill is on the first `weekday` on or after it. */
  readonly startsOn: string;
  /** null: "Practice drill: <service>". */
  readonly title: string | null;
  /** null: the service's default severity. */
  readonly severity: Severity | null;
}

/** @throws InvalidInputDomainError naming the field of a schedule that cannot fire (bad zone, time, date or cadence) */
export function validDrillSchedule(schedule: DrillSchedule): DrillSchedule {
  const invalid = (field: string, what: string) =>
    new InvalidInputDomainError("SERVICE.INVALID_DRILL_SCHEDULE", `\`drillSchedule.${field}\` ${what}.`);
  if (!WEEKDAYS.includes(schedule.weekday)) throw invalid("weekday", `is one of ${WEEKDAYS.join(", ")}`);
  if (!parseLocalTime(schedule.time)) throw invalid("time", "is a local time HH:MM, 00:00 to 23:59");
  if (!isIanaTimeZone(schedule.timeZone)) throw invalid("timeZone", "is an IANA time zone such as Europe/London");
  if (!Number.isInteger(schedule.everyWeeks) || schedule.everyWeeks < 1 || schedule.everyWeeks > MAX_DRILL_EVERY_WEEKS)
    throw invalid("everyWeeks", `is a whole number of weeks from 1 to ${MAX_DRILL_EVERY_WEEKS}`);
  if (!plainDate(schedule.startsOn)) throw invalid("startsOn", "is a calendar date YYYY-MM-DD");
  const title = schedule.title?.trim() || null;
  if (title && title.length > MAX_DRILL_TITLE_LENGTH)
    throw invalid("title", `has at most ${MAX_DRILL_TITLE_LENGTH} characters`);
  return { ...schedule, title };
}

/**
 * The first drill strictly after `after`, or null for no schedule. The local time is read as RFC 5545 reads it
 * (local-time.ts): in a spring-forward gap it moves forward, a repeated time is its first occurrence.
 */
export function nextDrillAt(schedule: DrillSchedule | null, after: Date): Date | null {
  if (!schedule) return null;
  const first = firstDrillDate(schedule);
  const time = parseLocalTime(schedule.time)!;
  const stepDays = 7 * schedule.everyWeeks;
  // Start a step before the local date of `after`: a date's wall-clock time may still lie ahead of it.
  const daysSinceFirst = first.until(localDateAt(after.getTime(), schedule.timeZone)).days;
  let k = Math.max(0, Math.floor(daysSinceFirst / stepDays) - 1);
  for (;;) {
    const at = localToEpochMs(first.add({ days: k * stepDays }).toPlainDateTime(time), schedule.timeZone);
    if (at > after.getTime()) return new Date(at);
    k += 1;
  }
}

/** The drill's incident title: the schedule's own, or "Practice drill: <service>". */
export function drillTitle(schedule: DrillSchedule, serviceName: string): string {
  return schedule.title ?? `Practice drill: ${serviceName}`;
}

/** An instant as the schedule's wall clock reads it: "2027-03-29 09:00 Europe/London". */
export function localDrillTime(schedule: DrillSchedule, at: Date): string {
  const local = Temporal.Instant.fromEpochMilliseconds(at.getTime()).toZonedDateTimeISO(schedule.timeZone);
  return `${local.toPlainDate().toString()} ${local.toPlainTime().toString({ smallestUnit: "minute" })} ${schedule.timeZone}`;
}

function firstDrillDate(schedule: DrillSchedule): Temporal.PlainDate {
  const start = plainDate(schedule.startsOn)!;
  const ahead = (WEEKDAYS.indexOf(schedule.weekday) + 1 - start.dayOfWeek + 7) % 7;
  return start.add({ days: ahead });
}

function plainDate(text: string): Temporal.PlainDate | undefined {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return undefined;
  try {
    return Temporal.PlainDate.from(text, { overflow: "reject" });
  } catch {
    return undefined;
  }
}
