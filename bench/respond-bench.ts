// Acting on a page where it lands: from a responder's click on the Acknowledge button of a Slack page DM (and, with
// the Twilio stand-in, a text reply "ack") to the incident acknowledged with its escalation cancelled. The service
// runs as its own process on a fresh database; the Slack stand-in runs in this one and sends real signed clicks.
// Each incident is opened by an Events v2 alert, paged by the policy's first level, then acknowledged from the page.
import { performance } from "node:perf_hooks";
import { percentile, until as waitFor } from "./measure.ts";
import { pagedService, PHONE, SLACK_USER, startPagingRig, type PagingRig } from "./paging-rig.ts";

/** Every 2 ms: the answers are timed by these polls. */
const until = <T>(what: string, probe: () => Promise<T | undefined>) => waitFor(what, probe, { everyMs: 2 });

export const RESPOND_INCIDENTS = 60;

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

/** `env` selects the database (DATABASE_URL, or PGlite under a temporary data dir); `count` incidents per channel. */
export async function runRespondBench(
  env: Record<string, string>,
  count = RESPOND_INCIDENTS,
): Promise<RespondChannelResult[]> {
  const rig = await startPagingRig(env);
  const { slack, phone, api } = rig;
  try {
    const slackKey = await pagedService(api, "slack", { name: "Alice Adams", email: "slack@example.com" }, [
      { kind: "slack", address: SLACK_USER },
    ]);
    const smsKey = await pagedService(api, "sms", { name: "Sam Smith", email: "sms@example.com" }, [
      { kind: "sms", address: PHONE },
    ]);
    const trigger = (integrationKey: string, summary: string) => rig.trigger(integrationKey, summary);
    const keyIn = (text: string | null | undefined) => /INC-\d+/.exec(text ?? "")?.[0];

    const slackRun = await measure(api, count, "Slack button", async (i) => {
      const before = slack.messages({ user: SLACK_USER }).length;
      await trigger(slackKey, `Respond bench slack ${i}`);
      await until("the page DM", async () => (slack.messages({ user: SLACK_USER }).length > before ? true : undefined));
      const dm = slack.dmChannel(SLACK_USER)!;
      const page = slack.channelMessages(dm).at(-1)!;
      const key = keyIn(page.text);
      if (!key) throw new Error(`bench: the page DM names no incident: ${page.text}`);
      return {
        key,
        act: async () => {
          const click = await slack.click(SLACK_USER, dm, page.ts, "firewatch_acknowledge");
          if (click.status !== 200) throw new Error(`bench: the click was answered ${click.status}`);
        },
      };
    });
    const smsRun = await measure(api, count, "SMS reply", async (i) => {
      const before = phone.messagesTo(PHONE).length;
      await trigger(smsKey, `Respond bench sms ${i}`);
      const text = await until("the page text", async () => phone.messagesTo(PHONE)[before]);
      const key = keyIn(text);
      if (!key) throw new Error(`bench: the page text names no incident: ${text}`);
      return {
        key,
        act: async () => {
          const answer = await phone.receiveSms(PHONE, `ack ${key}`);
          if (answer.status !== 200) throw new Error(`bench: the reply was answered ${answer.status}`);
        },
      };
    });
    return [slackRun, smsRun];
  } finally {
    await rig.stop();
  }
}

type Api = PagingRig["api"];

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
    p50Ms: percentile(latencies, 0.5),
    p95Ms: percentile(latencies, 0.95),
    maxMs: latencies.at(-1)!,
    escalationsLeft,
  };
}
