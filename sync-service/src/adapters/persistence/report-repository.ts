import type { Severity } from "../../domain/severity.ts";
import type { ReportRepository } from "../../ports/report-repository.ts";
import type { Prisma } from "./generated/client.ts";

type Db = Prisma.TransactionClient;

export function reportRepository(db: Db): ReportRepository {
  return {
    async incidentsOpened(tenantId, from, to) {
      const rows = await db.incident.findMany({
        where: { tenantId, createdAt: { gte: from, lt: to } },
        select: { severity: true, serviceId: true, createdAt: true, acknowledgedAt: true, resolvedAt: true },
      });
      return rows.map((r) => ({ ...r, severity: r.severity as Severity }));
    },
    async actionItemCounts(tenantId, from, to, today) {
      const [row] = await db.$queryRaw<{ done: bigint; open: bigint; overdue: bigint }[]>`
        SELECT count(*) FILTER (WHERE a.status_category = 'done') AS done,
               count(*) FILTER (WHERE a.status_category IS DISTINCT FROM 'done') AS open,
               count(*) FILTER (WHERE a.status_category IS DISTINCT FROM 'done' AND a.due_date < ${today}) AS overdue
        FROM action_items a JOIN incidents i ON i.id = a.incident_id
        WHERE i.tenant_id = ${tenantId}::uuid AND i.created_at >= ${from} AND i.created_at < ${to}`;
      return { done: Number(row?.done ?? 0), open: Number(row?.open ?? 0), overdue: Number(row?.overdue ?? 0) };
    },
  };
}
