// Slack message → timeline entry under load: 200 Events API callbacks a second for 30 s into an incident's
// channel, and how long until each message is on the incident's timeline, with every message counted
// (lost, duplicated), then Slack's retries of 200 of them, which must change nothing.
//
// The service runs as its own process (`firewatch start`); the Slack emulator (stand-ins/slack) runs in this
// one and serves the Web API the service calls (channel creation, invites, users.info). The load is sent by this
// process, not through the emulator's event queue: the emulator delivers events one at a time, in order, and so
// cannot offer more than the service's answer rate (about 30/s on PGlite, 55/s on PostgreSQL, one at a time). Slack
// sends events concurrently. The bench's events are the emulator's own envelope (taken from a message the emulator
// delivered in the warm-up) with a new event_id, ts and text, signed with the emulator's signSlackRequest.
// See bench/README.md, "Slack message → timeline".
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { LogLevel, WebClient } from "@slack/web-api";
import { SlackEmulator, signSlackRequest } from "../stand-ins/slack/index.ts";
import { jsonApi, spawnService, type ServiceProcess } from "../test/support/service-process.ts";
import { ADMIN_TOKEN } from "./config.ts";
import { percentile, until } from "./measure.ts";

/** Events sent per second, on a fixed schedule (open loop). */
export const SLACK_EVENTS_PER_SECOND = 200;
export const SLACK_DURATION_S = 30;
/** At most this many events unanswered at once; a send waits for a free slot and the delay is recorded as slip. */
export const SLACK_MAX_IN_FLIGHT = 64;
/** How often the timeline API is read while messages are outstanding: the resolution of every latency. */
export const SLACK_POLL_MS = 50;
/** Messages outstanding longer than this are looked for by the sweep instead of by every poll. */
export const SLACK_STALE_MS = 5_000;
/** How often the sweep reads the timeline from the oldest message still missing. */
export const SLACK_SWEEP_MS = 1_000;
/** After the last answer, how long to wait for the last entries before counting what is missing. */
export const SLACK_SETTLE_TIMEOUT_MS = 60_000;
/** Events sent again as Slack's retries (X-Slack-Retry-Num: 1) once the load is over. */
export const SLACK_REDELIVERIES = 200;
/** Slack waits 3 s for an answer, then counts an http_timeout (https://docs.slack.dev/apis/events-api/#retries). */
export const SLACK_ANSWER_TIMEOUT_MS = 3_000;
/** Messages posted through the emulator before the load, not timed: they fill the service's name cache. */
export const SLACK_WARMUP = 10;
/** The issue's goal: p95 of message → timeline entry under 200 ms. */
export const SLACK_GOAL_P95_MS = 200;
/** What one run (one database) may add to the whole benchmark's deadline (bench/run.ts): start, 30 s of load, the waits. */
export const SLACK_BUDGET_MS = 6 * 60_000;

/** How much load one run sends: the full figures, or `--smoke`'s few seconds that only prove the path works. */
export interface SlackSize {
  readonly eventsPerSecond: number;
  readonly durationS: number;
  readonly warmup: number;
  readonly redeliveries: number;
  /** When an unanswered event counts as an HTTP error: Slack's 3 s for the figures. */
  readonly answerTimeoutMs: number;
}
export const SLACK_SIZE: SlackSize = {
  eventsPerSecond: SLACK_EVENTS_PER_SECOND,
  durationS: SLACK_DURATION_S,
  warmup: SLACK_WARMUP,
  redeliveries: SLACK_REDELIVERIES,
  answerTimeoutMs: SLACK_ANSWER_TIMEOUT_MS,
};
// The smoke run judges no timing: on a machine busy with other work an answer may take longer than Slack's 3 s,
// and it must still be a 2xx that reaches the timeline.
export const SLACK_SMOKE: SlackSize = {
  eventsPerSecond: 20,
  durationS: 2,
  warmup: 4,
  redeliveries: 10,
  answerTimeoutMs: 30_000,
};

const SIGNING_SECRET = "bench-signing-secret-7c1e0b9a4d2f";
const PEOPLE = ["U0ALICE", "U0BOB"] as const;
/** The API's largest page, for the sweep and the full reads. */
const TIMELINE_PAGE = 500;
/** Page size of the 50 ms polls. */
const TAIL_PAGE = 50;

