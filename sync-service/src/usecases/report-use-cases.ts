import type { Principal } from "../domain/principal.ts";
import { SEVERITIES, type Severity } from "../domain/severity.ts";
import type { UseCaseDeps } from "./deps.ts";

export interface IncidentReport {
  readonly from: string;
  readonly to: string;
  readonly incidents: number;
  readonly bySeverity: Record<Severity, number>;
  readonly byService: { readonly serviceId: string | null; readonly name: string; readonly incidents: number }[];
  /** Mean and median time to acknowledge / resolve, in seconds, over the incidents that were. */
  readonly mtta: { readonly meanSeconds: number | null; readonly medianSeconds: number | null; readonly acknowledged: number };
  readonly mttr: { readonly meanSeconds: number | null; readonly medianSeconds: number | null; readonly resolved: number };
  readonly actionItems: { readonly open: number; readonly overdue: number; readonly done: number };
}

function stats(seconds: number[]): { meanSeconds: number | null; medianSeconds: number | null } {
  if (seconds.length === 0) return { meanSeconds: null, medianSeconds: null };
  const sorted = [...seconds].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const median = sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return { meanSeconds: Math.round(sorted.reduce((a, b) => a + b, 0) / sorted.length), medianSeconds: Math.round(median) };
}

/** Incidents opened in [from, to): counts, MTTA, MTTR and their action items. */
export async function incidentReport(deps: UseCaseDeps, by: Principal, from: Date, to: Date): Promise<IncidentReport> {
  return deps.uow.run(async (tx) => {
    const incidents = await tx.reports.incidentsOpened(by.tenantId, from, to);
    const services = new Map((await tx.services.list(by.tenantId)).map((s) => [s.id, s.name]));
    const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
    const byService = new Map<string | null, number>();
    for (const i of incidents) {
      bySeverity[i.severity]++;
      byService.set(i.serviceId, (byService.get(i.serviceId) ?? 0) + 1);
    }
    const tta = incidents.filter((i) => i.acknowledgedAt).map((i) => (i.acknowledgedAt!.getTime() - i.createdAt.getTime()) / 1000);
    const ttr = incidents.filter((i) => i.resolvedAt).map((i) => (i.resolvedAt!.getTime() - i.createdAt.getTime()) / 1000);
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      incidents: incidents.length,
      bySeverity,
      byService: [...byService].map(([serviceId, n]) => ({ serviceId, name: serviceId ? (services.get(serviceId) ?? "deleted") : "no service", incidents: n })).sort((a, b) => b.incidents - a.incidents),
      mtta: { ...stats(tta), acknowledged: tta.length },
      mttr: { ...stats(ttr), resolved: ttr.length },
      actionItems: await tx.reports.actionItemCounts(by.tenantId, from, to, deps.clock.now().toISOString().slice(0, 10)),
    };
  });
}
