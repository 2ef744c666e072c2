// The incident report's trends: the same weekly buckets per service and per responder (the person who
// first acknowledged), so a manager sees whose and which service's MTTA/MTTR move week on week.
import { groupBy } from "../../domain/group-by.ts";
import type { IncidentFacts } from "../../ports/report-repository.ts";
import { medianSeconds, weeklyBuckets, type WeekBucket } from "./weekly-buckets.ts";

export interface Trend {
  readonly incidents: number;
  readonly mttaMedianSeconds: number | null;
  readonly mttrMedianSeconds: number | null;
  /** Every week of the range, oldest first, empty weeks included. */
  readonly weeks: WeekBucket[];
}

export interface ServiceTrend extends Trend {
  readonly serviceId: string | null;
  readonly name: string;
}

/** TTA and TTR of the incidents this person acknowledged, from the incident's opening. */
export interface ResponderTrend extends Trend {
  readonly userId: string;
  readonly name: string;
}

function trend(incidents: readonly IncidentFacts[], from: Date, to: Date): Trend {
  return {
    incidents: incidents.length,
    ...medianSeconds(incidents),
    weeks: weeklyBuckets(incidents, from, to),
  };
}

/** One trend per service that had incidents in [from, to), busiest first. */
export function serviceTrends(
  incidents: readonly IncidentFacts[],
  from: Date,
  to: Date,
  serviceName: (id: string | null) => string,
): ServiceTrend[] {
  return [...groupBy(incidents, (i) => i.serviceId)]
    .map(([serviceId, list]) => ({ serviceId, name: serviceName(serviceId), ...trend(list, from, to) }))
    .sort((a, b) => b.incidents - a.incidents || a.name.localeCompare(b.name));
}

/** One trend per person who acknowledged incidents opened in [from, to), by name. */
export function responderTrends(
  incidents: readonly IncidentFacts[],
  from: Date,
  to: Date,
  personName: (id: string) => string,
): ResponderTrend[] {
  return [...groupBy(incidents, (i) => i.acknowledgedBy)]
    .flatMap(([userId, list]) => (userId ? [{ userId, name: personName(userId), ...trend(list, from, to) }] : []))
    .sort((a, b) => a.name.localeCompare(b.name));
}
