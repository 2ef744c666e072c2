import { onCallHealth, type OnCallHealth } from "../../domain/oncall-health/oncall-health.ts";
import { scheduleShifts } from "../../domain/oncall-health/hours-on-call.ts";
import type { Principal } from "../../domain/principal.ts";
import { readStoredSchedule } from "../oncall/stored-schedule.ts";
import type { UseCaseDeps } from "../shared/deps.ts";

export interface OnCallHealthReport extends OnCallHealth {
  readonly from: string;
  readonly to: string;
  /** Schedules left out because their stored definition no longer validates. */
  readonly brokenSchedules: { readonly scheduleId: string; readonly name: string }[];
}

/** `GET /api/reports/oncall`: pages, nights, hours on call and their evenness over [from, to) (docs/reports.md). */
export async function oncallHealthReport(
  deps: UseCaseDeps,
  by: Principal,
  from: Date,
  to: Date,
): Promise<OnCallHealthReport> {
  return deps.uow.run(async (tx) => {
    const [users, records, notifications, acknowledgements] = await Promise.all([
      tx.oncall.listUsers(by.tenantId),
      tx.oncall.listSchedules(by.tenantId),
      tx.reports.notificationsSent(by.tenantId, from, to),
      tx.reports.acknowledgements(by.tenantId, from, to),
    ]);
    const read = records.map((record) => ({ record, ...readStoredSchedule(record) }));
    const schedules = read.flatMap((r) =>
      "schedule" in r ? [scheduleShifts(r.record.id, r.record.name, r.schedule, from, to)] : [],
    );
    const health = onCallHealth({ from, to, people: users, notifications, acknowledgements, schedules });
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      ...health,
      brokenSchedules: read.flatMap((r) => ("broken" in r ? [{ scheduleId: r.record.id, name: r.record.name }] : [])),
    };
  });
}
