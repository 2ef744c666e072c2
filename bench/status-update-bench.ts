// One internal status update to 1,000 subscribers: how long until every delivery job is done, through the SMTP and
// Slack stand-ins (which run in this process); then a second update with the service SIGKILLed when about a third
// of its deliveries have arrived, restarted on the same database, and every recipient counted at the stand-ins:
// none may be lost, and none may get the update twice (an e-mail resent in the crash's window keeps its Message-ID).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { SlackEmulator } from "../stand-ins/slack/index.ts";
import { SmtpCapture } from "../stand-ins/smtp/index.ts";
import { spawnService } from "../test/support/service-process.ts";
import { ADMIN_TOKEN } from "./config.ts";
import { apiOf, seedSubscribers, type Api, type StatusUpdateSize } from "./status-update-seed.ts";
import { tally, type Tally } from "./status-update-tally.ts";

export type { StatusUpdateSize } from "./status-update-seed.ts";

/** 600 people in three teams, 200 people and 200 addresses subscribed directly: 1,000 subscribers. */
export const STATUS_UPDATE_SIZE: StatusUpdateSize = { teamPeople: 600, teamSize: 200, directPeople: 200, emails: 200 };
export const STATUS_UPDATE_SMOKE: StatusUpdateSize = { teamPeople: 30, teamSize: 15, directPeople: 10, emails: 10 };
export const STATUS_UPDATE_GOAL_S = 60;
/** What the part adds to the full run's deadline, per database: seeding, two updates, a restart (about 4 min). */
export const STATUS_UPDATE_BUDGET_MS = 6 * 60_000;
/** The crash comes once this share of the second update's deliveries has reached the stand-ins. */
const KILL_AT_SHARE = 1 / 3;
/**
 * FIREWATCH_JOB_LEASE_MS for the bench's service: the jobs the killed process held are claimed again this long after
 * it claimed them (30 s by default); shorter keeps the crash run quick. No delivery job runs anywhere near as long.
 */
const LEASE_MS = 5_000;
const POLL_MS = 100;
const SETTLE_TIMEOUT_MS = 300_000;

export interface DeliveryCounts {
  readonly total: number;
  readonly sent: number;
  readonly failed: number;
  readonly pending: number;
}

export interface DeliveryRun extends Tally {
  readonly deliveries: DeliveryCounts;
  /** From the POST until the API said no delivery is pending (read every POLL_MS). */
  readonly seconds: number;
  readonly deliveriesPerSecond: number;
  /** From the POST until the last message reached a stand-in. */
  readonly lastArrivalSeconds: number;
}

export interface CrashRun extends DeliveryRun {
  /** Messages the stand-ins had received for the update when the service was killed. */
  readonly receivedAtKill: number;
  /** From the kill until the restarted service answered /healthz. */
  readonly restartSeconds: number;
}

