// The intake's alert statements in hand-written SQL (see sql-intake.ts for why intake bypasses Prisma): the
// service an event is for with its open alert locked, and the alert's insert, repeat, resolve and open count.
import type { Alert } from "../../domain/alert.ts";
import type { AlertIntakeTransaction } from "../../ports/unit-of-work.ts";
import type * as db from "./generated/client.ts";
import { fromSqlRow, toAlert, toService } from "./mappers.ts";
import type { SqlTransaction } from "./sql-transaction.ts";
import { deferTimelineAppend } from "./sql-intake-timeline.ts";

type Row = Record<string, any>;

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

export function sqlIntakeLookups(tx: SqlTransaction): AlertIntakeTransaction["intake"] {
  const sql = tx.query.bind(tx);
  return {
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
  };
}

export function sqlIntakeAlerts(tx: SqlTransaction): AlertIntakeTransaction["alerts"] {
  const sql = tx.query.bind(tx);
  return {
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
      deferTimelineAppend(tx, e);
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
  };
}
