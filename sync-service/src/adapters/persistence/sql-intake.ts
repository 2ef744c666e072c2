// Alert intake in hand-written SQL on the raw driver. Every monitoring event passes here, and Prisma's
// per-query cost (about 0.7 ms of CPU against 0.1 ms for a prepared `pg` statement, measured in
// bench/README.md) capped intake near 130 events/s on two cores. The rest of the service uses Prisma.
import { randomUUID } from "node:crypto";
import type { Alert } from "../../domain/alert.ts";
import type { Incident } from "../../domain/incident.ts";
import type { TimelineEntry } from "../../domain/timeline.ts";
import type { AlertIntakeTransaction, AlertIntakeUnitOfWork } from "../../ports/unit-of-work.ts";
import type { Database } from "./database.ts";
import { ConcurrentUpdatePersistenceError } from "./errors.ts";
import type * as db from "./generated/client.ts";
import { ENQUEUE_KEYED_SQL, enqueueParams } from "./job-store.ts";
import { fromSqlRow, toAlert, toIncident, toService } from "./mappers.ts";
import type { SqlTransaction } from "./sql-transaction.ts";

type Row = Record<string, any>;

const INCIDENT_COLUMNS = `id, tenant_id, number, title, description, severity, status, service_id, owner_id, revision,
  created_at, updated_at, acknowledged_at, resolved_at`;

const TIMELINE_INSERT = `INSERT INTO timeline_entries (id, incident_id, type, source, source_id, occurred_at, author, body, data)
  VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9::jsonb)
  ON CONFLICT (incident_id, source, source_id) DO UPDATE
    SET type = EXCLUDED.type, occurred_at = EXCLUDED.occurred_at, author = EXCLUDED.author, body = EXCLUDED.body, data = EXCLUDED.data`;

const timelineParams = (e: TimelineEntry) => [
  e.id,
  e.incidentId,
  e.type,
  e.source,
  e.sourceId,
  e.occurredAt,
  e.author,
  e.body,
  JSON.stringify(e.data),
];

/** An alert row given by to_jsonb(), whose timestamps are ISO strings: turned back into Dates. */
function alertFromJson(json: Row): db.Alert {
  const row = fromSqlRow<db.Alert>(json);
  return {
    ...row,
    firstAt: new Date(row.firstAt),
    lastAt: new Date(row.lastAt),
    resolvedAt: row.resolvedAt && new Date(row.resolvedAt),
  };
}

