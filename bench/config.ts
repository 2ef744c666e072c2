// Every knob of the benchmark in one place; only the event count is read from the environment.

/** Share of events that carry a never-seen dedup key (opening an incident); the rest repeat an open key. */
export const NEW_KEY_SHARE = 0.2;
/** Open dedup keys that repeats are drawn from, opened before the warm-up and not timed. */
export const OPEN_KEY_POOL = 200;
/** Requests (or raw transactions) in flight at once. */
export const CONCURRENCY = 32;
/** Connections in the raw `pg.Pool`, matching the service's default pool size (database.ts). */
export const RAW_POOL_SIZE = 10;
export const WARMUP_EVENTS = 500;
export const DEFAULT_EVENTS = 5_000;
/** Seed of the event plan, so the service and the raw path see the same key sequence. */
export const PLAN_SEED = 0x5eed;
/** One request or transaction longer than this counts as an error. */
export const REQUEST_TIMEOUT_MS = 30_000;
/** The whole run is abandoned (exit 2) after this long. */
export const RUN_DEADLINE_MS = 15 * 60_000;
/**
 * `--smoke` is abandoned (exit 2, the parts not finished reported) after this long. It takes about 3½ minutes on an
 * idle 2-core machine and about 10 with the cores shared by other work: a guard against a hang, not a judgement.
 */
export const SMOKE_DEADLINE_MS = 20 * 60_000;
export const DEFAULT_POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432/test";
export const ADMIN_TOKEN = "bench-admin-token-0123456789";

export interface BenchSettings {
  readonly events: number;
  readonly postgresUrl: string;
  readonly postgresUrlSource: "BENCH_DATABASE_URL" | "TEST_DATABASE_URL" | "default";
}

export function readSettings(env: NodeJS.ProcessEnv = process.env): BenchSettings {
  const raw = env.BENCH_EVENTS?.trim();
  const events = raw ? Number(raw) : DEFAULT_EVENTS;
  if (!Number.isInteger(events) || events < 1) throw new Error(`BENCH_EVENTS must be a positive integer, got "${raw}"`);
  if (env.BENCH_DATABASE_URL)
    return { events, postgresUrl: env.BENCH_DATABASE_URL, postgresUrlSource: "BENCH_DATABASE_URL" };
  if (env.TEST_DATABASE_URL)
    return { events, postgresUrl: env.TEST_DATABASE_URL, postgresUrlSource: "TEST_DATABASE_URL" };
  return { events, postgresUrl: DEFAULT_POSTGRES_URL, postgresUrlSource: "default" };
}