export interface StatusUpdateBenchResult {
  readonly subscribers: number;
  readonly teams: number;
  readonly slackPeople: number;
  /** Deliveries each update should make: one per person and channel, one per address. */
  readonly expected: number;
  readonly seedSeconds: number;
  readonly run: DeliveryRun;
  readonly crash: CrashRun;
  readonly failedJobs: number;
  readonly failedJobSamples: string[];
  /** Requests the Slack stand-in could not serve as Slack would. */
  readonly slackUnexpected: string[];
  readonly goalSeconds: number;
  readonly goalMet: boolean;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls the update's delivery counts until every expected delivery exists and none is pending. */
async function settled(api: Api, key: string, id: string, expected: number): Promise<DeliveryCounts> {
  const deadline = Date.now() + SETTLE_TIMEOUT_MS;
  for (;;) {
    const { statusUpdates } = await api("GET", `/api/incidents/${key}/status-updates`);
    const d = (statusUpdates as { id: string; deliveries: DeliveryCounts }[]).find((u) => u.id === id)!.deliveries;
    if (d.total >= expected && d.pending === 0) return d;
    if (Date.now() > deadline)
      throw new Error(
        `bench: the update's deliveries did not settle in ${SETTLE_TIMEOUT_MS / 1000} s: ${JSON.stringify(d)}`,
      );
    await sleep(POLL_MS);
  }
}

/** `env` selects the database (DATABASE_URL, or PGlite under a temporary data dir). */
export async function runStatusUpdateBench(
  env: Record<string, string>,
  log: (message: string) => void,
  size: StatusUpdateSize,
): Promise<StatusUpdateBenchResult> {
  const smtp = new SmtpCapture();
  const slack = new SlackEmulator();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "firewatch-bench-status-updates-"));
  const serviceEnv = {
    FIREWATCH_DATA_DIR: dataDir,
    FIREWATCH_ADMIN_TOKEN: ADMIN_TOKEN,
    FIREWATCH_JOB_LEASE_MS: String(LEASE_MS),
    SMTP_URL: await smtp.start(),
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_API_URL: `${await slack.start()}/api/`,
    SLACK_SIGNING_SECRET: "bench-status-updates-signing-secret",
    ...env,
  };
  let service = await spawnService(serviceEnv);
  const api = apiOf(() => service);
  try {
    const seedStarted = performance.now();
    const seeded = await seedSubscribers(api, slack, size);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const { incidentKey: key, expected } = seeded;
    log(
      `status-updates: ${seeded.subscribers} subscribers (${seeded.teams} teams, ${seeded.slackPeople} people on Slack too) ` +
        `seeded in ${seedSeconds.toFixed(1)} s; ${expected.length} deliveries an update`,
    );

    /** Posts an update; `during` runs while it is delivered (the crash). */
    const deliver = async (message: string, during: () => Promise<void> = async () => {}): Promise<DeliveryRun> => {
      const [mail0, dm0] = [smtp.mails.length, slack.messages().length];
      const started = Date.now();
      const update = await api("POST", `/api/incidents/${key}/status-updates`, { message });
      await during();
      const deliveries = await settled(api, key, update.id, expected.length);
      const seconds = (Date.now() - started) / 1000;
      const [mails, dms] = [smtp.mails.slice(mail0), slack.messages().slice(dm0)];
      const last = Math.max(started, ...mails.map((m) => m.receivedAt), ...dms.map((m) => m.postedAt));
      return {
        deliveries,
        seconds,
        deliveriesPerSecond: deliveries.total / seconds,
        lastArrivalSeconds: (last - started) / 1000,
        ...tally(expected, mails, dms, message),
      };
    };

    const run = await deliver("Bench status update 1 of 2: the payment gateway is degraded.");
    log(`status-updates: update 1: ${run.deliveries.sent} sent in ${run.seconds.toFixed(1)} s`);

    let receivedAtKill = 0;
    let restartSeconds = 0;
    const crashed = await deliver("Bench status update 2 of 2: a fix is rolling out.", async () => {
      const [mail0, dm0] = [smtp.mails.length, slack.messages().length];
      const received = () => smtp.mails.length - mail0 + slack.messages().length - dm0;
      const deadline = Date.now() + SETTLE_TIMEOUT_MS;
      while (received() < expected.length * KILL_AT_SHARE && Date.now() < deadline) await sleep(20);
      receivedAtKill = received();
      const killed = performance.now();
      await service.kill("SIGKILL");
      service = await spawnService(serviceEnv);
      restartSeconds = (performance.now() - killed) / 1000;
      log(
        `status-updates: killed at ${receivedAtKill} of ${expected.length} received; up again in ${restartSeconds.toFixed(1)} s`,
      );
    });
    log(`status-updates: update 2: ${crashed.lost} lost, ${crashed.emailResent} e-mails resent after the crash`);

    const failed = (await api("GET", "/api/jobs?state=failed&limit=200")).jobs as {
      task: string;
      lastError?: string;
    }[];
    return {
      subscribers: seeded.subscribers,
      teams: seeded.teams,
      slackPeople: seeded.slackPeople,
      expected: expected.length,
      seedSeconds,
      run,
      crash: { ...crashed, receivedAtKill, restartSeconds },
      failedJobs: failed.length,
      failedJobSamples: failed.slice(0, 3).map((j) => `${j.task}: ${j.lastError ?? "?"}`),
      slackUnexpected: slack.unexpected().map((u) => `${u.method}: ${u.reason}`),
      goalSeconds: STATUS_UPDATE_GOAL_S,
      goalMet: run.seconds < STATUS_UPDATE_GOAL_S,
    };
  } finally {
    await service.kill("SIGTERM");
    await slack.stop();
    await smtp.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
