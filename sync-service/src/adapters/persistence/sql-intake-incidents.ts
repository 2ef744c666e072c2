// The intake's incident statements in hand-written SQL (see sql-intake.ts for why intake bypasses Prisma):
// insert (deferred), update guarded by the revision, lock by id, and find by number (an e-mail reply's key).
import type { Incident } from "../../domain/incident.ts";
import type { AlertIntakeTransaction } from "../../ports/unit-of-work.ts";
import { ConcurrentUpdatePersistenceError } from "./errors.ts";
import { fromSqlRow, toIncident } from "./mappers.ts";
import type { SqlTransaction } from "./sql-transaction.ts";

const INCIDENT_COLUMNS = `id, tenant_id, number, title, description, severity, status, service_id, owner_id, revision,
  created_at, updated_at, acknowledged_at, resolved_at, drill`;

export function sqlIntakeIncidents(tx: SqlTransaction): AlertIntakeTransaction["incidents"] {
  const sql = tx.query.bind(tx);
  return {
    async insert(i: Incident) {
      tx.defer(
        "incident_insert",
        `INSERT INTO incidents (${INCIDENT_COLUMNS}) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15)`,
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
          i.drill,
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
    async findByNumber(tenantId, number) {
      const [row] = await sql(
        "fw_incident_by_number",
        `SELECT ${INCIDENT_COLUMNS} FROM incidents WHERE tenant_id = $1 AND number = $2`,
        [tenantId, number],
      );
      return row ? toIncident(fromSqlRow(row)) : null;
    },
  };
}
