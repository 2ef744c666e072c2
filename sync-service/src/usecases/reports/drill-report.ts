import type { Principal } from "../../domain/principal.ts";
import { median } from "../../domain/statistics.ts";
import type { UseCaseDeps } from "../shared/deps.ts";

export interface DrillPerson {
  readonly userId: string;
  readonly name: string;
}

export interface DrillRow {
  readonly incidentId: string;
  readonly number: number;
  readonly title: string;
  readonly service: { readonly id: string; readonly name: string } | null;
  readonly openedAt: string;
  readonly secondsToAcknowledge: number | null;
  readonly secondsToResolve: number | null;
  readonly acknowledgedBy: DrillPerson | null;
  readonly paged: DrillPerson[];
  readonly respondersAdded: DrillPerson[];
  readonly noteWriters: DrillPerson[];
}

export interface DrillReport {
  readonly from: string;
  readonly to: string;
  readonly drills: DrillRow[];
  readonly totals: { readonly drills: number; readonly acknowledged: number; readonly ttaMedianSeconds: number | null };
}

const seconds = (from: Date, to: Date | null) => (to ? Math.round((to.getTime() - from.getTime()) / 1000) : null);

/** `GET /api/reports/drills`: each drill opened in [from, to), how fast it was answered and who took part. */
export async function drillReport(deps: UseCaseDeps, by: Principal, from: Date, to: Date): Promise<DrillReport> {
  return deps.uow.run(async (tx) => {
    const drills = await tx.reports.drillsOpened(by.tenantId, from, to);
    const services = new Map((await tx.services.list(by.tenantId)).map((s) => [s.id, s.name]));
    const ids = drills.flatMap((d) => [...d.paged, ...d.respondersAdded, ...d.noteWriters, d.acknowledgedBy ?? ""]);
    const names = new Map((await tx.oncall.findUsers(by.tenantId, [...new Set(ids)])).map((u) => [u.id, u.name]));
    const person = (userId: string): DrillPerson => ({ userId, name: names.get(userId) ?? "deleted" });
    const rows = drills.map((d): DrillRow => ({
      incidentId: d.id,
      number: d.number,
      title: d.title,
      service: d.serviceId ? { id: d.serviceId, name: services.get(d.serviceId) ?? "deleted" } : null,
      openedAt: d.createdAt.toISOString(),
      secondsToAcknowledge: seconds(d.createdAt, d.acknowledgedAt),
      secondsToResolve: seconds(d.createdAt, d.resolvedAt),
      acknowledgedBy: d.acknowledgedBy ? person(d.acknowledgedBy) : null,
      paged: d.paged.map(person),
      respondersAdded: d.respondersAdded.map(person),
      noteWriters: d.noteWriters.map(person),
    }));
    const tta = rows.flatMap((r) => (r.secondsToAcknowledge === null ? [] : [r.secondsToAcknowledge]));
    const ttaMedian = median(tta);
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      drills: rows,
      totals: {
        drills: rows.length,
        acknowledged: tta.length,
        ttaMedianSeconds: ttaMedian === null ? null : Math.round(ttaMedian),
      },
    };
  });
}
