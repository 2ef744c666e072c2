// Acting on a page where it lands: from a responder's click on the Acknowledge button of a Slack page DM (and, with
// the Twilio stand-in, a text reply "ack") to the incident acknowledged with its escalation cancelled. The service
// runs as its own process on a fresh database; the Slack stand-in runs in this one and sends real signed clicks.
// Each incident is opened by an Events v2 alert, paged by the policy's first level, then acknowledged from the page.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import net from "node:net";
import { SlackEmulator } from "../stand-ins/slack/index.ts";
import { TwilioEmulator } from "../stand-ins/twilio/index.ts";
import { jsonApi, spawnService } from "../test/support/service-process.ts";
import { ADMIN_TOKEN } from "./config.ts";
import { twilioEnv } from "../test/support/twilio-env.ts";

export const RESPOND_INCIDENTS = 60;
const SIGNING_SECRET = "bench-respond-signing-secret";
const SAM = "+14155550123";

/** A port free now: Twilio signs the URL it calls, so PUBLIC_URL must be known before the service starts. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as net.AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

export interface RespondChannelResult {
  readonly channel: string;
  readonly incidents: number;
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly maxMs: number;
  /** Incidents whose escalation still had a pending level or page after the acknowledgement: must be 0. */
  readonly escalationsLeft: number;
  /** Pages the service sent for the incidents (GET …/response): one each, from the policy's first level. */
  readonly pages: number;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function until<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`bench: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 2));
  }
}

/** `env` selects the database (DATABASE_URL, or PGlite under a temporary data dir); `count` incidents per channel. */
export async function runRespondBench(
  env: Record<string, string>,
  count = RESPOND_INCIDENTS,
): Promise<RespondChannelResult[]> {
  const slack = new SlackEmulator();
  const slackUrl = await slack.start();
  const phone = new TwilioEmulator();
  await phone.start();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "firewatch-bench-respond-"));
  const port = await freePort();
  const service = await spawnService({
    FIREWATCH_DATA_DIR: dataDir,
    FIREWATCH_ADMIN_TOKEN: ADMIN_TOKEN,
    PORT: String(port),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_API_URL: `${slackUrl}/api/`,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    ...twilioEnv(phone),
    ...env,
  });
  slack.configureInteractivity({ url: `${service.url}/webhooks/slack/interactions`, signingSecret: SIGNING_SECRET });
  phone.setSmsUrl(`${service.url}/webhooks/twilio/sms`);
  const api = jsonApi(service.url, ADMIN_TOKEN);
  try {
    /** A person reached by one contact method, on a service of their own with a two-level policy. */
    const responder = async (name: string, kind: "slack" | "sms", address: string) => {
      const user = await api("POST", "/api/users", { name, email: `${kind}@example.com` });
      await api("POST", `/api/users/${user.id}/contact-methods`, { kind, address });
      const target = { type: "user", id: user.id };
      const policy = await api("POST", "/api/escalation-policies", {
        name: `Bench ${kind}`,
        levels: [
          { delayMinutes: 10, targets: [target] },
          { delayMinutes: 10, targets: [target] },
        ],
      });
      return (await api("POST", "/api/services", { name: `bench-${kind}`, escalationPolicyId: policy.id }))
        .integrationKey as string;
    };
    const slackKey = await responder("Alice Adams", "slack", "U0ALICE");
    const smsKey = await responder("Sam Smith", "sms", SAM);
    const trigger = async (integrationKey: string, summary: string) => {
      const res = await fetch(`${service.url}/v2/enqueue`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          routing_key: integrationKey,
          event_action: "trigger",
          dedup_key: summary,
          payload: { summary, source: "bench", severity: "warning" },
        }),
      });
      if (res.status !== 202) throw new Error(`bench: the alert was answered ${res.status}`);
    };
    const keyIn = (text: string | null | undefined) => /INC-\d+/.exec(text ?? "")?.[0];

    const slackRun = await measure(api, count, "Slack button", async (i) => {
      const before = slack.messages({ user: "U0ALICE" }).length;
      await trigger(slackKey, `Respond bench slack ${i}`);
      await until("the page DM", async () => (slack.messages({ user: "U0ALICE" }).length > before ? true : undefined));
      const dm = slack.dmChannel("U0ALICE")!;
      const page = slack.channelMessages(dm).at(-1)!;
      const key = keyIn(page.text);
      if (!key) throw new Error(`bench: the page DM names no incident: ${page.text}`);
      return {
        key,
        act: async () => {
          const click = await slack.click("U0ALICE", dm, page.ts, "firewatch_acknowledge");
          if (click.status !== 200) throw new Error(`bench: the click was answered ${click.status}`);
        },
      };
    });
    const smsRun = await measure(api, count, "SMS reply", async (i) => {
      const before = phone.messagesTo(SAM).length;
      await trigger(smsKey, `Respond bench sms ${i}`);
      const text = await until("the page text", async () => phone.messagesTo(SAM)[before]);
      const key = keyIn(text);
      if (!key) throw new Error(`bench: the page text names no incident: ${text}`);
      return {
        key,
        act: async () => {
          const answer = await phone.receiveSms(SAM, `ack ${key}`);
          if (answer.status !== 200) throw new Error(`bench: the reply was answered ${answer.status}`);
        },
      };
    });
    return [slackRun, smsRun];
  } finally {
    await service.kill("SIGTERM");
    await slack.stop();
    await phone.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

type Api = ReturnType<typeof jsonApi>;

/**
 * For each of `count` incidents: `page` opens it and waits for the page to land; then `act` answers the page, and
 * the time runs until the API shows the incident acknowledged. Its escalation must then have nothing left to page.
 */
async function measure(
  api: Api,
  count: number,
  channel: string,
  page: (i: number) => Promise<{ key: string; act: () => Promise<void> }>,
): Promise<RespondChannelResult> {
  const latencies: number[] = [];
  let escalationsLeft = 0;
  let pages = 0;
  for (let i = 0; i < count; i++) {
    const { key, act } = await page(i);
    const started = performance.now();
    await act();
    const incident = await until(`${key} acknowledged`, async () => {
      const now = await api("GET", `/api/incidents/${key}`);
      return now.status === "acknowledged" ? now : undefined;
    });
    latencies.push(performance.now() - started);
    // The acknowledgement and the cancelling of the escalation commit together: nothing may be left to page.
    const { jobs } = await api("GET", "/api/jobs?state=pending&limit=500");
    const left = jobs.filter(
      (j: { task: string; payload: { incidentId?: string } }) =>
        ["escalation.level", "page.send"].includes(j.task) && j.payload.incidentId === incident.id,
    );
    if (left.length) escalationsLeft++;
    const response = await api("GET", `/api/incidents/${key}/response`);
    pages += (response.pages as { state: string }[]).filter((p) => p.state === "sent").length;
  }
  latencies.sort((a, b) => a - b);
  return {
    channel,
    incidents: latencies.length,
    pages,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    maxMs: latencies.at(-1)!,
    escalationsLeft,
  };
}
