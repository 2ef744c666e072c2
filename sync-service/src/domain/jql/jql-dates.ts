// JQL date operands (https://support.atlassian.com/jira-software-cloud/docs/jql-fields/#Created):
// absolute "yyyy/MM/dd HH:mm", "yyyy-MM-dd HH:mm", "yyyy/MM/dd", "yyyy-MM-dd" in the user's time zone,
// or relative to now: "-1d", "-4w 2d", "1h", with units w, d, h, m (minutes); y and M (months) are read too.
import { Temporal } from "temporal-polyfill";

const RELATIVE = /^\s*([+-]?\d+[yMwdhm])(\s+[+-]?\d+[yMwdhm])*\s*$/;
const ABSOLUTE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/;
const UNIT: Record<string, "years" | "months" | "weeks" | "days" | "hours" | "minutes"> = {
  y: "years",
  M: "months",
  w: "weeks",
  d: "days",
  h: "hours",
  m: "minutes",
};
/** Minutes per unit; a year and a month at their average length, so 100y, 1200M and 36525d are one span. */
const MINUTES: Record<string, number> = { y: 525_960, M: 43_830, w: 10_080, d: 1_440, h: 60, m: 1 };

/**
 * The range of dates a rule may name. No Jira issue was created before 1900, and a relative date reaching
 * further than a century is a typo; a bound also keeps the date arithmetic finite (`-99999999999999d`
 * would overflow it on every event).
 */
export const JQL_DATE_LIMITS = { relativeYears: 100, firstYear: 1900, lastYear: 9999 } as const;
const MAX_RELATIVE_MINUTES = JQL_DATE_LIMITS.relativeYears * MINUTES.y!;

/** A leading sign applies to the whole duration, as in Jira: "-1d 4h" is 28 hours ago. */
function relativeParts(text: string): { unit: string; amount: number }[] {
  const sign = text.startsWith("-") ? -1 : 1;
  return text
    .split(/\s+/)
    .map((part) => ({ unit: part.slice(-1), amount: Math.abs(Number(part.slice(0, -1))) * sign }));
}

/**
 * Why a relative or absolute JQL date is out of range ("reaches more than …"), or null: null too for text
 * that is not a JQL date at all, which Jira then judges.
 */
export function jqlDateProblem(text: string): string | null {
  const t = text.trim();
  if (RELATIVE.test(t)) {
    const minutes = relativeParts(t).reduce((sum, p) => sum + Math.abs(p.amount) * MINUTES[p.unit]!, 0);
    if (minutes <= MAX_RELATIVE_MINUTES) return null;
    const days = MAX_RELATIVE_MINUTES / MINUTES.d!;
    return `reaches more than ${JQL_DATE_LIMITS.relativeYears} years from now; a relative date reaches at most ${days}d, written like "-4w 2d"`;
  }
  const year = Number(ABSOLUTE.exec(t)?.[1] ?? NaN);
  if (year < JQL_DATE_LIMITS.firstYear || year > JQL_DATE_LIMITS.lastYear) {
    return `is outside the years ${JQL_DATE_LIMITS.firstYear} to ${JQL_DATE_LIMITS.lastYear}`;
  }
  return null;
}

/** @returns the instant, or null when the text is not a JQL date or out of range (see jqlDateProblem); never throws */
export function parseJqlDate(text: string, now: Date, timeZone: string): Date | null {
  const t = text.trim();
  if (jqlDateProblem(t) !== null) return null;
  if (RELATIVE.test(t)) {
    let at = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(timeZone);
    for (const { unit, amount } of relativeParts(t)) at = at.add({ [UNIT[unit]!]: amount });
    return new Date(at.epochMilliseconds);
  }
  const m = ABSOLUTE.exec(t);
  if (!m) return null;
  try {
    const local = Temporal.PlainDateTime.from(
      {
        year: Number(m[1]),
        month: Number(m[2]),
        day: Number(m[3]),
        hour: Number(m[4] ?? 0),
        minute: Number(m[5] ?? 0),
      },
      { overflow: "reject" },
    );
    return new Date(local.toZonedDateTime(timeZone, { disambiguation: "compatible" }).epochMilliseconds);
  } catch {
    return null;
  }
}

/** Field values: ISO date-times from the REST API, or plain dates ("2026-03-02", due dates) in the site's zone; null when neither. */
export function parseFieldDate(value: unknown, timeZone: string): Date | null {
  if (typeof value !== "string" || !value) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    try {
      return new Date(Temporal.PlainDate.from(value).toZonedDateTime({ timeZone }).epochMilliseconds);
    } catch {
      return null; // "2026-02-31" in a custom text field: an issue's data never fails an evaluation
    }
  }
  // Jira writes offsets as +0000; Date.parse wants +00:00.
  const t = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, "$1:$2"));
  return Number.isNaN(t) ? null : new Date(t);
}
