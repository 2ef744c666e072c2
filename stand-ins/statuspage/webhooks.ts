// Webhook delivery to the page's webhook subscriber, as Statuspage does it for subscribers with webhook notifications
// (https://support.atlassian.com/statuspage/docs/enable-webhook-notifications/):
//   "Webhooks are HTTP POST requests that our servers send to the registered endpoint."
//   "Endpoints are required to respond with a 2xx response code (3xx is considered a failure), and must respond within
//    30 seconds of initial connection."
// and the reference's Subscribers section (https://developer.statuspage.io/): "If a (page or component) subscriber
// fails to receive a notification, they will be quarantined" — a quarantined subscriber gets nothing more until it is
// reactivated (here: configureWebhook again). Deliveries are asynchronous: queued when the change happens, sent after
// the API answer, one at a time in order. No retries are documented, so none are made.
import type { WebhookEvent } from "./model.ts";

export interface WebhookOptions {
  /** Per-delivery timeout (default 30000 ms, the documented limit). */
  timeoutMs?: number;
  /** Quarantine the subscriber after a failed delivery (default true, as documented). */
  quarantineOnFailure?: boolean;
}

export interface WebhookDelivery {
  seq: number;
  kind: WebhookEvent["kind"];
  url: string;
  /** The body as sent (parsed). */
  payload: Record<string, unknown>;
  /** The exact bytes sent. */
  raw: string;
  enqueuedAt: number;
  sentAt?: number;
  /** The receiver's HTTP status. */
  status?: number;
  /** Connection error, timeout, or a non-2xx status. */
  error?: string;
  /** Set when the delivery was not attempted. */
  skipped?: "quarantined" | "stopped";
}

interface Subscriber {
  url: string;
  timeoutMs: number;
  quarantineOnFailure: boolean;
  quarantined: boolean;
}

export class WebhookDispatcher {
  private subscriber: Subscriber | null = null;
  private readonly queue: WebhookDelivery[] = [];
  private readonly list: WebhookDelivery[] = [];
  private running: Promise<void> | null = null;
  private closing = new AbortController();
  private seq = 0;

  /** Subscribes `url` (replacing any earlier subscriber and lifting a quarantine); null unsubscribes. */
  configure(url: string | null, options: WebhookOptions = {}): void {
    this.subscriber =
      url === null
        ? null
        : {
            url,
            timeoutMs: options.timeoutMs ?? 30_000,
            quarantineOnFailure: options.quarantineOnFailure ?? true,
            quarantined: false,
          };
  }

  quarantined(): boolean {
    return this.subscriber?.quarantined ?? false;
  }

  /** Queues deliveries for the events (nothing when no subscriber is configured) and starts sending. */
  enqueue(events: readonly WebhookEvent[]): void {
    const subscriber = this.subscriber;
    if (!subscriber || events.length === 0) return;
    for (const event of events) {
      const delivery: WebhookDelivery = {
        seq: ++this.seq,
        kind: event.kind,
        url: subscriber.url,
        payload: event.payload,
        raw: JSON.stringify(event.payload),
        enqueuedAt: Date.now(),
      };
      this.list.push(delivery);
      this.queue.push(delivery);
    }
    this.pump();
  }

  deliveries(): WebhookDelivery[] {
    return this.list.map((d) => ({ ...d }));
  }

  /** Resolves when every queued delivery has been attempted. */
  async settled(): Promise<void> {
    while (this.running) await this.running;
  }

  /** Aborts the delivery in flight and drops the queue (used by the emulator's stop()). */
  async close(): Promise<void> {
    this.closing.abort();
    for (const d of this.queue.splice(0)) d.skipped = "stopped";
    await this.settled();
    this.closing = new AbortController();
  }

  private pump(): void {
    if (this.running) return;
    this.running = (async () => {
      for (let next = this.queue.shift(); next; next = this.queue.shift()) await this.deliver(next);
    })().finally(() => {
      this.running = null;
    });
  }

  private async deliver(delivery: WebhookDelivery): Promise<void> {
    const subscriber = this.subscriber;
    if (this.closing.signal.aborted) {
      delivery.skipped = "stopped";
      return;
    }
    if (!subscriber || subscriber.url !== delivery.url || subscriber.quarantined) {
      delivery.skipped = "quarantined";
      return;
    }
    delivery.sentAt = Date.now();
    try {
      const res = await fetch(delivery.url, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: delivery.raw,
        redirect: "manual",
        signal: AbortSignal.any([AbortSignal.timeout(subscriber.timeoutMs), this.closing.signal]),
      });
      await res.arrayBuffer().catch(() => undefined);
      delivery.status = res.status;
      if (res.status < 200 || res.status > 299) delivery.error = `HTTP ${res.status}`;
    } catch (err) {
      delivery.error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    }
    if (delivery.error && subscriber.quarantineOnFailure) subscriber.quarantined = true;
  }
}