function bind(tx: SqlTransaction, enqueued: () => void): AlertIntakeTransaction {
  const sql = tx.query.bind(tx);
  return {
    intake: {
      async serviceByIntegrationKey(integrationKey) {
        const [row] = await sql("fw_service_by_key", "SELECT * FROM services WHERE integration_key = $1", [
          integrationKey,
        ]);
        return row ? toService(fromSqlRow(row)) : null;
      },
      async serviceWithOpenAlert(integrationKey, dedupKey) {
        const [row] = await sql(
          "fw_service_open_alert",
          `SELECT s.*, (SELECT to_jsonb(a.*) FROM alerts a WHERE a.service_id = s.id AND a.open_key = $2 FOR UPDATE) AS alert
           FROM services s WHERE s.integration_key = $1`,
          [integrationKey, dedupKey],
        );
        return row
          ? { service: toService(fromSqlRow(row)), alert: row.alert ? toAlert(alertFromJson(row.alert)) : null }
          : null;
      },
    },
    incidents: {
      async insert(i: Incident) {
        tx.defer(
          "incident_insert",
          `INSERT INTO incidents (${INCIDENT_COLUMNS}) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14)`,
          [
            i.id,
            i.tenantId,
            i.number,
            i.title,
            i.description,
            i.severity,
            i.status,
            i.serviceId,
            i.ownerId,
            i.revision,
            i.createdAt,
            i.updatedAt,
            i.acknowledgedAt,
            i.resolvedAt,
          ],
        );
      },
      async update(i: Incident) {
        const rows = await sql(
          "fw_incident_update",
          `UPDATE incidents SET title = $3, description = $4, severity = $5, status = $6, service_id = $7, owner_id = $8,
             revision = $2, updated_at = $9, acknowledged_at = $10, resolved_at = $11
           WHERE id = $1 AND revision = $2 - 1 RETURNING id`,
          [
            i.id,
            i.revision,
            i.title,
            i.description,
            i.severity,
            i.status,
            i.serviceId,
            i.ownerId,
            i.updatedAt,
            i.acknowledgedAt,
            i.resolvedAt,
          ],
        );
        if (rows.length !== 1) {
          throw new ConcurrentUpdatePersistenceError(
            "INCIDENT.CONCURRENT_UPDATE",
            `INC-${i.number} was changed at the same time; try again.`,
          );
        }
      },
      async lockById(tenantId, id) {
        const [row] = await sql(
          "fw_incident_lock",
          `SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE id = $1 AND tenant_id = $2 FOR UPDATE`,
          [id, tenantId],
        );
        return row ? toIncident(fromSqlRow(row)) : null;
      },
    },
    alerts: {
      async insert(a: Alert) {
        tx.defer(
          "alert_insert",
          `INSERT INTO alerts (id, service_id, incident_id, dedup_key, open_key, summary, source, severity, count, first_at, last_at, resolved_at)
           VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)`,
          [
            a.id,
            a.serviceId,
            a.incidentId,
            a.dedupKey,
            a.resolvedAt ? null : a.dedupKey,
            a.summary,
            a.source,
            a.severity,
            a.count,
            a.firstAt,
            a.lastAt,
            a.resolvedAt,
          ],
        );
      },
      async recordRepeat(alertId, at, e) {
        tx.defer("alert_repeat", "UPDATE alerts SET count = count + 1, last_at = $2 WHERE id = $1", [alertId, at]);
        tx.defer("timeline_append", TIMELINE_INSERT, timelineParams(e));
      },
      async resolve(alertId, at) {
        tx.defer("alert_resolve", "UPDATE alerts SET open_key = NULL, resolved_at = $2 WHERE id = $1", [alertId, at]);
      },
      async countOpen(incidentId) {
        const [row] = await sql(
          "fw_alert_count_open",
          "SELECT count(*)::int AS n FROM alerts WHERE incident_id = $1 AND open_key IS NOT NULL",
          [incidentId],
        );
        return row!.n as number;
      },
    },
    timeline: {
      async append(e: TimelineEntry) {
        tx.defer("timeline_append", TIMELINE_INSERT, timelineParams(e));
      },
    },
    tenants: {
      async nextIncidentNumber(tenantId) {
        const [row] = await sql(
          "fw_tenant_next_number",
          "UPDATE tenants SET incident_seq = incident_seq + 1 WHERE id = $1 RETURNING incident_seq",
          [tenantId],
        );
        return row!.incident_seq as number;
      },
    },
    inbox: {
      async record(source, deliveryKey, payload, eventKey) {
        // No conflict target: a clash on either unique key (delivery or event) makes it a duplicate.
        const rows = await sql(
          "fw_inbox_record",
          `INSERT INTO inbound_deliveries (id, source, delivery_key, event_key, payload) VALUES ($1, $2, $3, $4, $5::jsonb)
           ON CONFLICT DO NOTHING RETURNING id`,
          [randomUUID(), source, deliveryKey, eventKey ?? null, JSON.stringify(payload ?? null)],
        );
        return rows.length === 1;
      },
    },
    jobs: {
      async enqueue(job) {
        enqueued();
        if (!job.key) throw new Error("intake only enqueues keyed jobs");
        tx.defer("job_enqueue", ENQUEUE_KEYED_SQL, enqueueParams(job));
      },
      async cancelPending(keyPrefix) {
        tx.defer("job_cancel", "DELETE FROM jobs WHERE state = 'pending' AND key LIKE $1 || '%'", [keyPrefix]);
        return 0;
      },
    },
    postmortems: {
      async refreshable(incidentId) {
        const rows = await sql(
          "fw_postmortem_refreshable",
          `SELECT 1 FROM postmortems p JOIN incidents i ON i.id = p.incident_id
           WHERE p.incident_id = $1 AND p.page_id IS NOT NULL AND i.status = 'resolved'`,
          [incidentId],
        );
        return rows.length === 1;
      },
    },
    locks: {
      async lock(name) {
        tx.defer("advisory_lock", "SELECT pg_advisory_xact_lock(hashtextextended($1, 0))", [name]);
      },
    },
  };
}

/** 40P01 deadlock, 40001 serialization failure: the transaction was rolled back and may run again. */
const RETRYABLE = new Set(["40P01", "40001"]);

/** Runs intake work on the raw driver; writes whose result is not read are batched into fewer round trips. */
export function sqlIntakeUnitOfWork(
  database: Pick<Database, "transaction">,
  afterCommit: { jobsEnqueued(): void },
): AlertIntakeUnitOfWork {
  return {
    async run(work) {
      for (let attempt = 1; ; attempt++) {
        let enqueued = false;
        try {
          const result = await database.transaction((tx) => work(bind(tx, () => (enqueued = true))));
          if (enqueued) afterCommit.jobsEnqueued();
          return result;
        } catch (error) {
          if (attempt >= 3 || !RETRYABLE.has((error as { code?: string }).code ?? "")) throw error;
        }
      }
    },
  };
}
