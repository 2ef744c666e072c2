// Starts the whole service in-process on a free port over a fresh database, as `npm start` would.
import { loadConfig } from "../../sync-service/src/config.ts";
import { createLogger } from "../../sync-service/src/logger.ts";
import type { TaskRegistry } from "../../sync-service/src/ports/jobs.ts";
import { startService, type RunningService } from "../../sync-service/src/server.ts";
import type { TestDatabaseKind } from "./databases.ts";

export const ADMIN_TOKEN = "test-admin-token-0123456789";

export interface TestService extends RunningService {
  /** fetch() against the service, with the admin token unless `token: null`. */
  api(path: string, init?: RequestInit & { token?: string | null; json?: unknown }): Promise<Response>;
  /** Creates a service and returns its integration key. */
  createService(name?: string): Promise<{ id: string; integrationKey: string }>;
}

export async function startTestService(kind: TestDatabaseKind, options: { tasks?: TaskRegistry } = {}): Promise<TestService> {
  const { target, drop } = await kind.create();
  const config = { ...loadConfig({ PORT: "0", FIREWATCH_ADMIN_TOKEN: ADMIN_TOKEN, LOG_LEVEL: "silent" }), database: target };
  const running = await startService(config, { log: createLogger("silent"), tasks: options.tasks });
  const api: TestService["api"] = (path, init = {}) => {
    const { token = ADMIN_TOKEN, json, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (token) headers.set("authorization", `Bearer ${token}`);
    if (json !== undefined) headers.set("content-type", "application/json");
    return fetch(`${running.url}${path}`, { ...rest, headers, body: json !== undefined ? JSON.stringify(json) : rest.body });
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