export interface SlackBenchResult {
  readonly targetPerSecond: number;
  readonly durationS: number;
  readonly maxInFlight: number;
  readonly pollMs: number;
  /** Events sent (all of the schedule). */
  readonly messages: number;
  /** Events the service answered with a 2xx. */
  readonly acknowledged: number;
  /** Sent events ÷ seconds from the first send to the last. */
  readonly achievedPerSecond: number;
  /** How late sends left against the schedule (event-loop delays, or waiting for a slot when 64 were in flight). */
  readonly slip: { p99Ms: number; maxMs: number; sendsLateOver10Ms: number };
  /** Client side: from send to the service's answer. */
  readonly answer: { p50Ms: number; p95Ms: number; maxMs: number };
  /** Non-2xx answers, timeouts (> 3 s, as Slack counts them) and connection errors. */
  readonly httpErrors: number;
  readonly httpErrorSamples: string[];
  /**
   * Send → first poll that returned the entry, over every acknowledged message (and unanswered ones that reached the
   * timeline anyway). A message never seen counts as longer than observedForMs: Infinity here, null in the JSON file.
   */
  readonly p50Ms: number;
  readonly p95Ms: number;
  readonly p99Ms: number;
  readonly maxMs: number;
  /** From the last send until the timeline was last read for the counts. */
  readonly observedForMs: number;
  readonly goalP95Ms: number;
  /** p95 under goalP95Ms. */
  readonly goalMet: boolean;
  /**
   * Acknowledged messages with no timeline entry, counted once the service had no job due or running; null when it
   * still had (the missing ones may still be queued): see `missing`.
   */
  readonly lost: number | null;
  /** Acknowledged messages with no timeline entry at the count. */
  readonly missing: number;
  /** Jobs due or running when the count was taken; 500 or more reads "500+" (the jobs API answers at most 500). */
  readonly queuedJobsAtCount: number;
  /** Entries beyond the first for one message, plus chat entries for messages the bench did not send. */
  readonly duplicates: number;
  readonly extraEntriesForOneMessage: number;
  readonly entriesNotSent: number;
  /** Entries whose body or author differ from the message sent. */
  readonly wrongContent: number;
  /** Entries the polls missed and only the final full read found (their latency is counted up to that read). */
  readonly foundOnlyByFinalRead: number;
  /** From the last send until the last entry was seen. */
  readonly drainMs: number;
  /** Entries first seen per second, in 5-second windows from the first send: how fast the timeline kept up. */
  readonly entriesPerSecond: number[];
  readonly polls: number;
  /** Polling time ÷ polls: above pollMs when the service is slow to answer a read. */
  readonly meanPollIntervalMs: number;
  /** Events that got no answer within 3 s but reached the timeline anyway (Slack would have retried them). */
  readonly unansweredOnTimeline: number;
  /** Events that got no answer within 3 s and are not on the timeline: Slack's retry would be their only way in. */
  readonly unansweredNotOnTimeline: number;
  readonly redelivery: {
    /** Retries sent: SLACK_REDELIVERIES of the load's events, plus the warm-up's through emulator.redeliver. */
    readonly sent: number;
    readonly throughEmulator: number;
    /** Answered 200 {status: "duplicate"}. */
    readonly answeredDuplicate: number;
    readonly otherAnswers: string[];
    readonly entriesBefore: number;
    readonly entriesAfter: number;
    readonly duplicatesAfter: number;
    /** Entries of the retried messages that differ (any field), appeared or went between the reads before and after. */
    readonly changedEntries: number;
    /** Whether the job queue was empty before the retries (otherwise a wrongly accepted retry could still be queued). */
    readonly queueDrained: boolean;
  };
  /** What the service wrote to its log during the run. */
  readonly service: {
    /** pino-http's responseTime of the load's POST /webhooks/slack/events: the service's own handling time, without waiting to be read. */
    readonly eventsResponseP50Ms: number;
    readonly eventsResponseP95Ms: number;
    readonly eventsResponseMaxMs: number;
    readonly warnings: number;
    readonly errors: number;
    readonly logSamples: string[];
    readonly failedJobs: number;
    readonly failedJobSamples: string[];
  };
}

interface Sent {
  readonly index: number;
  readonly text: string;
  readonly user: string;
  readonly ts: string;
  readonly tsMs: number;
  readonly eventId: string;
  readonly raw: string;
  readonly scheduledAt: number;
  sentAt: number;
  answeredAt: number;
  /** HTTP status, 0 when there was no answer. */
  status: number;
  error: string | null;
  seenAt: number | null;
}

interface Entry {
  id: string;
  sourceId: string;
  occurredAt: string;
  author: string | null;
  body: string;
  data: { ts?: string };
}

