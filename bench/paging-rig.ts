// What the parts that page people share: the service as its own process on a fresh database, the Slack and Twilio
// stand-ins it pages through (running in this process), services whose escalation policy's first level pages one
// person, and Events v2 triggers to open incidents on them.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { SlackEmulator } from "../stand-ins/slack/index.ts";
import { TwilioEmulator } from "../stand-ins/twilio/index.ts";
import { freePort } from "../test/support/running-service.ts";
import { jsonApi, spawnService, type ServiceProcess } from "../test/support/service-process.ts";
import { twilioEnv } from "../test/support/twilio-env.ts";
import { ADMIN_TOKEN } from "./config.ts";

const SIGNING_SECRET = "bench-paging-signing-secret";
/** The Slack stand-in's seeded person the Slack pages go to, and the phone the texts go to. */
export const SLACK_USER = "U0ALICE";
export const PHONE = "+14155550123";

export interface PagingRig {
  readonly slack: SlackEmulator;
  readonly phone: TwilioEmulator;
  readonly service: ServiceProcess;
  readonly api: ReturnType<typeof jsonApi>;
  /** An Events v2 trigger of `summary` under `dedupKey`; throws unless answered 202. */
  trigger(integrationKey: string, dedupKey: string, summary?: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * Starts both stand-ins and the service (`firewatch start`) wired to them, button clicks and texts back included.
 * `env` selects the database (DATABASE_URL, or PGlite under a temporary data dir).
 */
export async function startPagingRig(env: Record<string, string>): Promise<PagingRig> {
  const slack = new SlackEmulator();
  const slackUrl = await slack.start();
  const phone = new TwilioEmulator();
  await phone.start();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "firewatch-bench-paging-"));
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
  return {
    slack,
    phone,
    service,
    api: jsonApi(service.url, ADMIN_TOKEN),
    async trigger(integrationKey, dedupKey, summary = dedupKey) {
      const res = await fetch(`${service.url}/v2/enqueue`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          routing_key: integrationKey,
          event_action: "trigger",
          dedup_key: dedupKey,
          payload: { summary, source: "bench", severity: "warning" },
        }),
      });
      if (res.status !== 202) throw new Error(`bench: the alert was answered ${res.status}`);
    },
    async stop() {
      await service.kill("SIGTERM");
      await slack.stop();
      await phone.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Contact {
  readonly kind: "slack" | "sms";
  readonly address: string;
}

/**
 * A person reached by `contacts`, on a service of their own (`bench-<name>`) whose two-level policy pages them at
 * both levels, ten minutes apart. @returns the service's integration key
 */
export async function pagedService(
  api: PagingRig["api"],
  name: string,
  person: { name: string; email: string },
  contacts: readonly Contact[],
): Promise<string> {
  const user = await api("POST", "/api/users", person);
  for (const contact of contacts) await api("POST", `/api/users/${user.id}/contact-methods`, contact);
  const target = { type: "user", id: user.id };
  const policy = await api("POST", "/api/escalation-policies", {
    name: `Bench ${name}`,
    levels: [
      { delayMinutes: 10, targets: [target] },
      { delayMinutes: 10, targets: [target] },
    ],
  });
  return (await api("POST", "/api/services", { name: `bench-${name}`, escalationPolicyId: policy.id }))
    .integrationKey as string;
}
