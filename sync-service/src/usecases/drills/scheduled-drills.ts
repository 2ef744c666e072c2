// Services' scheduled drills: one job per service waits for the next occurrence, opens the drill and queues the one
// after. A retried or duplicated job never opens a second drill for one occurrence: the occurrence is recorded
// under a unique key in the transaction that opens the drill.
import { randomUUID } from "node:crypto";
import { drillTitle, localDrillTime, nextDrillAt, type DrillSchedule } from "../../domain/drill-schedule.ts";
import { openIncident } from "../../domain/incident.ts";
import type { Service } from "../../domain/service.ts";
import { timelineEntries } from "../../domain/timeline-entries.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";
import { recordIncidentChange } from "../incidents/fan-out.ts";
import type { UseCaseDeps } from "../shared/deps.ts";

export const SCHEDULED_DRILL_TASK = "scheduled_drill";
/** Who the timeline and the pages name as having opened a scheduled drill. */
export const SCHEDULED_DRILL_ACTOR = { name: "Firewatch (scheduled drill)" } as const;
/** The inbox source the occurrences are recorded under, keyed `<serviceId>:<occurrence ISO>`. */
const OCCURRENCE_SOURCE = "scheduled-drill";

const jobKey = (serviceId: string) => `${SCHEDULED_DRILL_TASK}:${serviceId}`;

/**
 * Queues the service's next drill after `after` in place of any waiting one, or drops it when the service has no
 * schedule. Keyed jobs keep the earlier run time, so the waiting job is cancelled first rather than replaced.
 */
export async function planNextDrill(tx: Transaction, service: Service, after: Date): Promise<Date | null> {
  await tx.locks.lock(jobKey(service.id));
  await tx.jobs.cancelPending(jobKey(service.id));
  const next = nextDrillAt(service.drillSchedule, after);
  if (next) {
    await tx.jobs.enqueue({
      task: SCHEDULED_DRILL_TASK,
      key: jobKey(service.id),
      payload: { serviceId: service.id, occurrence: next.toISOString() },
      runAt: next,
    });
  }
  return next;
}

/** The scheduled drill job: opens the drill due at `occurrence` (once) and queues the next. */
export async function runScheduledDrill(deps: UseCaseDeps, serviceId: string, occurrence: Date): Promise<void> {
  await deps.uow.run(async (tx) => {
    await tx.locks.lock(jobKey(serviceId));
    const service = await tx.services.get(serviceId);
    const schedule = service?.drillSchedule;
    if (!service || !schedule) return; // deleted or cleared since: nothing waits any more
    const now = deps.clock.now();
    // A schedule changed while this job ran no longer has this occurrence; its own job is queued already.
    const due = nextDrillAt(schedule, new Date(occurrence.getTime() - 1))?.getTime() === occurrence.getTime();
    const key = `${serviceId}:${occurrence.toISOString()}`;
    if (due && (await tx.inbox.record(OCCURRENCE_SOURCE, key, { serviceId, occurrence: occurrence.toISOString() })))
      await openDrill(tx, service, schedule, occurrence, now);
    await planNextDrill(tx, service, occurrence > now ? occurrence : now);
  });
}

async function openDrill(tx: Transaction, service: Service, schedule: DrillSchedule, occurrence: Date, now: Date) {
  const incident = openIncident(
    {
      id: randomUUID(),
      tenantId: service.tenantId,
      number: await tx.tenants.nextIncidentNumber(service.tenantId),
      title: drillTitle(schedule, service.name),
      severity: schedule.severity ?? service.defaultSeverity,
      serviceId: service.id,
      drill: true,
    },
    now,
  );
  await tx.incidents.insert(incident);
  const local = localDrillTime(schedule, occurrence);
  await recordIncidentChange(
    tx,
    { kind: "opened", incident, service },
    timelineEntries.scheduledDrill(incident, SCHEDULED_DRILL_ACTOR, service.name, local),
  );
}