const tsMillis = (ts: string) => {
  const [s = "0", f = "0"] = ts.split(".");
  return Number(s) * 1000 + Math.floor(Number(f.padEnd(6, "0").slice(0, 6)) / 1000);
};

/** Slack ts from the clock, "<unix seconds>.<microseconds>", strictly increasing after `after` (as the emulator makes them). */
function tsClock(after: string) {
  const [seconds = "0", fraction = "0"] = after.split(".");
  let last = Number(seconds) * 1e6 + Number(fraction.padEnd(6, "0").slice(0, 6));
  return () => {
    last = Math.max(Math.floor((performance.timeOrigin + performance.now()) * 1000), last + 1);
    return `${Math.floor(last / 1e6)}.${String(last % 1e6).padStart(6, "0")}`;
  };
}

/** POSTs a signed Events API body; resolves with the status (0: no answer) and the answer's text. */
function postEvent(
  agent: http.Agent,
  url: URL,
  raw: string,
  timeoutMs: number,
  extraHeaders: Record<string, string> = {},
): Promise<{ status: number; body: string; error: string | null }> {
  return new Promise((resolve) => {
    const req = http.request(
      url,
      {
        method: "POST",
        agent,
        headers: {
          "content-type": "application/json",
          "content-length": Buffer.byteLength(raw),
          ...signSlackRequest(SIGNING_SECRET, raw, Date.now() / 1000),
          ...extraHeaders,
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => {
          clearTimeout(timer);
          const ok = res.statusCode !== undefined && res.statusCode >= 200 && res.statusCode < 300;
          resolve({
            status: res.statusCode ?? 0,
            body: text,
            error: ok ? null : `HTTP ${res.statusCode}: ${text.slice(0, 200)}`,
          });
        });
        res.on("error", (e) => {
          clearTimeout(timer);
          resolve({ status: 0, body: "", error: `response: ${e.message}` });
        });
      },
    );
    const timer = setTimeout(() => req.destroy(new Error("http_timeout")), timeoutMs);
    req.on("error", (e) => {
      clearTimeout(timer);
      resolve({
        status: 0,
        body: "",
        error:
          e.message === "http_timeout"
            ? `http_timeout (no answer in ${timeoutMs} ms)`
            : `connection_failed: ${e.message}`,
      });
    });
    req.end(raw);
  });
}

/** Reads the service's stdout line by line once it is up: warnings, errors and the events endpoint's response times. */
class ServiceLog {
  warnings = 0;
  errors = 0;
  readonly samples = new Map<string, number>();
  readonly eventsResponseMs: number[] = [];
  private partial = "";

  constructor(service: ServiceProcess) {
    // spawnService keeps every chunk and re-scans all of it on each one; at 200 requests a second that would cost
    // this process more and more CPU. From here on only this reader listens (and the pipe keeps draining).
    const out = service.child.stdout!;
    out.removeAllListeners("data");
    out.on("data", (chunk: Buffer) => this.read(chunk.toString()));
    const err = service.child.stderr!;
    err.removeAllListeners("data");
    err.on("data", (chunk: Buffer) => this.note(`stderr: ${chunk.toString().trim().slice(0, 300)}`, 50));
  }

  private read(text: string): void {
    const lines = (this.partial + text).split("\n");
    this.partial = lines.pop() ?? "";
    for (const line of lines) {
      if (!line.trim()) continue;
      let entry: {
        level?: number;
        msg?: string;
        req?: { method?: string; url?: string };
        res?: { statusCode?: number };
        responseTime?: number;
        err?: { message?: string };
      };
      try {
        entry = JSON.parse(line);
      } catch {
        this.note(`unparsed: ${line.slice(0, 200)}`, 40);
        continue;
      }
      if (
        entry.req?.method === "POST" &&
        entry.req.url === "/webhooks/slack/events" &&
        typeof entry.responseTime === "number"
      )
        this.eventsResponseMs.push(entry.responseTime);
      if ((entry.level ?? 0) >= 40) {
        const what = entry.req
          ? `${entry.msg} (${entry.req.method} ${entry.req.url} → ${entry.res?.statusCode})`
          : `${entry.msg}${entry.err?.message ? `: ${entry.err.message}` : ""}`;
        this.note(what, entry.level!);
      }
    }
  }

  private note(what: string, level: number): void {
    if (level >= 50) this.errors++;
    else this.warnings++;
    const key = what.slice(0, 300);
    this.samples.set(key, (this.samples.get(key) ?? 0) + 1);
  }

  summary(): string[] {
    return [...this.samples]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8)
      .map(([what, n]) => `${n}× ${what}`);
  }
}

