// Alert intake in hand-written SQL on the raw driver. Every monitoring event passes here, and Prisma's
// per-query cost (about 0.7 ms of CPU against 0.1 ms for a prepared `pg` statement, measured in
// bench/README.md) capped intake near 130 events/s on two cores. The rest of the service uses Prisma.
// The incident and alert statements are in sql-intake-incidents.ts and sql-intake-alerts.ts.
import { randomUUID } from "node:crypto";
import type { Clock } from "../../domain/clock.ts";
import type { TimelineEntry } from "../../domain/timeline.ts";
import type { AlertIntakeTransaction, AlertIntakeUnitOfWork } from "../../ports/unit-of-work.ts";
import type { Database } from "./database.ts";
import { ENQUEUE_KEYED_SQL, enqueueParams } from "./job-store.ts";
import { sqlIntakeAlerts, sqlIntakeLookups } from "./sql-intake-alerts.ts";
import { sqlIntakeChat } from "./sql-intake-chat.ts";
import { sqlIntakeIncidents } from "./sql-intake-incidents.ts";
import { deferTimelineAppend } from "./sql-intake-timeline.ts";
import type { SqlTransaction } from "./sql-transaction.ts";

function bind(tx: SqlTransaction, enqueued: () => void, clock?: Clock): AlertIntakeTransaction {
  const sql = tx.query.bind(tx);
  return {
    intake: sqlIntakeLookups(tx),
    incidents: sqlIntakeIncidents(tx),
    alerts: sqlIntakeAlerts(tx),
    timeline: {
      async append(e: TimelineEntry) {
        deferTimelineAppend(tx, e);
      },
    },
    chat: sqlIntakeChat(tx),
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
      async find(source, deliveryKey) {
        const [row] = await sql(
          "fw_inbox_find",
          "SELECT payload FROM inbound_deliveries WHERE source = $1 AND delivery_key = $2",
          [source, deliveryKey],
        );
        return row?.payload ?? null;
      },
    },
    jobs: {
      async enqueue(job) {
        enqueued();
        if (!job.key) throw new Error("intake only enqueues keyed jobs");
        tx.defer("job_enqueue", ENQUEUE_KEYED_SQL, enqueueParams(job, clock?.now()));
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

/**
 * Runs intake work on the raw driver; writes whose result is not read are batched into fewer round trips.
 * Jobs are due at `clock`'s now unless they say otherwise (the worker's clock; the host's by default).
 */
export function sqlIntakeUnitOfWork(
  database: Pick<Database, "transaction">,
  afterCommit: { jobsEnqueued(): void },
  clock?: Clock,
): AlertIntakeUnitOfWork {
  return {
    async run(work) {
      for (let attempt = 1; ; attempt++) {
        let enqueued = false;
        try {
          const result = await database.transaction((tx) => work(bind(tx, () => (enqueued = true), clock)));
          if (enqueued) afterCommit.jobsEnqueued();
          return result;
        } catch (error) {
          if (attempt >= 3 || !RETRYABLE.has((error as { code?: string }).code ?? "")) throw error;
        }
      }
    },
  };
}
