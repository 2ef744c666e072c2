// The Events API side: wraps inner events in Slack's event_callback envelope, signs them and POSTs them to the service's
// Request URL one at a time, in the order they happened, recording every delivery. Redelivery re-sends the same body
// with X-Slack-Retry-Num / X-Slack-Retry-Reason, as Slack does when the first attempt failed.
// Envelope: https://docs.slack.dev/apis/events-api/#callback-field ; retries: https://docs.slack.dev/apis/events-api/#retries
import { randomBytes } from "node:crypto";
import { signSlackRequest } from "./signing.ts";
import { BOT, type TeamInfo } from "./workspace.ts";

export interface EventsConfig {
  /** The service's Request URL. */
  url: string;
  signingSecret: string;
  /** The deprecated verification token sent as `token` (default "emulator-verification-token"). */
  verificationToken?: string;
  /** How long to wait for the service's answer; Slack waits 3 seconds, then counts an http_timeout (default 3000). */
  timeoutMs?: number;
}

/** Slack's failure conditions, sent as X-Slack-Retry-Reason on a retry. */
export type RetryReason =
  "http_timeout" | "too_many_redirects" | "connection_failed" | "ssl_error" | "http_error" | "unknown_error";

export interface Delivery {
  /** null for a slash command or url_verification. */
  eventId: string | null;
  /** The inner event's type ("message", "pin_added", …), or "url_verification" / "slash_command". */
  type: string;
  /** 0 for the first attempt. */
  retryNum: number;
  retryReason: string | null;
  /** The HTTP status the service answered; 0 when it did not (connection refused, timeout). */
  status: number;
  error?: string;
  headers: Record<string, string>;
  /** The body as sent: parsed JSON, or the form fields of a slash command. */
  body: Record<string, unknown>;
  rawBody: string;
  responseBody: string;
}

/** A prepared body; signingSecret overrides the events one (interactivity has its own, or a test forges one). */
type SendInit = { type: string; raw: string; contentType: string; timestamp?: number; signingSecret?: string };

/** What an action in Slack led to: eventId/status are null when no event was sent (events not configured, or the bot cannot see the conversation). */
export interface ActionResult {
  ts?: string;
  eventId: string | null;
  status: number | null;
}

export class EventDispatcher {
  private config: EventsConfig | undefined;
  private tail: Promise<unknown> = Promise.resolve();
  private readonly sent: Delivery[] = [];
  private readonly bodies = new Map<string, { raw: string; type: string }>();
  private seq = 0;

  constructor(private readonly team: TeamInfo) {}

  configure(config: EventsConfig): void {
    this.config = { ...config };
  }

  get configured(): EventsConfig | undefined {
    return this.config;
  }

  get token(): string {
    return this.config?.verificationToken ?? "emulator-verification-token";
  }

  /** Wraps, signs and queues one inner event; resolves once the service answered (or did not). */
  dispatch(
    event: Record<string, unknown>,
    channelId: string | null,
  ): Promise<{ eventId: string | null; status: number | null }> {
    if (!this.config) return Promise.resolve({ eventId: null, status: null });
    const eventId = `Ev${String(++this.seq).padStart(4, "0")}${randomBytes(4).toString("hex").toUpperCase()}`;
    const raw = JSON.stringify(this.envelope(event, eventId, channelId));
    this.bodies.set(eventId, { raw, type: String(event.type) });
    return this.enqueue(async () => ({
      eventId,
      status: (await this.post({ eventId, type: String(event.type), raw, retryNum: 0, retryReason: null })).status,
    }));
  }

  /**
   * Re-sends a delivered event, byte for byte, as Slack's retry: X-Slack-Retry-Num and X-Slack-Retry-Reason, signed
   * afresh (or with `timestamp`, unix seconds, e.g. a stale one).
   */
  redeliver(
    eventId: string,
    options: { retryNum: number; reason?: RetryReason | string; timestamp?: number },
  ): Promise<Delivery> {
    const original = this.bodies.get(eventId);
    if (!original) throw new Error(`slack emulator: no delivered event ${eventId}`);
    return this.enqueue(() =>
      this.post({
        eventId,
        type: original.type,
        raw: original.raw,
        retryNum: options.retryNum,
        retryReason: options.reason ?? "http_timeout",
        timestamp: options.timestamp,
      }),
    );
  }

