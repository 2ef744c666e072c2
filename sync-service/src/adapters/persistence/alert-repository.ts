import type { Alert } from "../../domain/alert.ts";
import type { AlertRepository } from "../../ports/repositories.ts";
import type { Prisma } from "./generated/client.ts";
import { toAlert } from "./mappers.ts";
import { timelineRepository } from "./timeline-repository.ts";

type Db = Prisma.TransactionClient;

export function alertRepository(db: Db): AlertRepository {
  return {
    async findOpen(serviceId, dedupKey) {
      const row = await db.alert.findUnique({ where: { serviceId_openKey: { serviceId, openKey: dedupKey } } });
      return row && toAlert(row);
    },
    async insert(alert: Alert) {
      await db.alert.create({ data: { ...alert, openKey: alert.resolvedAt ? null : alert.dedupKey } });
    },
    async recordRepeat(alertId, at, entry) {
      const { count } = await db.alert.updateMany({ where: { id: alertId, openKey: { not: null } }, data: { count: { increment: 1 }, lastAt: at } });
      if (count === 1) await timelineRepository(db).append(entry);
      return count === 1;
    },
    async resolve(alertId, at) {
      await db.alert.update({ where: { id: alertId }, data: { openKey: null, resolvedAt: at } });
    },
    async resolveAllOf(incidentId, at) {
      const { count } = await db.alert.updateMany({
        where: { incidentId, openKey: { not: null } },
        data: { openKey: null, resolvedAt: at },
      });
      return count;
    },
    countOpen: (incidentId) => db.alert.count({ where: { incidentId, openKey: { not: null } } }),
    async listOf(incidentId) {
      return (await db.alert.findMany({ where: { incidentId }, orderBy: { firstAt: "asc" } })).map(toAlert);
    },
  };
}
