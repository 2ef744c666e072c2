// Starts the whole service in-process on a free port over a fresh database, as `npm start` would.
import net from "node:net";
import { loadConfig } from "../../sync-service/src/config.ts";
import type { Clock } from "../../sync-service/src/domain/clock.ts";
import type { DestinationStream } from "../../sync-service/src/logger.ts";
import type { WorkerOptions } from "../../sync-service/src/jobs/worker.ts";
import type { TaskRegistry } from "../../sync-service/src/ports/jobs.ts";
import { startService, type RunningService } from "../../sync-service/src/server.ts";
import type { DatabaseTarget } from "../../sync-service/src/adapters/persistence/database.ts";
import type { TestDatabaseKind } from "./databases.ts";

export const ADMIN_TOKEN = "test-admin-token-0123456789";
/** 32 bytes in base64, so services on PostgreSQL with Forge can start (first-start-secrets.ts encryptionKey). */
export const TEST_ENCRYPTION_KEY = Buffer.alloc(32, 7).toString("base64");

export interface TestService extends RunningService {
  /** fetch() against the service, with the admin token unless `token: null`. */
  api(path: string, init?: RequestInit & { token?: string | null; json?: unknown }): Promise<Response>;
  /** Creates a service and returns its integration key. */
  createService(name?: string): Promise<{ id: string; integrationKey: string }>;
}

export interface TestServiceOptions {
  readonly tasks?: TaskRegistry;
  /** Extra environment, e.g. JIRA_BASE_URL pointing at an emulator. */
  readonly env?: Record<string, string>;
  readonly worker?: Partial<WorkerOptions>;
  /** A database the test keeps (and drops) itself, to start the service again over it; a fresh one of `kind` otherwise. */
  readonly database?: DatabaseTarget;
  /** Where the service's log lines go (at `env.LOG_LEVEL`, silent unless set); stdout by default. */
  readonly logDestination?: DestinationStream;
  /** The service's time (e.g. a `TestClock`); the system's by default. */
  readonly clock?: Clock;
}

/** A clock a test moves forward: the system's time plus what the test added. */
export class TestClock implements Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  advance(ms: number): void {
    this.offsetMs += ms;
  }
  reset(): void {
    this.offsetMs = 0;
  }
}

/** A port free on loopback right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/** Quick retries, so flows through the outbox settle in test time. */
export const FAST_WORKER: Partial<WorkerOptions> = { pollMs: 50, backoffBaseMs: 200, backoffMaxMs: 2_000 };

export async function startTestService(kind: TestDatabaseKind, options: TestServiceOptions = {}): Promise<TestService> {
  const { target, drop } = options.database ? { target: options.database, drop: async () => {} } : await kind.create();
  // A known port, so PUBLIC_URL is where the service listens: providers call back there (Twilio's status callbacks).
  const port = options.env?.PORT ?? String(await freePort());
  const env = {
    PORT: port,
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    FIREWATCH_ADMIN_TOKEN: ADMIN_TOKEN,
    LOG_LEVEL: "silent",
    FIREWATCH_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY,
    ...options.env,
  };
  const config = { ...loadConfig(env), database: target };
  const running = await startService(config, {
    logDestination: options.logDestination,
    clock: options.clock,
    tasks: options.tasks,
    worker: { ...FAST_WORKER, ...options.worker },
  });
  const api: TestService["api"] = (path, init = {}) => {
    const { token = ADMIN_TOKEN, json, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (token) headers.set("authorization", `Bearer ${token}`);
    if (json !== undefined) headers.set("content-type", "application/json");
    return fetch(`${running.url}${path}`, {
      ...rest,
      headers,
      body: json !== undefined ? JSON.stringify(json) : rest.body,
    });
  };
  let services = 0;
  return {
    ...running,
    api,
    async createService(name = `service-${++services}`) {
      const res = await api("/api/services", { method: "POST", json: { name } });
      if (res.status !== 201) throw new Error(`creating a service failed: ${res.status} ${await res.text()}`);
      return (await res.json()) as { id: string; integrationKey: string };
    },
    stop: async () => {
      await running.stop();
      await drop();
    },
  };
}

/** Polls `probe` until it returns a value other than undefined/false, or fails after `timeoutMs` with `what`. */
export async function eventually<T>(
  what: string,
  probe: () => Promise<T | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
