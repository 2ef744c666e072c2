import { Temporal } from "temporal-polyfill";

export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * How a schedule's local wall-clock times become instants. RFC 5545 §3.3.5
 * (https://www.rfc-editor.org/rfc/rfc5545#section-3.3.5) reads a time inside a spring-forward gap
 * with the offset from before the gap (02:30 becomes 03:30) and a repeated time as its first
 * occurrence; Temporal's "compatible" disambiguation is exactly that rule
 * (https://tc39.es/proposal-temporal/docs/zoneddatetime.html#ambiguity-due-to-dst-or-other-time-zone-offset-changes).
 */
const RFC_5545 = { disambiguation: "compatible" } as const;

/** Epoch milliseconds of a local wall-clock time in `timeZone`, read as RFC 5545 reads it. */
export function localToEpochMs(local: Temporal.PlainDateTime, timeZone: string): number {
  return local.toZonedDateTime(timeZone, RFC_5545).epochMilliseconds;
}

/** The local calendar date in `timeZone` at an instant. */
export function localDateAt(epochMs: number, timeZone: string): Temporal.PlainDate {
  return Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(timeZone).toPlainDate();
}

export function weekdayOf(date: Temporal.PlainDate): Weekday {
  return WEEKDAYS[date.dayOfWeek - 1]!;
}

/** Milliseconds since the epoch of a `Date` or `Temporal.Instant` (sub-millisecond digits are dropped). */
export function toEpochMs(instant: Temporal.Instant | Date): number {
  return instant instanceof Date ? instant.getTime() : instant.epochMilliseconds;
}

const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;
const LOCAL_TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

/** `2026-03-02T09:00` (seconds optional, no offset), or undefined when the text is anything else. */
export function parseLocalDateTime(text: string): Temporal.PlainDateTime | undefined {
  if (!LOCAL_DATE_TIME.test(text)) return undefined;
  try {
    return Temporal.PlainDateTime.from(text);
  } catch {
    return undefined; // e.g. 2026-02-30
  }
}

/** `HH:MM` from 00:00 to 23:59, or undefined. */
export function parseLocalTime(text: string): Temporal.PlainTime | undefined {
  return LOCAL_TIME.test(text) ? Temporal.PlainTime.from(text) : undefined;
}

/** An ISO-8601 instant that carries its offset or `Z` (e.g. `2026-03-08T00:00:00Z`), or undefined. */
export function parseInstantText(text: string): Temporal.Instant | undefined {
  try {
    // Temporal refuses an instant without offset, so a local time cannot slip through as UTC.
    return Temporal.Instant.from(text);
  } catch {
    return undefined;
  }
}

/** True for a named IANA zone Temporal knows; fixed offsets such as "+01:00" are refused. */
export function isIanaTimeZone(name: string): boolean {
  if (/^[+-]/.test(name)) return false;
  try {
    Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(name);
    return true;
  } catch {
    return false;
  }
}
