// The service path: the real Firewatch started in-process, fed Events v2 triggers over keep-alive HTTP.
import http from "node:http";
import type { DatabaseTarget } from "../sync-service/src/adapters/persistence/database.ts";
import { loadConfig } from "../sync-service/src/config.ts";
import { createLogger } from "../sync-service/src/logger.ts";
import { startService } from "../sync-service/src/server.ts";
import { ADMIN_TOKEN, CONCURRENCY, REQUEST_TIMEOUT_MS } from "./config.ts";
import { runConcurrent, type PhaseResult } from "./measure.ts";
import type { EventPlan, PlannedEvent } from "./plan.ts";
import { checkCounts, type CountCheck } from "./verify.ts";

export interface ServiceRun {
  readonly warmup: PhaseResult;
  readonly measured: PhaseResult;
  readonly check: CountCheck;
}

interface Reply {
  readonly status: number;
  readonly body: string;
}

function post(agent: http.Agent, url: URL, payload: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  const body = JSON.stringify(payload);
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: "POST",
        agent,
        timeout: REQUEST_TIMEOUT_MS,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body), ...headers },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: text }));
        res.on("error", reject);
      },
    );
    req.on("timeout", () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS} ms`)));
    req.on("error", reject);
    req.end(body);
  });
}

function trigger(routingKey: string, event: PlannedEvent) {
  return {
    routing_key: routingKey,
    event_action: "trigger",
    dedup_key: event.dedupKey,
    payload: { summary: `Bench alert ${event.dedupKey}`, source: "bench-host-01", severity: "error" },
  };
}

/** Starts the service on `target`, replays the plan over HTTP and stops the service again. */
export async function runServiceBench(target: DatabaseTarget, plan: EventPlan): Promise<ServiceRun> {
  const config = { ...loadConfig({ PORT: "0", FIREWATCH_ADMIN_TOKEN: ADMIN_TOKEN, LOG_LEVEL: "silent" }), database: target };
  const running = await startService(config, { log: createLogger("silent") });
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  try {
    const created = await post(agent, new URL("/api/services", running.url), { name: "bench" }, {
      authorization: `Bearer ${ADMIN_TOKEN}`,
    });
    if (created.status !== 201) throw new Error(`POST /api/services answered ${created.status}: ${created.body}`);
    const { integrationKey } = JSON.parse(created.body) as { integrationKey: string };

    const enqueueUrl = new URL("/v2/enqueue", running.url);
    const send = async (event: PlannedEvent) => {
      const reply = await post(agent, enqueueUrl, trigger(integrationKey, event));
      return reply.status === 202 ? null : `HTTP ${reply.status}: ${reply.body}`;
    };
    const opening = await runConcurrent(
      plan.openKeys.map((dedupKey): PlannedEvent => ({ kind: "new", dedupKey })),
      CONCURRENCY,
      send,
    );
    if (opening.errors) throw new Error(`opening the key pool failed: ${opening.errorSamples.join("; ")}`);
    const warmup = await runConcurrent(plan.warmup, CONCURRENCY, send);
    const measured = await runConcurrent(plan.measured, CONCURRENCY, send);

    const session = await running.database.session();
    try {
      return { warmup, measured, check: await checkCounts(plan, (sql) => session.query(sql)) };
    } finally {
      await session.release();
    }
  } finally {
    agent.destroy();
    await running.stop();
  }
}
