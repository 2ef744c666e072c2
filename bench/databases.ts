// Fresh databases for each measurement: a new database `bench_<random>` on a loopback PostgreSQL (never the
// server's own `test` or other databases), dropped afterwards.
import { randomBytes } from "node:crypto";
import pg from "pg";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

export interface FreshDatabase {
  /** Connection URL of the new database (PostgreSQL only). */
  readonly url: string;
  drop(): Promise<void>;
}

/** Why the benchmark will not use this server (the URL does not parse, the host is not loopback), or null. */
export function postgresRefused(serverUrl: string): string | null {
  let url: URL;
  try {
    url = new URL(serverUrl);
  } catch {
    return "the URL does not parse";
  }
  const socketHost = url.searchParams.get("host");
  if (!LOOPBACK.has(url.hostname) || (socketHost && !LOOPBACK.has(socketHost) && !socketHost.startsWith("/"))) {
    return `host ${socketHost ?? url.hostname} is not a loopback address; the benchmark only talks to loopback`;
  }
  return null;
}

/** Why this server cannot be used (refused as above, unreachable), or null when it can. */
export async function postgresUnavailable(serverUrl: string): Promise<string | null> {
  const refused = postgresRefused(serverUrl);
  if (refused) return refused;
  try {
    await admin(serverUrl, "SELECT 1");
    return null;
  } catch (error) {
    return `not reachable (${(error as Error).message || (error as Error).name})`;
  }
}

async function admin(serverUrl: string, sql: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  client.on("error", () => {});
  await client.connect();
  try {
    return (await client.query<Record<string, unknown>>(sql)).rows;
  } finally {
    await client.end();
  }
}

/** CREATE DATABASE bench_<random> on the server; `drop()` removes it WITH (FORCE). */
export async function createPostgresDatabase(serverUrl: string): Promise<FreshDatabase> {
  const name = `bench_${randomBytes(6).toString("hex")}`;
  await admin(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      await admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

/** "127.0.0.1:5432, PostgreSQL 16.4", for the report. */
export async function describePostgres(serverUrl: string): Promise<string> {
  const [row] = await admin(serverUrl, "SHOW server_version");
  const url = new URL(serverUrl);
  return `${url.hostname}:${url.port || 5432}, PostgreSQL ${String(row?.server_version ?? "?").split(" ")[0]}`;
}

/** Runs `work` on a fresh database of the server and drops it afterwards, whatever happens. */
export async function withPostgresDatabase<T>(serverUrl: string, work: (url: string) => Promise<T>): Promise<T> {
  const db = await createPostgresDatabase(serverUrl);
  try {
    return await work(db.url);
  } finally {
    await db.drop();
  }
}
