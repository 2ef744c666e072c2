// JQL date operands (https://support.atlassian.com/jira-software-cloud/docs/jql-fields/#Created):
// absolute "yyyy/MM/dd HH:mm", "yyyy-MM-dd HH:mm", "yyyy/MM/dd", "yyyy-MM-dd" in the user's time zone,
// or relative to now: "-1d", "-4w 2d", "1h", with units y, M (months), w, d, h, m (minutes).
import { Temporal } from "temporal-polyfill";

const RELATIVE = /^\s*([+-]?\d+[yMwdhm])(\s+[+-]?\d+[yMwdhm])*\s*$/;
const ABSOLUTE = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:\s+(\d{1,2}):(\d{2}))?$/;
const UNIT: Record<string, "years" | "months" | "weeks" | "days" | "hours" | "minutes"> = { y: "years", M: "months", w: "weeks", d: "days", h: "hours", m: "minutes" };

/** @returns the instant, or null when the text is not a JQL date */
export function parseJqlDate(text: string, now: Date, timeZone: string): Date | null {
  const t = text.trim();
  if (RELATIVE.test(t)) {
    let at = Temporal.Instant.fromEpochMilliseconds(now.getTime()).toZonedDateTimeISO(timeZone);
    // A leading sign applies to the whole duration, as in Jira: "-1d 4h" is 28 hours ago.
    const sign = t.startsWith("-") ? -1 : 1;
    for (const part of t.split(/\s+/)) {
      const amount = Math.abs(Number(part.slice(0, -1))) * sign;
      at = at.add({ [UNIT[part.slice(-1)]!]: amount });
    }
    return new Date(at.epochMilliseconds);
  }
  const m = ABSOLUTE.exec(t);
  if (!m) return null;
  try {
    const local = Temporal.PlainDateTime.from({
      year: Number(m[1]), month: Number(m[2]), day: Number(m[3]), hour: Number(m[4] ?? 0), minute: Number(m[5] ?? 0),
    }, { overflow: "reject" });
    return new Date(local.toZonedDateTime(timeZone, { disambiguation: "compatible" }).epochMilliseconds);
  } catch {
    return null;
  }
}

/** Field values: ISO date-times from the REST API, or plain dates ("2026-03-02", due dates) in the site's zone. */
export function parseFieldDate(value: unknown, timeZone: string): Date | null {
  if (typeof value !== "string" || !value) return null;
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    return new Date(Temporal.PlainDate.from(value).toZonedDateTime({ timeZone }).epochMilliseconds);
  }
  // Jira writes offsets as +0000; Date.parse wants +00:00.
  const t = Date.parse(value.replace(/([+-]\d{2})(\d{2})$/, "$1:$2"));
  return Number.isNaN(t) ? null : new Date(t);
}
