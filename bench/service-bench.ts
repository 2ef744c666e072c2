// The service path: the real Firewatch in its own process, fed Events v2 triggers over keep-alive HTTP.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { openDatabase, type DatabaseTarget } from "../sync-service/src/adapters/persistence/database.ts";
import { spawnService } from "../test/support/service-process.ts";
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

/** One keep-alive POST of `payload` as JSON; resolves with any answer, rejects only when none came. */
export function post(
  agent: http.Agent,
  url: URL,
  payload: unknown,
  headers: Record<string, string> = {},
): Promise<Reply> {
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

/**
 * Starts the service as its own process (`firewatch start`, as in production) on `target`, replays
 * the plan over HTTP from this process, stops it with SIGTERM and then checks the rows it wrote.
 */
export async function runServiceBench(target: DatabaseTarget, plan: EventPlan): Promise<ServiceRun> {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "firewatch-bench-"));
  const env: Record<string, string> = { FIREWATCH_ADMIN_TOKEN: ADMIN_TOKEN, FIREWATCH_DATA_DIR: scratch };
  if (target.kind === "postgres") env.DATABASE_URL = target.url;
  else if (target.dataDir) env.FIREWATCH_DATA_DIR = path.dirname(target.dataDir);
  const service = await spawnService(env);
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  let warmup: PhaseResult;
  let measured: PhaseResult;
  try {
    const created = await post(
      agent,
      new URL("/api/services", service.url),
      { name: "bench" },
      {
        authorization: `Bearer ${ADMIN_TOKEN}`,
      },
    );
    if (created.status !== 201) throw new Error(`POST /api/services answered ${created.status}: ${created.body}`);
    const { integrationKey } = JSON.parse(created.body) as { integrationKey: string };

    const enqueueUrl = new URL("/v2/enqueue", service.url);
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
    warmup = await runConcurrent(plan.warmup, CONCURRENCY, send);
    measured = await runConcurrent(plan.measured, CONCURRENCY, send);
  } finally {
    agent.destroy();
    await service.kill("SIGTERM");
  }
  const database = await openDatabase(target);
  try {
    const session = await database.session();
    try {
      return { warmup, measured, check: await checkCounts(plan, (sql) => session.query(sql)) };
    } finally {
      await session.release();
    }
  } finally {
    await database.close();
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}
