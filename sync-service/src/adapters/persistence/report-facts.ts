// The report queries over incidents, pages and timeline entries: one query each, never one per incident.
import { DAY_MS } from "../../domain/clock.ts";
import type { Severity } from "../../domain/severity.ts";
import type { DrillFacts, ReportRepository } from "../../ports/report-repository.ts";
import { Prisma } from "./generated/client.ts";

type Db = Prisma.TransactionClient;

interface FactRow {
  id: string;
  number: number;
  title: string;
  severity: string;
  service_id: string | null;
  created_at: Date;
  acknowledged_at: Date | null;
  resolved_at: Date | null;
  acknowledged_by: string | null;
}

/** Incidents (or drills) opened in [from, to), with the person of their first `incident.acknowledged` entry. */
async function incidentFacts(db: Db, tenantId: string, from: Date, to: Date, drill: boolean) {
  const rows = await db.$queryRaw<FactRow[]>`
    SELECT i.id, i.number, i.title, i.severity::text AS severity, i.service_id, i.created_at, i.acknowledged_at,
           i.resolved_at,
           (SELECT t.data->>'byUserId' FROM timeline_entries t
            WHERE t.incident_id = i.id AND t.type = 'incident.acknowledged'
            ORDER BY t.occurred_at, t.seq LIMIT 1) AS acknowledged_by
    FROM incidents i
    WHERE i.tenant_id = ${tenantId}::uuid AND i.drill = ${drill} AND i.created_at >= ${from} AND i.created_at < ${to}
    ORDER BY i.created_at, i.number`;
  return rows.map((r) => ({
    id: r.id,
    number: r.number,
    title: r.title,
    severity: r.severity as Severity,
    serviceId: r.service_id,
    createdAt: r.created_at,
    acknowledgedAt: r.acknowledged_at,
    resolvedAt: r.resolved_at,
    acknowledgedBy: r.acknowledged_by,
  }));
}

/** Who was paged for, added as responder to, or wrote a note on each incident of `ids`. */
async function participants(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  const idList = Prisma.join(ids.map((id) => Prisma.sql`${id}::uuid`));
  return db.$queryRaw<{ incident_id: string; kind: "paged" | "responder" | "note"; user_id: string }[]>`
    SELECT DISTINCT p.incident_id, 'paged' AS kind, p.user_id::text AS user_id FROM pages p
    WHERE p.incident_id IN (${idList})
    UNION
    SELECT t.incident_id, 'responder', jsonb_array_elements_text(t.data->'users') FROM timeline_entries t
    WHERE t.incident_id IN (${idList}) AND t.type = 'escalation.level' AND t.data->>'responder' = 'true'
    UNION
    SELECT t.incident_id, 'note', t.data->>'userId' FROM timeline_entries t
    WHERE t.incident_id IN (${idList}) AND t.type = 'note' AND t.data->>'userId' IS NOT NULL`;
}

export function reportFacts(
  db: Db,
): Pick<ReportRepository, "incidentsOpened" | "drillsOpened" | "notificationsSent" | "acknowledgements"> {
  return {
    async incidentsOpened(tenantId, from, to) {
      return incidentFacts(db, tenantId, from, to, false);
    },
    async drillsOpened(tenantId, from, to) {
      const drills = await incidentFacts(db, tenantId, from, to, true);
      const people = await participants(
        db,
        drills.map((d) => d.id),
      );
      const of = (id: string, kind: string) =>
        people.filter((p) => p.incident_id === id && p.kind === kind).map((p) => p.user_id);
      return drills.map((d): DrillFacts => ({
        ...d,
        paged: of(d.id, "paged"),
        respondersAdded: of(d.id, "responder"),
        noteWriters: of(d.id, "note"),
      }));
    },
    async notificationsSent(tenantId, from, to) {
      // A page's contact methods are tried over minutes: its first one may come just before `from`.
      const rows = await db.$queryRaw<
        { incident_id: string; user_id: string; level: number; round: number; at: Date }[]
      >`
        SELECT p.incident_id, p.user_id, p.level, p.round, p.created_at AS at
        FROM pages p JOIN incidents i ON i.id = p.incident_id
        WHERE i.tenant_id = ${tenantId}::uuid AND NOT i.drill
          AND p.created_at >= ${new Date(from.getTime() - DAY_MS)} AND p.created_at < ${to}`;
      return rows.map((r) => ({
        incidentId: r.incident_id,
        userId: r.user_id,
        level: r.level,
        round: r.round,
        at: r.at,
      }));
    },
    async acknowledgements(tenantId, from, to) {
      const rows = await db.$queryRaw<
        { incident_id: string; user_id: string; at: Date; first_paged_at: Date | null }[]
      >`
        SELECT DISTINCT ON (t.incident_id) t.incident_id, t.data->>'byUserId' AS user_id, t.occurred_at AS at,
               (SELECT min(p.created_at) FROM pages p
                WHERE p.incident_id = t.incident_id AND p.user_id::text = t.data->>'byUserId') AS first_paged_at
        FROM timeline_entries t JOIN incidents i ON i.id = t.incident_id
        WHERE i.tenant_id = ${tenantId}::uuid AND NOT i.drill AND t.type = 'incident.acknowledged'
          AND t.data->>'byUserId' IS NOT NULL AND t.occurred_at >= ${from} AND t.occurred_at < ${to}
        ORDER BY t.incident_id, t.occurred_at, t.seq`;
      return rows.map((r) => ({
        incidentId: r.incident_id,
        userId: r.user_id,
        at: r.at,
        firstPagedAt: r.first_paged_at,
      }));
    },
  };
}
