// Alert → first page: from an Events v2 trigger sent to the service until its page is delivered at the stand-ins, a
// Slack DM at the Slack stand-in and an SMS at the Twilio stand-in. One person with both contact methods (one
// notification rule each, no delay) is the first level of the alerting service's policy, so each alert pages them
// once on each channel. Timed idle, then again while a background of Events v2 triggers keeps intake busy.
import { percentile } from "./measure.ts";
import {
  startBackgroundLoad,
  BACKGROUND_DEFAULTS,
  type BackgroundLoad,
  type BackgroundLoadStats,
} from "./background-load.ts";
import { deliveries, type Delivered } from "./first-page-deliveries.ts";
import { breakdownOf, type BreakdownRow } from "./first-page-breakdown.ts";
import { pagedService, PHONE, SLACK_USER, startPagingRig, type PagingRig } from "./paging-rig.ts";
import type { Engine } from "./runner.ts";

export type Condition = "idle" | "under load";
export type Channel = "Slack DM" | "SMS";

export interface FirstPageSize {
  /** Alerts timed per condition, one every `ALERT_INTERVAL_MS`. */
  readonly alerts: number;
  /**
   * Background Events v2 triggers per second while "under load": half of what the same run's intake part measured
   * (bench/parts.ts); these defaults, about half of the intake on the 2-core bench machine, when it did not run.
   */
  readonly backgroundPerSecond: Readonly<Record<Engine, number>>;
}

export const FIRST_PAGE_SIZE: FirstPageSize = { alerts: 60, backgroundPerSecond: { postgres: 375, pglite: 175 } };
export const FIRST_PAGE_SMOKE: FirstPageSize = { alerts: 3, backgroundPerSecond: { postgres: 20, pglite: 20 } };
/** Goals for the p95, per condition: a missed one is a note, never a failure. */
export const FIRST_PAGE_GOAL_P95_MS: Readonly<Record<Condition, number>> = { idle: 1_000, "under load": 2_000 };
/** Alerts sent and waited for before the idle ones, untimed: the first pages after start-up warm the code paths. */
const WARMUP_ALERTS = 3;
/**
 * One alert goes out this long after the previous one, whatever became of its pages: light concurrency (idle, a page
 * takes about a third of this), and a bound on the part's time when pages fall far behind.
 */
const ALERT_INTERVAL_MS = 500;
/** Pages not arrived this long after the last alert of a condition went out are counted missing. */
const PAGE_TIMEOUT_MS = 30_000;
/** The background runs this long before the first timed alert, so it is at its rate by then. */
const LOAD_RAMP_MS = 2_000;
/** After the last alert, late or duplicate pages have this long to arrive before pages are counted. */
const SETTLE_MS = 2_000;

export interface FirstPageRow {
  readonly condition: Condition;
  readonly channel: Channel;
  readonly alerts: number;
  /** Alerts with exactly one page on this channel, the only ones timed. */
  readonly delivered: number;
  /** Alerts with no page on this channel, and with more than one. */
  readonly missing: number;
  readonly duplicated: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
  readonly goalP95Ms: number;
}

export interface FirstPageResult {
  readonly rows: FirstPageRow[];
  /** The background load of the "under load" condition, as sent. */
  readonly background: BackgroundLoadStats;
  /** Where the time went (p50 / p95 of each stage), over the alerts paged once on both channels, per condition. */
  readonly breakdown: BreakdownRow[];
}

interface Timed {
  readonly summary: string;
  readonly sentAt: number;
}

