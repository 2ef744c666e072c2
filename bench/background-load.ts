// A steady background of Events v2 triggers at a fixed rate, for timing something else while intake is busy. Most
// events repeat a few open dedup keys (intake work: the alert's count and last event, no new incident), a share opens
// new incidents; the service they go to has no escalation policy, so the load costs intake work but pages nobody.
import http from "node:http";
import { performance } from "node:perf_hooks";
import { post } from "./service-bench.ts";

export interface BackgroundLoadOptions {
  readonly serviceUrl: string;
  readonly routingKey: string;
  readonly perSecond: number;
  /** Open dedup keys the repeats cycle through (opened before the load starts). */
  readonly openKeys: number;
  /** Every `newKeyEvery`-th event carries a new dedup key. */
  readonly newKeyEvery: number;
  /** Sends wait (and fall behind the schedule) while this many are unanswered. */
  readonly maxInFlight: number;
}

/**
 * 1 event in 100 opens an incident. Each new incident also queues a chat.sync job (with Slack configured): at 1 in 10
 * (12 new incidents/s on PGlite) that backlog grew without bound, and before the worker claimed paging jobs first it
 * held the pages back for minutes (see bench/README.md, "Alert → first page"); the load measures intake, not that.
 */
export const BACKGROUND_DEFAULTS = { openKeys: 5, newKeyEvery: 100, maxInFlight: 64 } as const;

export interface BackgroundLoadStats {
  readonly targetPerSecond: number;
  readonly sent: number;
  readonly achievedPerSecond: number;
  /** Events not answered 202 (or not answered at all), with a few of their answers. */
  readonly errors: number;
  readonly errorSamples: string[];
  /** Events the schedule wanted sent but the in-flight cap held back, when the load stopped. */
  readonly behind: number;
}

export interface BackgroundLoad {
  /** Stops sending, waits for the events in flight, and counts. */
  stop(): Promise<BackgroundLoadStats>;
}

const TICK_MS = 5;

/** Opens the load's dedup keys, then sends on a fixed schedule until stopped. */
export async function startBackgroundLoad(options: BackgroundLoadOptions): Promise<BackgroundLoad> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.maxInFlight });
  const url = new URL("/v2/enqueue", options.serviceUrl);
  const event = (dedupKey: string) => ({
    routing_key: options.routingKey,
    event_action: "trigger",
    dedup_key: dedupKey,
    payload: { summary: `Background alert ${dedupKey}`, source: "bench-load", severity: "error" },
  });
  for (let k = 0; k < options.openKeys; k++) {
    const opened = await post(agent, url, event(`bg-open-${k}`));
    if (opened.status !== 202) throw new Error(`bench: opening a background key was answered ${opened.status}`);
  }
  let sent = 0;
  let errors = 0;
  const errorSamples: string[] = [];
  const inFlight = new Set<Promise<void>>();
  const failed = (what: string) => {
    errors++;
    if (errorSamples.length < 3) errorSamples.push(what);
  };
  const send = () => {
    const n = sent++;
    const key = n % options.newKeyEvery === 0 ? `bg-new-${n}` : `bg-open-${n % options.openKeys}`;
    const done: Promise<void> = post(agent, url, event(key))
      .then(
        (r) => void (r.status === 202 || failed(`${r.status} ${r.body.slice(0, 120)}`)),
        (e: Error) => failed(e.message),
      )
      .finally(() => inFlight.delete(done));
    inFlight.add(done);
  };
  const started = performance.now();
  const due = () => Math.floor(((performance.now() - started) / 1000) * options.perSecond);
  const timer = setInterval(() => {
    const target = due();
    while (sent < target && inFlight.size < options.maxInFlight) send();
  }, TICK_MS);
  return {
    async stop() {
      clearInterval(timer);
      const behind = Math.max(0, due() - sent);
      const seconds = (performance.now() - started) / 1000;
      await Promise.all([...inFlight]);
      agent.destroy();
      return {
        targetPerSecond: options.perSecond,
        sent,
        achievedPerSecond: sent / seconds,
        errors,
        errorSamples,
        behind,
      };
    },
  };
}
