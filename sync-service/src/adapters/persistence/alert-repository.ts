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
      await db.alert.update({ where: { id: alertId }, data: { count: { increment: 1 }, lastAt: at } });
      await timelineRepository(db).append(entry);
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
