import ical from "ical-generator";
import type { Temporal } from "temporal-polyfill";
import { shifts, type OnCallShift } from "../../domain/oncall/oncall.ts";
import type { Schedule } from "../../domain/oncall/schedule.ts";

export interface ScheduleCalendarOptions {
  readonly from: Temporal.Instant | Date;
  readonly to: Temporal.Instant | Date;
  /** The calendar's display name (X-WR-CALNAME). */
  readonly name: string;
  /** Only this user's shifts. */
  readonly forUser?: string;
  /** DTSTAMP of every event; defaults to now. Pass it to get byte-identical feeds. */
  readonly stamp?: Date;
}

/**
 * The on-call timeline between `from` and `to` as an iCalendar feed: one VEVENT per shift, in UTC,
 * with a UID stable across regenerations (`<start>-<user>@firewatch`) so subscribed calendars
 * update events in place instead of duplicating them (RFC 5545 §3.8.4.7).
 */
export function scheduleCalendar(schedule: Schedule, options: ScheduleCalendarOptions): string {
  const calendar = ical({ name: options.name, prodId: { company: "Firewatch", product: "On-call", language: "EN" } });
  const stamp = options.stamp ?? new Date();
  for (const shift of shifts(schedule, options.from, options.to)) {
    if (options.forUser !== undefined && shift.user !== options.forUser) continue;
    calendar.createEvent({
      id: uid(shift),
      start: shift.start,
      end: shift.end,
      stamp,
      summary: `On call: ${shift.user}`,
      description: shift.override ? "Override" : `Layer ${(shift.layer ?? 0) + 1}`,
    });
  }
  return calendar.toString();
}

function uid(shift: OnCallShift): string {
  const start = shift.start
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}Z$/, "Z");
  return `${start}-${shift.user}@firewatch`;
}

/** One person's on-call shifts across several schedules, as one feed (summary = the schedule's name). */
export function userCalendar(
  schedules: readonly { id: string; name: string; schedule: Schedule }[],
  userId: string,
  options: Omit<ScheduleCalendarOptions, "forUser">,
): string {
  const calendar = ical({ name: options.name, prodId: { company: "Firewatch", product: "On-call", language: "EN" } });
  const stamp = options.stamp ?? new Date();
  for (const { id, name, schedule } of schedules) {
    for (const shift of shifts(schedule, options.from, options.to)) {
      if (shift.user !== userId) continue;
      calendar.createEvent({
        id: `${uid(shift).replace("@firewatch", "")}-${id}@firewatch`,
        start: shift.start,
        end: shift.end,
        stamp,
        summary: `On call: ${name}`,
      });
    }
  }
  return calendar.toString();
}
