// The raw path: the same row writes per event, one transaction each, straight through `pg` or PGlite.
import { randomUUID } from "node:crypto";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { MIGRATIONS_DIR } from "../sync-service/src/adapters/persistence/database.ts";
import { migrate, readMigrations } from "../sync-service/src/adapters/persistence/migrator.ts";
import { pgliteSession, pgSession, type SqlSession } from "../sync-service/src/adapters/persistence/sql-session.ts";
import { CONCURRENCY, RAW_POOL_SIZE, REQUEST_TIMEOUT_MS } from "./config.ts";
import { runConcurrent, type PhaseResult } from "./measure.ts";
import type { EventPlan, PlannedEvent } from "./plan.ts";
import { checkCounts, type CountCheck } from "./verify.ts";

type Query = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

interface RawDb {
  session(): Promise<SqlSession>;
  /** Runs `work` in one transaction on one connection. */
  transaction(work: (query: Query) => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

export interface RawRun {
  readonly warmup: PhaseResult;
  readonly measured: PhaseResult;
  readonly check: CountCheck;
}

/** PGlite on disk under `dataDir`, as the service runs it. */
export function rawPGlite(dataDir: string): Promise<RawDb> {
  return PGlite.create(dataDir).then((db) => ({
    session: async () => pgliteSession(db),
    transaction: (work) =>
      db.transaction((tx) => work(async (sql, params) => (await tx.query<Record<string, unknown>>(sql, params)).rows)),
    close: () => db.close(),
  }));
}

export function rawPostgres(url: string): RawDb {
  const pool = new pg.Pool({
    connectionString: url,
    max: RAW_POOL_SIZE,
    connectionTimeoutMillis: REQUEST_TIMEOUT_MS,
    statement_timeout: REQUEST_TIMEOUT_MS,
  });
  pool.on("error", () => {});
  return {
    session: () => pgSession(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        await work(async (sql, params) => (await client.query<Record<string, unknown>>(sql, params)).rows);
        await client.query("COMMIT");
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

const INSERT_INCIDENT = `INSERT INTO incidents (id, tenant_id, number, title, severity, status, service_id, revision, created_at, updated_at)
  VALUES ($1, $2, $3, $4, 'SEV2', 'triggered', $5, 1, $6, $6)`;
const INSERT_ALERT = `INSERT INTO alerts (id, service_id, incident_id, dedup_key, open_key, summary, source, severity, count, first_at, last_at)
  VALUES ($1, $2, $3, $4, $4, $5, 'bench-host-01', 'error', 1, $6, $6)`;
const REPEAT_ALERT = `UPDATE alerts SET count = count + 1, last_at = $2 WHERE id = $1`;
const INSERT_ENTRY = `INSERT INTO timeline_entries (id, incident_id, type, source, source_id, occurred_at, author, body, data)
  VALUES ($1, $2, $3, 'events-v2', $4, $5, 'bench-host-01', $6, $7)`;

/** Migrates `db`, writes a tenant and a service, then replays the plan as raw transactions. */
export async function runRawBench(db: RawDb, plan: EventPlan): Promise<RawRun> {
  const session = await db.session();
  const tenantId = randomUUID();
  const serviceId = randomUUID();
  try {
    await migrate(session, readMigrations(MIGRATIONS_DIR));
    await session.query(`INSERT INTO tenants (id, name) VALUES ($1, 'bench')`, [tenantId]);
    await session.query(`INSERT INTO services (id, tenant_id, name, integration_key) VALUES ($1, $2, 'bench', $3)`, [
      serviceId,
      tenantId,
      randomUUID().replaceAll("-", ""),
    ]);
  } finally {
    await session.release();
  }

  const open = new Map<string, { alertId: string; incidentId: string }>();
  let incidentNumber = 0;
  const apply = async (event: PlannedEvent): Promise<string | null> => {
    const now = new Date();
    const summary = `Bench alert ${event.dedupKey}`;
    const data = JSON.stringify({ dedupKey: event.dedupKey, action: "trigger", severity: "error", details: {} });
    if (event.kind === "new") {
      const ids = { alertId: randomUUID(), incidentId: randomUUID() };
      const number = ++incidentNumber;
      await db.transaction(async (q) => {
        await q(INSERT_INCIDENT, [ids.incidentId, tenantId, number, summary, serviceId, now]);
        await q(INSERT_ALERT, [ids.alertId, serviceId, ids.incidentId, event.dedupKey, summary, now]);
        const body = `INC-${number} triggered by bench-host-01: ${summary}`;
        await q(INSERT_ENTRY, [randomUUID(), ids.incidentId, "incident.triggered", randomUUID(), now, body, data]);
      });
      open.set(event.dedupKey, ids);
      return null;
    }
    const ids = open.get(event.dedupKey);
    if (!ids) return `no open alert for ${event.dedupKey}`;
    await db.transaction(async (q) => {
      await q(REPEAT_ALERT, [ids.alertId, now]);
      await q(INSERT_ENTRY, [
        randomUUID(),
        ids.incidentId,
        "alert.deduplicated",
        randomUUID(),
        now,
        `Repeated: ${summary}`,
        data,
      ]);
    });
    return null;
  };

  const opening = await runConcurrent(
    plan.openKeys.map((dedupKey): PlannedEvent => ({ kind: "new", dedupKey })),
    CONCURRENCY,
    apply,
  );
  if (opening.errors) throw new Error(`opening the key pool failed: ${opening.errorSamples.join("; ")}`);
  const warmup = await runConcurrent(plan.warmup, CONCURRENCY, apply);
  const measured = await runConcurrent(plan.measured, CONCURRENCY, apply);

  const check = await db.session().then(async (s) => {
    try {
      return await checkCounts(plan, (sql) => s.query(sql));
    } finally {
      await s.release();
    }
  });
  return { warmup, measured, check };
}
