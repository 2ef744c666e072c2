// The `drillSchedule` of a service's body (docs/drills.md). No express here, so clients can take its type.
import { z } from "zod";
import { MAX_DRILL_EVERY_WEEKS, MAX_DRILL_TITLE_LENGTH } from "../../domain/drill-schedule.ts";
import { isIanaTimeZone, parseLocalTime, WEEKDAYS } from "../../domain/oncall/local-time.ts";
import { SEVERITIES } from "../../domain/severity.ts";
import { calendarDate } from "../schemas.ts";

/** When the service's drills open by themselves; null: never. */
export const drillScheduleBody = z.strictObject({
  weekday: z.enum(WEEKDAYS),
  time: z.string().refine((t) => parseLocalTime(t) !== undefined, "must be a local time HH:MM, from 00:00 to 23:59"),
  timeZone: z.string().max(64).refine(isIanaTimeZone, "must be an IANA time zone such as Europe/London"),
  everyWeeks: z
    .number()
    .int("must be a whole number of weeks")
    .min(1)
    .max(MAX_DRILL_EVERY_WEEKS, `must be at most ${MAX_DRILL_EVERY_WEEKS} weeks`),
  startsOn: calendarDate(),
  title: z.string().trim().max(MAX_DRILL_TITLE_LENGTH).nullish(),
  severity: z.enum(SEVERITIES).nullish(),
});
