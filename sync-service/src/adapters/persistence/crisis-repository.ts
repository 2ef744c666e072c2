import type { ConferenceBridge, ResponsePlay, ResponsePlayDefinition } from "../../domain/crisis.ts";
import type {
  CrisisRepository,
  DeliveryCounts,
  DeliveryRecord,
  StoredSubscriber,
} from "../../ports/crisis-repository.ts";
import { DuplicatePersistenceError, uniqueViolation } from "./errors.ts";
import { Prisma } from "./generated/client.ts";
import type * as db from "./generated/client.ts";

type Db = Prisma.TransactionClient;

const toSubscriber = (row: db.IncidentSubscriber): StoredSubscriber => ({
  ...row,
  kind: row.kind as StoredSubscriber["kind"],
  origin: row.origin as StoredSubscriber["origin"],
});
const toDelivery = (row: db.StatusUpdateDelivery): DeliveryRecord => ({
  ...row,
  channel: row.channel as DeliveryRecord["channel"],
  state: row.state as DeliveryRecord["state"],
});
const toPlay = (row: db.ResponsePlay): ResponsePlay => ({
  ...(row.definition as unknown as ResponsePlayDefinition),
  id: row.id,
  tenantId: row.tenantId,
  name: row.name,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});

export function crisisRepository(db: Db): CrisisRepository {
  return {
    async addSubscriber(subscriber) {
      const { incidentId, kind, ref } = subscriber;
      const created = await db.incidentSubscriber.createMany({ data: [subscriber], skipDuplicates: true });
      const row = await db.incidentSubscriber.findUniqueOrThrow({
        where: { incidentId_kind_ref: { incidentId, kind, ref } },
      });
      return { subscriber: toSubscriber(row), added: created.count === 1 };
    },
    async listSubscribers(incidentId) {
      const rows = await db.incidentSubscriber.findMany({
        where: { incidentId },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      });
      return rows.map(toSubscriber);
    },
    async removeSubscriber(incidentId, id) {
      const row = await db.incidentSubscriber.findFirst({ where: { incidentId, id } });
      if (row) await db.incidentSubscriber.delete({ where: { id } });
      return row && toSubscriber(row);
    },
    async insertStatusUpdate(update) {
      const created = await db.statusUpdate.createMany({ data: [update], skipDuplicates: true });
      return created.count === 1;
    },
    async getStatusUpdate(id) {
      return db.statusUpdate.findUnique({ where: { id } });
    },
    async listStatusUpdates(incidentId) {
      const updates = await db.statusUpdate.findMany({
        where: { incidentId },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      });
      const groups = await db.statusUpdateDelivery.groupBy({
        by: ["statusUpdateId", "state"],
        where: { statusUpdateId: { in: updates.map((u) => u.id) } },
        _count: { _all: true },
      });
      return updates.map((u) => ({ ...u, deliveries: countsOf(groups.filter((g) => g.statusUpdateId === u.id)) }));
    },
    async insertDeliveries(deliveries) {
      if (deliveries.length === 0) return [];
      const rows = await db.statusUpdateDelivery.createManyAndReturn({
        data: deliveries.map((d) => ({ ...d })),
        skipDuplicates: true,
        select: { id: true },
      });
      return rows.map((r) => r.id);
    },
    async lockDelivery(id) {
      await db.$queryRaw`SELECT id FROM status_update_deliveries WHERE id = ${id}::uuid FOR UPDATE`;
      const row = await db.statusUpdateDelivery.findUnique({ where: { id } });
      return row && toDelivery(row);
    },
    async setDeliveryState(id, change) {
      await db.statusUpdateDelivery.update({ where: { id }, data: change });
    },
    async savePlay(play) {
      const { id, tenantId, name, createdAt, updatedAt, ...definition } = play;
      const json = definition as unknown as Prisma.InputJsonValue;
      try {
        await db.responsePlay.upsert({
          where: { id },
          create: { id, tenantId, name, definition: json, createdAt, updatedAt },
          update: { name, definition: json, updatedAt },
        });
      } catch (error) {
        if (uniqueViolation(error))
          throw new DuplicatePersistenceError(
            "PLAY.NAME_TAKEN",
            `\`name\`: a response play named ${JSON.stringify(name)} already exists.`,
            { cause: error },
          );
        throw error;
      }
    },
    async findPlay(tenantId, id) {
      const row = await db.responsePlay.findFirst({ where: { tenantId, id } });
      return row && toPlay(row);
    },
    async listPlays(tenantId) {
      const rows = await db.responsePlay.findMany({ where: { tenantId }, orderBy: [{ name: "asc" }, { id: "asc" }] });
      return rows.map(toPlay);
    },
    async deletePlay(tenantId, id) {
      await db.responsePlay.deleteMany({ where: { tenantId, id } });
    },
    async lockPlayRun(incidentId, playId) {
      const rows = await db.$queryRaw<{ steps: string[] }[]>`
        SELECT steps FROM incident_play_runs WHERE incident_id = ${incidentId}::uuid AND play_id = ${playId}::uuid FOR UPDATE`;
      return rows[0]?.steps ?? [];
    },
    async savePlayRun(incidentId, playId, steps, at) {
      await db.incidentPlayRun.upsert({
        where: { incidentId_playId: { incidentId, playId } },
        create: { incidentId, playId, steps: [...steps], firstRunAt: at, lastRunAt: at },
        update: { steps: [...steps], lastRunAt: at },
      });
    },
    async bridgeOf(incidentId) {
      const row = await db.incident.findUnique({ where: { id: incidentId }, select: { conferenceBridge: true } });
      return (row?.conferenceBridge ?? null) as ConferenceBridge | null;
    },
    async setBridge(incidentId, bridge) {
      await db.incident.update({
        where: { id: incidentId },
        data: { conferenceBridge: bridge ? { ...bridge } : Prisma.DbNull },
      });
    },
  };
}

function countsOf(groups: readonly { state: string; _count: { _all: number } }[]): DeliveryCounts {
  const n = (state: string) => groups.filter((g) => g.state === state).reduce((sum, g) => sum + g._count._all, 0);
  const total = groups.reduce((sum, g) => sum + g._count._all, 0);
  return { total, sent: n("sent"), failed: n("failed"), pending: total - n("sent") - n("failed") };
}