/**
 * Follows the incident's chat entries through the paged timeline API, which gives a `nextCursor` only when a page is
 * full. Each read starts at the last page boundary (a `nextCursor` seen before) that lies before the oldest message
 * still missing, so an entry that commits behind newer ones (jobs run concurrently) is still found; entries already
 * seen are skipped by id. Small pages keep each read short: boundaries come every TAIL_PAGE entries.
 */
class TimelineTail {
  /** Page boundaries: cursor and the occurredAt (ms) of the entry it points after, ascending. */
  private readonly cursors: { cursor: string; atMs: number }[] = [];
  private readonly known = new Set<string>();
  private readonly seen = new Set<string>();
  polls = 0;

  constructor(
    private readonly read: (
      cursor: string | null,
      limit: number,
    ) => Promise<{ entries: Entry[]; nextCursor: string | null }>,
  ) {}

  /** Reads every entry after the last boundary before `fromMs`; calls `found` with each one not seen before and when its page arrived. */
  async poll(fromMs: number, limit: number, found: (entry: Entry, at: number) => void): Promise<void> {
    this.polls++;
    let cursor: string | null = null;
    // Strictly before, with a margin: an entry that occurred at fromMs must come after the boundary.
    for (let i = this.cursors.length - 1; i >= 0; i--) {
      if (this.cursors[i]!.atMs < fromMs - 2) {
        cursor = this.cursors[i]!.cursor;
        break;
      }
    }
    for (;;) {
      const page = await this.read(cursor, limit);
      const at = performance.now();
      for (const entry of page.entries) {
        if (this.seen.has(entry.id)) continue;
        this.seen.add(entry.id);
        found(entry, at);
      }
      if (!page.nextCursor) return;
      cursor = page.nextCursor;
      this.remember(cursor, Date.parse(page.entries.at(-1)!.occurredAt));
    }
  }

  private remember(cursor: string, atMs: number): void {
    if (this.known.has(cursor)) return;
    this.known.add(cursor);
    let i = this.cursors.length;
    while (i > 0 && this.cursors[i - 1]!.atMs > atMs) i--;
    this.cursors.splice(i, 0, { cursor, atMs });
  }
}

