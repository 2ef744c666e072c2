import type { TimelineEntry } from "../../domain/timeline.ts";
import type { TimelineFilter, TimelineRepository } from "../../ports/repositories.ts";
import type { Prisma } from "./generated/client.ts";
import { toTimelineEntry } from "./mappers.ts";

type Db = Prisma.TransactionClient;

const TIME_ORDER = [{ occurredAt: "asc" as const }, { seq: "asc" as const }];

/** Fields written on insert and on re-sync; `edits` and `keyMoment` only when the entry carries them. */
function columns(entry: TimelineEntry) {
  const {
    id: _id,
    incidentId: _incident,
    source: _source,
    sourceId: _sourceId,
    edits,
    keyMoment,
    data,
    ...rest
  } = entry;
  return {
    ...rest,
    data: data as Prisma.InputJsonObject,
    ...(edits === undefined ? {} : { edits: edits as unknown as Prisma.InputJsonArray }),
    ...(keyMoment === undefined ? {} : { keyMoment }),
  };
}

function pageWhere(incidentId: string, f: TimelineFilter): Prisma.TimelineEntryWhereInput {
  return {
    incidentId,
    ...(f.sources?.length ? { source: { in: [...f.sources] } } : {}),
    ...(f.types?.length ? { type: { in: [...f.types] } } : {}),
    ...(f.keyMomentsOnly ? { keyMoment: true } : {}),
    ...(f.after
      ? {
          OR: [
            { occurredAt: { gt: f.after.occurredAt } },
            { occurredAt: f.after.occurredAt, seq: { gt: f.after.seq } },
          ],
        }
      : {}),
  };
}

export function timelineRepository(db: Db): TimelineRepository {
  return {
    async append(entry) {
      const { id, incidentId, source, sourceId } = entry;
      const data = columns(entry);
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
    async findBySource(incidentId, source, sourceId) {
      const row = await db.timelineEntry.findUnique({
        where: { incidentId_source_sourceId: { incidentId, source, sourceId } },
      });
      return row && toTimelineEntry(row);
    },
    async listOf(incidentId, options = {}) {
      const rows = await db.timelineEntry.findMany({
        where: { incidentId, ...(options.after ? { occurredAt: { gt: options.after } } : {}) },
        orderBy: TIME_ORDER,
        take: options.limit ?? 1000,
      });
      return rows.map(toTimelineEntry);
    },
    async page(incidentId, filter) {
      const rows = await db.timelineEntry.findMany({
        where: pageWhere(incidentId, filter),
        orderBy: TIME_ORDER,
        take: filter.limit,
      });
      return rows.map(toTimelineEntry);
    },
    async edit(id, body, edits) {
      await db.timelineEntry.update({
        where: { id },
        data: { body, edits: edits as unknown as Prisma.InputJsonArray },
      });
    },
    async setKeyMoment(id, keyMoment) {
      await db.timelineEntry.update({ where: { id }, data: { keyMoment } });
    },
    async unannounced(incidentId, since, types, limit, anyTimeTypes = []) {
      const rows = await db.timelineEntry.findMany({
        where: {
          incidentId,
          announcedAt: null,
          OR: [
            { occurredAt: { gte: since }, type: { in: [...types] } },
            ...(anyTimeTypes.length ? [{ type: { in: [...anyTimeTypes] } }] : []),
          ],
        },
        orderBy: TIME_ORDER,
        take: limit,
      });
      return rows.map(toTimelineEntry);
    },
    async markAnnounced(id, at) {
      await db.timelineEntry.update({ where: { id }, data: { announcedAt: at } });
    },
  };
}