  /** POSTs a prepared body (slash command, url_verification, interaction) through the same queue. */
  send(url: string, init: SendInit): Promise<Delivery> {
    return this.enqueue(() => this.post({ eventId: null, retryNum: 0, retryReason: null, url, ...init }));
  }

  /** Resolves once every queued delivery has been answered. */
  async settle(): Promise<void> {
    let tail: Promise<unknown>;
    do {
      tail = this.tail;
      await tail;
    } while (tail !== this.tail);
  }

  deliveries(): Delivery[] {
    return this.sent.map((d) => ({ ...d }));
  }

  clear(): void {
    this.sent.length = 0;
  }

  /**
   * The event_callback envelope. authorizations holds one installation (the bot); event_context is opaque (Slack's
   * decode to {et, tid, aid, cid}) and identifies the event to apps.event.authorizations.list.
   * https://docs.slack.dev/apis/events-api/#callback-field, https://docs.slack.dev/reference/methods/apps.event.authorizations.list
   */
  private envelope(event: Record<string, unknown>, eventId: string, channelId: string | null): Record<string, unknown> {
    const context = { et: event.type, tid: this.team.id, aid: BOT.appId, ...(channelId ? { cid: channelId } : {}) };
    return {
      token: this.token,
      team_id: this.team.id,
      api_app_id: BOT.appId,
      event,
      type: "event_callback",
      event_id: eventId,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [
        { enterprise_id: null, team_id: this.team.id, user_id: BOT.userId, is_bot: true, is_enterprise_install: false },
      ],
      is_ext_shared_channel: false,
      event_context: `4-${Buffer.from(JSON.stringify(context)).toString("base64url")}`,
    };
  }

  private enqueue<T>(task: () => Promise<T>): Promise<T> {
    const run = this.tail.then(task, task);
    this.tail = run.catch(() => undefined);
    return run;
  }

  private async post(
    d: Omit<SendInit, "contentType"> & { eventId: string | null; retryNum: number; retryReason: string | null } & {
      url?: string;
      contentType?: string;
    },
  ): Promise<Delivery> {
    const secret = d.signingSecret ?? this.config?.signingSecret;
    if (secret === undefined) throw new Error("slack emulator: call configureEvents({ url, signingSecret }) first");
    const headers: Record<string, string> = {
      "Content-Type": d.contentType ?? "application/json",
      ...signSlackRequest(secret, d.raw, d.timestamp ?? Date.now() / 1000),
      ...(d.retryNum > 0
        ? { "X-Slack-Retry-Num": String(d.retryNum), "X-Slack-Retry-Reason": d.retryReason ?? "http_timeout" }
        : {}),
    };
    const body =
      d.contentType === "application/x-www-form-urlencoded"
        ? Object.fromEntries(new URLSearchParams(d.raw))
        : (JSON.parse(d.raw) as Record<string, unknown>);
    const delivery: Delivery = {
      eventId: d.eventId,
      type: d.type,
      retryNum: d.retryNum,
      retryReason: d.retryNum > 0 ? (d.retryReason ?? "http_timeout") : null,
      status: 0,
      headers,
      body,
      rawBody: d.raw,
      responseBody: "",
    };
    try {
      const res = await fetch(d.url ?? this.config?.url ?? "", {
        method: "POST",
        headers,
        body: d.raw,
        redirect: "manual",
        signal: AbortSignal.timeout(this.config?.timeoutMs ?? 3000),
      });
      delivery.status = res.status;
      delivery.responseBody = await res.text();
    } catch (err) {
      delivery.error =
        err instanceof Error && (err.name === "TimeoutError" || err.name === "AbortError")
          ? "http_timeout"
          : `connection_failed: ${err instanceof Error ? (err.cause instanceof Error ? err.cause.message : err.message) : String(err)}`;
    }
    this.sent.push(delivery);
    return delivery;
  }
}
