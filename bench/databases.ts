// Fresh databases for each measurement: PGlite in memory, or a new database on a loopback PostgreSQL.
import { randomBytes } from "node:crypto";
import pg from "pg";

const LOOPBACK = new Set(["127.0.0.1", "localhost", "::1", "[::1]"]);

export interface FreshDatabase {
  /** Connection URL of the new database (PostgreSQL only). */
  readonly url: string;
  drop(): Promise<void>;
}

/** Why this server cannot be used (not loopback, unreachable), or null when it can. */
export async function postgresUnavailable(serverUrl: string): Promise<string | null> {
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