/** `env` selects the database (DATABASE_URL, or PGlite under a temporary data dir as `npm start` runs it). */
export async function runSlackBench(
  env: Record<string, string>,
  log: (message: string) => void = () => {},
  size: SlackSize = SLACK_SIZE,
): Promise<SlackBenchResult> {
  const slack = new SlackEmulator();
  await slack.start();
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "firewatch-bench-slack-"));
  const agent = new http.Agent({ keepAlive: true, maxSockets: SLACK_MAX_IN_FLIGHT });
  let started: ServiceProcess | undefined;
  try {
    const service = await spawnService({
      FIREWATCH_DATA_DIR: dataDir,
      FIREWATCH_ADMIN_TOKEN: ADMIN_TOKEN,
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_API_URL: slack.apiUrl,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      LOG_LEVEL: "info",
      ...env,
    });
    started = service;
    const serviceLog = new ServiceLog(service);
    const api = jsonApi(service.url, ADMIN_TOKEN);

    // ---- setup: a person who can declare, a SEV1 declared from Slack, its channel ready, Bob in it ----
    const eventsUrl = new URL(`${service.url}/webhooks/slack/events`);
    slack.configureEvents({ url: eventsUrl.toString(), signingSecret: SIGNING_SECRET });
    const alice = await api("POST", "/api/users", { name: "Alice Adams", email: "alice@example.com" });
    await api("POST", `/api/users/${alice.id}/contact-methods`, { kind: "slack", address: "U0ALICE" });
    const declared = await slack.sendCommand(`${service.url}/webhooks/slack/commands`, {
      userId: "U0ALICE",
      channelId: "C0GENERAL",
      text: "declare Bench channel sev1",
      command: "/incident",
    });
    const key = /declared (INC-\d+)/.exec(String((declared.body as { text?: string })?.text))?.[1];
    if (declared.status !== 200 || !key)
      throw new Error(`slack bench: /incident declare answered ${declared.status}: ${JSON.stringify(declared.body)}`);
    const channel = await until("the incident channel", () => slack.channelByName(`inc-${key.slice(4)}-bench-channel`));
    // The channel is "ready" once it exists; the service invites the owner (Alice) a step later, in the same job.
    // Posting as her before that is refused by the emulator, as Slack refuses a non-member, so wait for her invite.
    await until("the channel ready with its owner invited", async () => {
      const c = await api("GET", `/api/incidents/${key}/channel`);
      return c.state === "ready" && (c.invited as string[]).includes("U0ALICE");
    });
    // Bob joins as a real workspace would have him: a member (the bot) invites him through the Web API.
    await new WebClient(slack.botToken, { slackApiUrl: slack.apiUrl, logLevel: LogLevel.ERROR }).conversations.invite({
      channel: channel.id,
      users: "U0BOB",
    });
    const absent = PEOPLE.filter((p) => !slack.members(channel.id).includes(p));
    if (absent.length) throw new Error(`slack bench: ${absent.join(", ")} not in ${channel.id} after the invites`);

    const readPage = async (cursor: string | null, limit = TIMELINE_PAGE) => {
      const res = await fetch(
        `${service.url}/api/incidents/${key}/timeline?type=chat.message&limit=${limit}${cursor ? `&cursor=${cursor}` : ""}`,
        {
          headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
        },
      );
      if (!res.ok) throw new Error(`slack bench: reading the timeline answered ${res.status}: ${await res.text()}`);
      return (await res.json()) as { entries: Entry[]; nextCursor: string | null };
    };
    const readAll = async () => {
      const all: Entry[] = [];
      let cursor: string | null = null;
      do {
        const page = await readPage(cursor);
        all.push(...page.entries);
        cursor = page.nextCursor;
      } while (cursor);
      return all;
    };

    // ---- warm-up through the emulator: its delivered envelope is the template of the load ----
    log(`slack: warm-up, ${size.warmup} messages through the emulator`);
    const warmup: { ts: string; eventId: string; user: string }[] = [];
    for (let i = 0; i < size.warmup; i++) {
      const user = PEOPLE[i % 2]!;
      const r = await slack.postAs(user, channel.id, `warm-up message ${i + 1}`);
      if (r.status !== 200 || !r.ts || !r.eventId) throw new Error(`slack bench: warm-up message answered ${r.status}`);
      warmup.push({ ts: r.ts, eventId: r.eventId, user });
    }
    const warmupEntries = await until("the warm-up on the timeline", async () => {
      const all = await readAll();
      return all.length >= size.warmup ? all : false;
    });
    const authorOf = new Map<string, string | null>();
    for (const w of warmup) authorOf.set(w.user, warmupEntries.find((e) => e.data.ts === w.ts)?.author ?? null);
    const template = slack.deliveries().find((d) => d.eventId === warmup.at(-1)!.eventId)!.body as {
      event: Record<string, unknown>;
    } & Record<string, unknown>;
    const warmupTs = new Set(warmup.map((w) => w.ts));

    // ---- the load: open loop, one event every 1000/rate ms ----
    const total = size.eventsPerSecond * size.durationS;
    const interval = 1000 / size.eventsPerSecond;
    const digits = String(total).length;
    const nextTs = tsClock(warmup.at(-1)!.ts);
    const sent: Sent[] = [];
    const byTs = new Map<string, Sent>();
    const outstanding = new Set<Sent>();
    const tail = new TimelineTail(readPage);

    const makeEvent = (index: number, scheduledAt: number): Sent => {
      const user = PEOPLE[index % 2]!;
      const text = `bench message ${String(index + 1).padStart(digits, "0")}`;
      const ts = nextTs();
      const eventId = `Ev${String(index + 1).padStart(6, "0")}${randomBytes(4).toString("hex").toUpperCase()}`;
      const raw = JSON.stringify({
        ...template,
        event: { ...template.event, user, text, ts, event_ts: ts },
        event_id: eventId,
        event_time: Math.floor(Date.now() / 1000),
      });
      return {
        index,
        text,
        user,
        ts,
        tsMs: tsMillis(ts),
        eventId,
        raw,
        scheduledAt,
        sentAt: 0,
        answeredAt: 0,
        status: 0,
        error: null,
        seenAt: null,
      };
    };

    const found = (entry: Entry, at: number) => {
      const s = entry.data.ts === undefined ? undefined : byTs.get(entry.data.ts);
      if (s && s.seenAt === null) {
        s.seenAt = at;
        outstanding.delete(s);
      }
    };

    let polling = true;
    let lastSweep = 0;
    const pollingStarted = performance.now();
    const poller = (async () => {
      while (polling) {
        const started = performance.now();
        const now = started;
        let oldest = Infinity;
        let oldestFresh = Infinity;
        for (const s of outstanding) {
          if (s.tsMs < oldest) oldest = s.tsMs;
          if (now - s.sentAt < SLACK_STALE_MS && s.tsMs < oldestFresh) oldestFresh = s.tsMs;
        }
        const sweep = oldest < oldestFresh && now - lastSweep >= SLACK_SWEEP_MS;
        if (sweep) lastSweep = now;
        // Nothing outstanding: read from the newest boundary.
        if (sweep) await tail.poll(oldest, TIMELINE_PAGE, found);
        else await tail.poll(oldestFresh === Infinity ? Number.MAX_SAFE_INTEGER : oldestFresh, TAIL_PAGE, found);
        const wait = SLACK_POLL_MS - (performance.now() - started);
        if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      }
    })();

    log(`slack: ${total} messages at ${size.eventsPerSecond}/s, at most ${SLACK_MAX_IN_FLIGHT} in flight`);
    const logFrom = serviceLog.eventsResponseMs.length;
    const answers: Promise<void>[] = [];
    let inFlight = 0;
    await new Promise<void>((allSent) => {
      const start = performance.now() + 20;
      let next = 0;
      let timer: NodeJS.Timeout | null = null;
      const send = (s: Sent) => {
        inFlight++;
        sent.push(s);
        byTs.set(s.ts, s);
        outstanding.add(s);
        s.sentAt = performance.now();
        answers.push(
          postEvent(agent, eventsUrl, s.raw, size.answerTimeoutMs).then((r) => {
            s.answeredAt = performance.now();
            s.status = r.status;
            s.error = r.error;
            // A refusal (4xx/5xx) will not reach the timeline; an event without an answer (timeout) still may.
            if (r.status !== 0 && r.error) outstanding.delete(s);
            inFlight--;
            if (timer === null && next < total) pump();
          }),
        );
      };
      const pump = () => {
        timer = null;
        const now = performance.now();
        while (next < total && inFlight < SLACK_MAX_IN_FLIGHT && start + next * interval <= now) {
          send(makeEvent(next, start + next * interval));
          next++;
        }
        if (next >= total) return allSent();
        if (inFlight >= SLACK_MAX_IN_FLIGHT) return; // an answer calls pump again
        timer = setTimeout(pump, Math.max(0, start + next * interval - performance.now()));
      };
      timer = setTimeout(pump, 20);
    });
    const firstSentAt = sent[0]!.sentAt;
    const lastSentAt = sent.at(-1)!.sentAt;
    await Promise.all(answers);
    await new Promise((r) => setTimeout(r, 200)); // the last request log lines
    const serviceMs = serviceLog.eventsResponseMs.slice(logFrom).sort((a, b) => a - b);
    log(`slack: all sent and answered; waiting for the timeline (at most ${SLACK_SETTLE_TIMEOUT_MS / 1000} s)`);
    const settleDeadline = performance.now() + SLACK_SETTLE_TIMEOUT_MS;
    while (outstanding.size > 0 && performance.now() < settleDeadline)
      await new Promise((r) => setTimeout(r, SLACK_POLL_MS));
    polling = false;
    await poller;
    const pollingMs = performance.now() - pollingStarted;
    // Jobs due or running; jobs scheduled for later (timers, follow-ups) do not hold anything up.
    const queued = async () => {
      const [pending, running] = await Promise.all([
        api("GET", "/api/jobs?state=pending&limit=500"),
        api("GET", "/api/jobs?state=running&limit=500"),
      ]);
      const now = Date.now();
      return (
        (pending.jobs as { runAt: string }[]).filter((j) => Date.parse(j.runAt) <= now).length +
        (running.jobs.length as number)
      );
    };
    // With every message seen, the last jobs may still be finishing; counts are taken with the queue empty if it gets there.
    const idle = async (timeoutMs: number) => {
      const deadline = performance.now() + timeoutMs;
      for (;;) {
        const n = await queued();
        if (n === 0 || performance.now() > deadline) return n;
        await new Promise((r) => setTimeout(r, 100));
      }
    };
    const queuedAtCount = await idle(outstanding.size === 0 ? 10_000 : 0);
    const observedForMs = performance.now() - lastSentAt;

    // ---- counting, on a full read of the timeline ----
    const finalRead = await readAll();
    const finalAt = performance.now();
    const perTs = new Map<string, Entry[]>();
    let entriesNotSent = 0;
    for (const e of finalRead) {
      const ts = e.data.ts;
      if (ts !== undefined && warmupTs.has(ts)) continue;
      if (ts === undefined || !byTs.has(ts)) {
        entriesNotSent++;
        continue;
      }
      perTs.set(ts, [...(perTs.get(ts) ?? []), e]);
    }
    let extra = 0;
    let wrongContent = 0;
    let foundOnlyByFinalRead = 0;
    for (const [ts, entries] of perTs) {
      const s = byTs.get(ts)!;
      extra += entries.length - 1;
      if (entries.some((e) => e.body !== s.text || e.author !== authorOf.get(s.user))) wrongContent++;
      if (s.seenAt === null) {
        s.seenAt = finalAt;
        foundOnlyByFinalRead++;
      }
    }
    const acknowledged = sent.filter((s) => s.error === null);
    const missing = acknowledged.filter((s) => !perTs.has(s.ts)).length;
    // Every acknowledged message counts; one never seen counts as longer than anything observed (Infinity).
    const latencies = [
      ...sent.filter((s) => s.seenAt !== null).map((s) => s.seenAt! - s.sentAt),
      ...acknowledged.filter((s) => s.seenAt === null).map(() => Infinity),
    ].sort((a, b) => a - b);
    const lastSeen = sent.reduce((m, s) => Math.max(m, s.seenAt ?? 0), 0);
    const unanswered = sent.filter((s) => s.status === 0);
    const unansweredOnTimeline = unanswered.filter((s) => perTs.has(s.ts)).length;
    const slips = sent.map((s) => s.sentAt - s.scheduledAt).sort((a, b) => a - b);
    const answerMs = sent
      .filter((s) => s.status !== 0)
      .map((s) => s.answeredAt - s.sentAt)
      .sort((a, b) => a - b);
    const errorSamples = new Map<string, number>();
    for (const s of sent) if (s.error) errorSamples.set(s.error, (errorSamples.get(s.error) ?? 0) + 1);
    const buckets = Math.ceil((lastSeen - firstSentAt) / 5000) || 1;
    const entriesPerSecond = Array.from({ length: buckets }, () => 0);
    for (const s of sent)
      if (s.seenAt !== null && s.seenAt < finalAt)
        entriesPerSecond[Math.min(buckets - 1, Math.floor((s.seenAt - firstSentAt) / 5000))]! += 1 / 5;

    // ---- Slack's retries: the same bodies again, with X-Slack-Retry-Num; nothing may change ----
    log(
      `slack: ${size.redeliveries} retries (X-Slack-Retry-Num: 1) of delivered events, and the warm-up's through the emulator`,
    );
    const onTimeline = acknowledged.filter((s) => perTs.has(s.ts));
    const n = Math.min(size.redeliveries, onTimeline.length);
    const picks = Array.from({ length: n }, (_, k) => onTimeline[Math.floor((k * onTimeline.length) / n)]!);
    const retryAnswers: { status: number; body: string; error: string | null }[] = [];
    let pick = 0;
    await Promise.all(
      Array.from({ length: Math.min(SLACK_MAX_IN_FLIGHT, picks.length) }, async () => {
        while (pick < picks.length) {
          const s = picks[pick++]!;
          retryAnswers.push(
            await postEvent(agent, eventsUrl, s.raw, size.answerTimeoutMs, {
              "X-Slack-Retry-Num": "1",
              "X-Slack-Retry-Reason": "http_timeout",
            }),
          );
        }
      }),
    );
    for (const w of warmup) {
      const d = await slack.redeliver(w.eventId, { retryNum: 1, reason: "http_timeout" });
      retryAnswers.push({ status: d.status, body: d.responseBody, error: d.error ?? null });
    }
    const isDuplicate = (a: { status: number; body: string }) => {
      try {
        return a.status === 200 && (JSON.parse(a.body) as { status?: string }).status === "duplicate";
      } catch {
        return false;
      }
    };
    const otherAnswers = new Map<string, number>();
    for (const a of retryAnswers) {
      const what = isDuplicate(a) ? null : (a.error ?? `${a.status} ${a.body.slice(0, 120)}`);
      if (what) otherAnswers.set(what, (otherAnswers.get(what) ?? 0) + 1);
    }
    // Had a retry been taken for new, its job would run now (or wait behind the queue, when it did not empty).
    await new Promise((r) => setTimeout(r, 1_000));
    await idle(queuedAtCount === 0 ? 10_000 : 0);
    const afterRead = await readAll();
    const retried = new Set([...picks.map((s) => s.ts), ...warmup.map((w) => w.ts)]);
    const snapshot = (entries: Entry[]) =>
      new Map(
        entries.filter((e) => e.data.ts !== undefined && retried.has(e.data.ts)).map((e) => [e.id, JSON.stringify(e)]),
      );
    const before = snapshot(finalRead);
    const after = snapshot(afterRead);
    const changedEntries =
      [...before].filter(([id, json]) => after.get(id) !== json).length +
      [...after.keys()].filter((id) => !before.has(id)).length;
    const afterPerTs = new Map<string, number>();
    for (const e of afterRead)
      if (e.data.ts !== undefined) afterPerTs.set(e.data.ts, (afterPerTs.get(e.data.ts) ?? 0) + 1);
    const duplicatesAfter =
      [...afterPerTs.values()].reduce((sum, c) => sum + c - 1, 0) +
      afterRead.filter((e) => e.data.ts === undefined || (!byTs.has(e.data.ts) && !warmupTs.has(e.data.ts))).length;

    const failed = (await api("GET", "/api/jobs?state=failed&limit=500")).jobs as {
      task: string;
      lastError?: string | null;
      attempts: number;
    }[];
    const p95 = percentile(latencies, 0.95);
    const ms = (x: number) => (Number.isFinite(x) ? `${Math.round(x)} ms` : `> ${Math.round(observedForMs)} ms`);
    log(
      `slack: done: ${((sent.length - 1) / ((lastSentAt - firstSentAt) / 1000)).toFixed(0)} events/s sent, p50 ${ms(percentile(latencies, 0.5))}, p95 ${ms(p95)}, ` +
        `${missing} missing (${queuedAtCount} jobs queued), ${extra + entriesNotSent} duplicates, ${sent.length - acknowledged.length} HTTP errors`,
    );
    return {
      targetPerSecond: size.eventsPerSecond,
      durationS: size.durationS,
      maxInFlight: SLACK_MAX_IN_FLIGHT,
      pollMs: SLACK_POLL_MS,
      messages: sent.length,
      acknowledged: acknowledged.length,
      achievedPerSecond: (sent.length - 1) / ((lastSentAt - firstSentAt) / 1000),
      slip: {
        p99Ms: percentile(slips, 0.99),
        maxMs: slips.at(-1) ?? Number.NaN,
        sendsLateOver10Ms: slips.filter((x) => x > 10).length,
      },
      answer: {
        p50Ms: percentile(answerMs, 0.5),
        p95Ms: percentile(answerMs, 0.95),
        maxMs: answerMs.at(-1) ?? Number.NaN,
      },
      httpErrors: sent.length - acknowledged.length,
      httpErrorSamples: [...errorSamples].slice(0, 5).map(([e, c]) => `${c}× ${e}`),
      p50Ms: percentile(latencies, 0.5),
      p95Ms: p95,
      p99Ms: percentile(latencies, 0.99),
      maxMs: latencies.at(-1) ?? Number.NaN,
      observedForMs,
      goalP95Ms: SLACK_GOAL_P95_MS,
      goalMet: p95 < SLACK_GOAL_P95_MS,
      lost: queuedAtCount === 0 || missing === 0 ? missing : null,
      missing,
      queuedJobsAtCount: queuedAtCount,
      duplicates: extra + entriesNotSent,
      extraEntriesForOneMessage: extra,
      entriesNotSent,
      wrongContent,
      foundOnlyByFinalRead,
      drainMs: lastSeen - lastSentAt,
      entriesPerSecond: entriesPerSecond.map((x) => Math.round(x)),
      polls: tail.polls,
      meanPollIntervalMs: pollingMs / tail.polls,
      unansweredOnTimeline,
      unansweredNotOnTimeline: unanswered.length - unansweredOnTimeline,
      redelivery: {
        sent: retryAnswers.length,
        throughEmulator: warmup.length,
        answeredDuplicate: retryAnswers.filter(isDuplicate).length,
        otherAnswers: [...otherAnswers].slice(0, 5).map(([e, c]) => `${c}× ${e}`),
        entriesBefore: finalRead.length,
        entriesAfter: afterRead.length,
        duplicatesAfter,
        changedEntries,
        queueDrained: queuedAtCount === 0,
      },
      service: {
        eventsResponseP50Ms: percentile(serviceMs, 0.5),
        eventsResponseP95Ms: percentile(serviceMs, 0.95),
        eventsResponseMaxMs: serviceMs.at(-1) ?? Number.NaN,
        warnings: serviceLog.warnings,
        errors: serviceLog.errors,
        logSamples: serviceLog.summary(),
        failedJobs: failed.length,
        failedJobSamples: [
          ...new Set(failed.map((j) => `${j.task}: ${String(j.lastError ?? "").slice(0, 200)}`)),
        ].slice(0, 5),
      },
    };
  } finally {
    agent.destroy();
    await started?.kill("SIGTERM");
    await slack.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}
