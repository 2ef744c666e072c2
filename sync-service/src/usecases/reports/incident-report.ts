import type { Principal } from "../../domain/principal.ts";
import type { Severity } from "../../domain/severity.ts";
import type { ActionItemCounts } from "../../ports/report-repository.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { responderTrends, serviceTrends, type ResponderTrend, type ServiceTrend } from "./incident-trends.ts";
import {
  secondsToAck,
  secondsToResolve,
  stats,
  weeklyBuckets,
  zeroBySeverity,
  type WeekBucket,
} from "./weekly-buckets.ts";

export type { WeekBucket } from "./weekly-buckets.ts";

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
  /** Weekly counts and median MTTA/MTTR per service, busiest first. */
  readonly serviceTrends: ServiceTrend[];
  /** Per person who acknowledged: their incidents and weekly median TTA/TTR. */
  readonly responderTrends: ResponderTrend[];
}

/** Incidents opened in [from, to): counts, MTTA, MTTR, weekly buckets and their action items. */
export async function incidentReport(deps: UseCaseDeps, by: Principal, from: Date, to: Date): Promise<IncidentReport> {
  return deps.uow.run(async (tx) => {
    const incidents = await tx.reports.incidentsOpened(by.tenantId, from, to);
    const services = new Map((await tx.services.list(by.tenantId)).map((s) => [s.id, s.name]));
    const serviceName = (id: string | null) => (id ? (services.get(id) ?? "deleted") : "no service");
    const ackers = [...new Set(incidents.flatMap((i) => (i.acknowledgedBy ? [i.acknowledgedBy] : [])))];
    const people = new Map((await tx.oncall.findUsers(by.tenantId, ackers)).map((u) => [u.id, u.name]));
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
          name: serviceName(serviceId),
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
      serviceTrends: serviceTrends(incidents, from, to, serviceName),
      responderTrends: responderTrends(incidents, from, to, (id) => people.get(id) ?? "deleted"),
    };
  });
}
