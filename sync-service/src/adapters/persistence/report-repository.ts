import type { IncidentStatus } from "../../domain/incident.ts";
import type { WorkCategory } from "../../domain/linked-issue.ts";
import type { ActionItem } from "../../domain/postmortem/action-item.ts";
import type { Severity } from "../../domain/severity.ts";
import type { ReportRepository, TrackedItemFilter } from "../../ports/report-repository.ts";
import { Prisma } from "./generated/client.ts";
import { reportFacts } from "./report-facts.ts";
import type * as db from "./generated/client.ts";

type Db = Prisma.TransactionClient;

const toItem = (r: db.ActionItem): ActionItem => ({
  ...r,
  state: r.state as ActionItem["state"],
  statusCategory: r.statusCategory as WorkCategory | null,
});
const NOT_DONE = Prisma.sql`a.status_category IS DISTINCT FROM 'done'`;

/** The WHERE clause of the tracker's queries (items joined to their incidents as `a` and `i`). */
function trackedWhere(f: TrackedItemFilter): Prisma.Sql {
  const conditions = [
    Prisma.sql`i.tenant_id = ${f.tenantId}::uuid`,
    f.serviceId ? Prisma.sql`i.service_id = ${f.serviceId}::uuid` : null,
    f.severity ? Prisma.sql`i.severity::text = ${f.severity}` : null,
    f.assignee ? Prisma.sql`a.assignee = ${f.assignee}` : null,
    f.status === "done" ? Prisma.sql`a.status_category = 'done'` : f.status === "open" ? NOT_DONE : null,
    f.overdueOn ? Prisma.sql`${NOT_DONE} AND a.due_date < ${f.overdueOn}` : null,
  ].filter((c): c is Prisma.Sql => c !== null);
  return Prisma.join(conditions, " AND ");
}

export function reportRepository(db: Db): ReportRepository {
  return {
    ...reportFacts(db),
    async actionItemCounts(tenantId, from, to, today) {
      const [row] = await db.$queryRaw<{ done: bigint; open: bigint; overdue: bigint }[]>`
        SELECT count(*) FILTER (WHERE a.status_category = 'done') AS done,
               count(*) FILTER (WHERE a.status_category IS DISTINCT FROM 'done') AS open,
               count(*) FILTER (WHERE a.status_category IS DISTINCT FROM 'done' AND a.due_date < ${today}) AS overdue
        FROM action_items a JOIN incidents i ON i.id = a.incident_id
        WHERE i.tenant_id = ${tenantId}::uuid AND NOT i.drill AND i.created_at >= ${from} AND i.created_at < ${to}`;
      return { done: Number(row?.done ?? 0), open: Number(row?.open ?? 0), overdue: Number(row?.overdue ?? 0) };
    },
    async trackedItems(f) {
      // The join and the ordering in SQL (a tenant may have many incidents); then the rows of one page.
      const order =
        f.sort === "created" ? Prisma.sql`a.created_at DESC, a.id` : Prisma.sql`a.due_date ASC, a.created_at ASC, a.id`;
      const ids = await db.$queryRaw<{ id: string }[]>`
        SELECT a.id FROM action_items a JOIN incidents i ON i.id = a.incident_id
        WHERE ${trackedWhere(f)} ORDER BY ${order} LIMIT ${f.limit}`;
      const items = await db.actionItem.findMany({ where: { id: { in: ids.map((r) => r.id) } } });
      const incidents = await db.incident.findMany({
        where: { id: { in: [...new Set(items.map((i) => i.incidentId))] } },
        select: { id: true, number: true, title: true, severity: true, status: true, serviceId: true },
      });
      const itemById = new Map(items.map((i) => [i.id, i]));
      const incidentById = new Map(
        incidents.map((i) => [i.id, { ...i, severity: i.severity as Severity, status: i.status as IncidentStatus }]),
      );
      return ids.flatMap(({ id }) => {
        const item = itemById.get(id);
        const incident = item && incidentById.get(item.incidentId);
        return item && incident ? [{ item: toItem(item), incident }] : [];
      });
    },
    async trackedCounts(f, today) {
      const [row] = await db.$queryRaw<{ done: bigint; open: bigint; overdue: bigint }[]>`
        SELECT count(*) FILTER (WHERE a.status_category = 'done') AS done,
               count(*) FILTER (WHERE ${NOT_DONE}) AS open,
               count(*) FILTER (WHERE ${NOT_DONE} AND a.due_date < ${today}) AS overdue
        FROM action_items a JOIN incidents i ON i.id = a.incident_id
        WHERE ${trackedWhere(f)}`;
      return { done: Number(row?.done ?? 0), open: Number(row?.open ?? 0), overdue: Number(row?.overdue ?? 0) };
    },
    async itemOwners(tenantId) {
      const rows = await db.$queryRaw<{ assignee: string }[]>`
        SELECT DISTINCT a.assignee FROM action_items a JOIN incidents i ON i.id = a.incident_id
        WHERE i.tenant_id = ${tenantId}::uuid AND a.assignee IS NOT NULL ORDER BY a.assignee`;
      return rows.map((r) => r.assignee);
    },
  };
}
