// Incidents in UTC weeks with their median time to acknowledge and resolve: the incident report's weeks
// and each of its per-service and per-responder trends.
import { DAY_MS } from "../../domain/clock.ts";
import { SEVERITIES, type Severity } from "../../domain/severity.ts";
import { mean, median } from "../../domain/statistics.ts";
import type { IncidentFacts } from "../../ports/report-repository.ts";

export interface WeekBucket {
  /** The Monday (UTC) the week starts on, `YYYY-MM-DD`. */
  readonly weekStart: string;
  readonly incidents: number;
  readonly bySeverity: Record<Severity, number>;
  readonly mttaMedianSeconds: number | null;
  readonly mttrMedianSeconds: number | null;
}

const WEEK_MS = 7 * DAY_MS;
const rounded = (value: number | null) => (value === null ? null : Math.round(value));

export function stats(seconds: number[]): { meanSeconds: number | null; medianSeconds: number | null } {
  return { meanSeconds: rounded(mean(seconds)), medianSeconds: rounded(median(seconds)) };
}

export const zeroBySeverity = () => Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
export const secondsToAck = (facts: readonly IncidentFacts[]) =>
  facts.filter((i) => i.acknowledgedAt).map((i) => (i.acknowledgedAt!.getTime() - i.createdAt.getTime()) / 1000);
export const secondsToResolve = (facts: readonly IncidentFacts[]) =>
  facts.filter((i) => i.resolvedAt).map((i) => (i.resolvedAt!.getTime() - i.createdAt.getTime()) / 1000);

/** Median seconds from opening to acknowledgement and to resolution. */
export function medianSeconds(facts: readonly IncidentFacts[]) {
  return {
    mttaMedianSeconds: rounded(median(secondsToAck(facts))),
    mttrMedianSeconds: rounded(median(secondsToResolve(facts))),
  };
}

/** Monday 00:00 UTC on or before `at`. Weeks are UTC, so each is exactly 7 × 24 h whatever the DST rules. */
export function weekStartOf(at: Date): Date {
  const day = Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate());
  return new Date(day - ((new Date(day).getUTCDay() + 6) % 7) * DAY_MS);
}

/** The incidents of [from, to) in weekly buckets: counts by severity and median MTTA/MTTR per week. */
export function weeklyBuckets(incidents: readonly IncidentFacts[], from: Date, to: Date): WeekBucket[] {
  const first = weekStartOf(from).getTime();
  const groups: IncidentFacts[][] = [];
  for (let start = first; start < to.getTime(); start += WEEK_MS) groups.push([]);
  for (const i of incidents) groups[Math.floor((weekStartOf(i.createdAt).getTime() - first) / WEEK_MS)]?.push(i);
  return groups.map((week, n) => {
    const bySeverity = zeroBySeverity();
    for (const i of week) bySeverity[i.severity]++;
    return {
      weekStart: new Date(first + n * WEEK_MS).toISOString().slice(0, 10),
      incidents: week.length,
      bySeverity,
      ...medianSeconds(week),
    };
  });
}
