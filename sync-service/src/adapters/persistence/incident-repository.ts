import type { Incident } from "../../domain/incident.ts";
import type { IncidentFilter, IncidentRepository } from "../../ports/repositories.ts";
import { ConcurrentUpdatePersistenceError } from "./errors.ts";
import type { Prisma } from "./generated/client.ts";
import { toIncident } from "./mappers.ts";

type Db = Prisma.TransactionClient;

export function incidentRepository(db: Db): IncidentRepository {
  return {
    async insert(incident) {
      await db.incident.create({ data: { ...incident } });
    },
    async update(incident: Incident) {
      const { id, tenantId: _tenant, number: _number, createdAt: _created, ...changes } = incident;
      const { count } = await db.incident.updateMany({ where: { id, revision: incident.revision - 1 }, data: changes });
      if (count !== 1) {
        throw new ConcurrentUpdatePersistenceError(
          "INCIDENT.CONCURRENT_UPDATE",
          `INC-${incident.number} was changed by someone else at the same time; reload it and try again.`,
        );
      }
    },
    async findById(tenantId, id) {
      const row = await db.incident.findFirst({ where: { id, tenantId } });
      return row && toIncident(row);
    },
    async get(id) {
      const row = await db.incident.findUnique({ where: { id } });
      return row && toIncident(row);
    },
    async lockById(tenantId, id) {
      await db.$executeRaw`SELECT 1 FROM alerts WHERE incident_id = ${id}::uuid AND open_key IS NOT NULL ORDER BY id FOR UPDATE`;
      await db.$executeRaw`SELECT 1 FROM incidents WHERE id = ${id}::uuid AND tenant_id = ${tenantId}::uuid FOR UPDATE`;
      const row = await db.incident.findFirst({ where: { id, tenantId } });
      return row && toIncident(row);
    },
    async findByNumber(tenantId, number) {
      const row = await db.incident.findUnique({ where: { tenantId_number: { tenantId, number } } });
      return row && toIncident(row);
    },
    async list(filter: IncidentFilter) {
      const rows = await db.incident.findMany({
        where: {
          tenantId: filter.tenantId,
          ...(filter.statuses?.length ? { status: { in: [...filter.statuses] } } : {}),
          ...(filter.severities?.length ? { severity: { in: [...filter.severities] } } : {}),
          ...(filter.serviceId ? { serviceId: filter.serviceId } : {}),
          ...(filter.drill !== undefined ? { drill: filter.drill } : {}),
          ...(filter.text ? { OR: textMatch(filter.text) } : {}),
          ...(filter.beforeNumber !== undefined ? { number: { lt: filter.beforeNumber } } : {}),
        },
        orderBy: { number: "desc" },
        take: filter.limit,
      });
      return rows.map(toIncident);
    },
  };
}

/** Every word in the title, or the key's number: "checkout 5xx" and "INC-42" both find their incident. */
function textMatch(text: string): Prisma.IncidentWhereInput[] {
  const number = /^(?:[A-Za-z]+-)?(\d{1,9})$/.exec(text.trim())?.[1];
  const words = text.trim().split(/\s+/).filter(Boolean);
  return [
    { AND: words.map((w) => ({ title: { contains: w, mode: "insensitive" as const } })) },
    ...(number ? [{ number: Number(number) }] : []),
  ];
}
