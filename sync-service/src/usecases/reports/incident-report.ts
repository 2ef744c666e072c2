import type { Principal } from "../../domain/principal.ts";
import { SEVERITIES, type Severity } from "../../domain/severity.ts";
import type { ActionItemCounts, IncidentFacts } from "../../ports/report-repository.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { DAY_MS } from "../../domain/clock.ts";

export interface WeekBucket {
  /** The Monday (UTC) the week starts on, `YYYY-MM-DD`. */
  readonly weekStart: string;
  readonly incidents: number;
  readonly bySeverity: Record<Severity, number>;
  readonly mttaMedianSeconds: number | null;
  readonly mttrMedianSeconds: number | null;
}

export interface IncidentReport {
  readonly from: string;
  readonly to: string;
  readonly incidents: number;
  readonly bySeverity: Record<Severity, number>;
  readonly byService: { readonly serviceId: string | null; readonly name: string; readonly incidents: number }[];
  /** Mean and median time to acknowledge / resolve, in seconds, over the incidents that were. */
  readonly mtta: {
    readonly meanSeconds: number | null;
    readonly medianSeconds: number | null;
    readonly acknowledged: number;
  };
  readonly mttr: {
    readonly meanSeconds: number | null;
    readonly medianSeconds: number | null;
    readonly resolved: number;
  };
  readonly actionItems: ActionItemCounts;
  /** Every week that overlaps [from, to), oldest first, empty weeks included. */
  readonly weeks: WeekBucket[];
}

const WEEK_MS = 7 * DAY_MS;

function stats(seconds: number[]): { meanSeconds: number | null; medianSeconds: number | null } {
  if (seconds.length === 0) return { meanSeconds: null, medianSeconds: null };
  const sorted = [...seconds].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return {
    meanSeconds: Math.round(sorted.reduce((a, b) => a + b, 0) / sorted.length),
    medianSeconds: Math.round(median),
  };
}

const zeroBySeverity = () => Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
const secondsToAck = (facts: readonly IncidentFacts[]) =>
  facts.filter((i) => i.acknowledgedAt).map((i) => (i.acknowledgedAt!.getTime() - i.createdAt.getTime()) / 1000);
const secondsToResolve = (facts: readonly IncidentFacts[]) =>
  facts.filter((i) => i.resolvedAt).map((i) => (i.resolvedAt!.getTime() - i.createdAt.getTime()) / 1000);

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
      mttaMedianSeconds: stats(secondsToAck(week)).medianSeconds,
      mttrMedianSeconds: stats(secondsToResolve(week)).medianSeconds,
    };
  });
}

/** Incidents opened in [from, to): counts, MTTA, MTTR, weekly buckets and their action items. */
export async function incidentReport(deps: UseCaseDeps, by: Principal, from: Date, to: Date): Promise<IncidentReport> {
  return deps.uow.run(async (tx) => {
    const incidents = await tx.reports.incidentsOpened(by.tenantId, from, to);
    const services = new Map((await tx.services.list(by.tenantId)).map((s) => [s.id, s.name]));
    const bySeverity = zeroBySeverity();
    const byService = new Map<string | null, number>();
    for (const i of incidents) {
      bySeverity[i.severity]++;
      byService.set(i.serviceId, (byService.get(i.serviceId) ?? 0) + 1);
    }
    const tta = secondsToAck(incidents);
    const ttr = secondsToResolve(incidents);
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      incidents: incidents.length,
      bySeverity,
      byService: [...byService]
        .map(([serviceId, n]) => ({
          serviceId,
          name: serviceId ? (services.get(serviceId) ?? "deleted") : "no service",
          incidents: n,
        }))
        .sort((a, b) => b.incidents - a.incidents),
      mtta: { ...stats(tta), acknowledged: tta.length },
      mttr: { ...stats(ttr), resolved: ttr.length },
      actionItems: await tx.reports.actionItemCounts(
        by.tenantId,
        from,
        to,
        deps.clock.now().toISOString().slice(0, 10),
      ),
      weeks: weeklyBuckets(incidents, from, to),
    };
  });
}
