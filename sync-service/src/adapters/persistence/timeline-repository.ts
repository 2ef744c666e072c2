import type { TimelineEntry } from "../../domain/timeline.ts";
import type { TimelineRepository } from "../../ports/repositories.ts";
import type { Prisma } from "./generated/client.ts";
import { toTimelineEntry } from "./mappers.ts";

type Db = Prisma.TransactionClient;

export function timelineRepository(db: Db): TimelineRepository {
  return {
    async append(entry: TimelineEntry) {
      const { id, incidentId, source, sourceId, ...rest } = entry;
      const data = { ...rest, data: rest.data as Prisma.InputJsonObject };
      await db.timelineEntry.upsert({
        where: { incidentId_source_sourceId: { incidentId, source, sourceId } },
        create: { id, incidentId, source, sourceId, ...data },
        update: data,
      });
    },
    async get(id) {
      const row = await db.timelineEntry.findUnique({ where: { id } });
      return row && toTimelineEntry(row);
    },
    async listOf(incidentId, options = {}) {
      const rows = await db.timelineEntry.findMany({
        where: { incidentId, ...(options.after ? { occurredAt: { gt: options.after } } : {}) },
        orderBy: [{ occurredAt: "asc" }, { createdAt: "asc" }],
        take: options.limit ?? 1000,
      });
      return rows.map(toTimelineEntry);
    },
  };
}