/** `env` selects the database (DATABASE_URL, or PGlite under a temporary data dir). */
export async function runFirstPageBench(
  env: Record<string, string>,
  engine: Engine,
  size: FirstPageSize,
  log: (message: string) => void,
): Promise<FirstPageResult> {
  const rig = await startPagingRig(env);
  try {
    const person = { name: "Pat Pager", email: "pat@example.com" };
    const alerting = await pagedService(rig.api, "first-page", person, [
      { kind: "slack", address: SLACK_USER },
      { kind: "sms", address: PHONE },
    ]);
    const quiet = (await rig.api("POST", "/api/services", { name: "bench-background" })).integrationKey as string;
    await timeAlerts(rig, alerting, "warm-up", WARMUP_ALERTS);
    const idle = await timeAlerts(rig, alerting, "idle", size.alerts);
    const perSecond = size.backgroundPerSecond[engine];
    log(`first-page: ${size.alerts} alerts idle done; background ${perSecond} events/s on another service`);
    const load = await startBackgroundLoad({
      serviceUrl: rig.service.url,
      routingKey: quiet,
      perSecond,
      ...BACKGROUND_DEFAULTS,
    });
    const [loaded, background] = await whileLoaded(load, async () => {
      await sleep(LOAD_RAMP_MS);
      return timeAlerts(rig, alerting, "under load", size.alerts);
    });
    await sleep(SETTLE_MS);
    const runs = [
      ["idle", idle],
      ["under load", loaded],
    ] as const;
    const rows = runs.flatMap(([condition, timed]) => rowsOf(condition, timed, deliveries(rig, timed)));
    const breakdown = await Promise.all(
      runs.map(([condition, timed]) => breakdownOf(rig.api, condition, timed, deliveries(rig, timed))),
    );
    return { rows, background, breakdown };
  } finally {
    await rig.stop();
  }
}

/** `work`'s result and the load's figures; the load stops either way. */
async function whileLoaded<T>(load: BackgroundLoad, work: () => Promise<T>): Promise<[T, BackgroundLoadStats]> {
  let result: T;
  try {
    result = await work();
  } catch (error) {
    await load.stop();
    throw error;
  }
  return [result, await load.stop()];
}

/**
 * Sends `count` alerts on a fixed schedule, one every `ALERT_INTERVAL_MS` (a slow page delays no later alert), then
 * waits until each has a page on both channels, or `PAGE_TIMEOUT_MS` after the last one went out.
 */
async function timeAlerts(
  rig: PagingRig,
  routingKey: string,
  condition: Condition | "warm-up",
  count: number,
): Promise<Timed[]> {
  const timed: Timed[] = [];
  const started = Date.now();
  for (let i = 0; i < count; i++) {
    await sleep(started + i * ALERT_INTERVAL_MS - Date.now());
    // Zero-padded, so no summary is the start of another and a page's text names exactly one.
    const summary = `First page ${condition === "under load" ? "load" : condition} ${String(i).padStart(4, "0")}`;
    const sentAt = Date.now();
    await rig.trigger(routingKey, summary);
    timed.push({ summary, sentAt });
  }
  const deadline = Date.now() + PAGE_TIMEOUT_MS;
  while (Date.now() < deadline && !deliveries(rig, timed).every((d) => d.slack.length && d.sms.length)) await sleep(5);
  return timed;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

function rowsOf(condition: Condition, timed: readonly Timed[], got: readonly Delivered[]): FirstPageRow[] {
  return (["Slack DM", "SMS"] as const).map((channel) => {
    const arrivals = got.map((d) => (channel === "SMS" ? d.sms : d.slack));
    const latencies = arrivals
      .map((at, i) => (at.length === 1 ? at[0]! - timed[i]!.sentAt : null))
      .filter((ms): ms is number => ms !== null)
      .sort((a, b) => a - b);
    return {
      condition,
      channel,
      alerts: timed.length,
      delivered: latencies.length,
      missing: arrivals.filter((at) => at.length === 0).length,
      duplicated: arrivals.filter((at) => at.length > 1).length,
      p50Ms: percentile(latencies, 0.5),
      p95Ms: percentile(latencies, 0.95),
      maxMs: latencies.at(-1) ?? Number.NaN,
      goalP95Ms: FIRST_PAGE_GOAL_P95_MS[condition],
    };
  });
}
