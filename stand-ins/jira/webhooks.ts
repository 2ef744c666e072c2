// Webhook delivery, as Jira Cloud does it for admin webhooks registered with a secret:
//   POST <url>, Content-Type: application/json, X-Atlassian-Webhook-Identifier (unique per delivery, unchanged on
//   retries), X-Atlassian-Webhook-Flow: Primary, X-Hub-Signature: sha256=<hex HMAC-SHA256 of the raw body>,
//   X-Atlassian-Webhook-Retry: <n> on retries.
// Refs: https://developer.atlassian.com/cloud/jira/platform/webhooks/#secure-admin-webhooks
//       https://developer.atlassian.com/cloud/jira/platform/webhooks/#retry-policy (retries on 408, 409, 425, 429, 5xx
//       and connection failures — here only when a registration asks for `retry`, to keep tests deterministic).
import { createHmac, randomUUID } from "node:crypto";
import type { WebhookMessage } from "./webhook-payloads.ts";

export const WEBHOOK_EVENTS = [
  "jira:issue_created",
  "jira:issue_updated",
  "jira:issue_deleted",
  "comment_created",
] as const;

export interface WebhookRegistration {
  url: string;
  /** When set, deliveries carry X-Hub-Signature. */
  secret?: string;
  /** Defaults to every event the emulator raises. */
  events?: readonly string[];
  /** Automatic redelivery on a retryable answer: `attempts` extra tries, `delayMs` apart (default 100). */
  retry?: { attempts: number; delayMs?: number };
  /** Per-attempt timeout (default 5000 ms). */
  timeoutMs?: number;
}

export interface DeliveryAttempt {
  at: number;
  retry: number;
  status?: number;
  error?: string;
}

export interface WebhookDelivery {
  identifier: string;
  webhookId: number;
  event: string;
  url: string;
  /** The exact bytes sent (what the signature covers). */
  body: string;
  headers: Record<string, string>;
  attempts: DeliveryAttempt[];
}

const RETRYABLE = (status: number) => [408, 409, 425, 429].includes(status) || status >= 500;

export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body, "utf8").digest("hex")}`;
}

export class WebhookDispatcher {
  private readonly registrations = new Map<number, WebhookRegistration>();
  private readonly list: WebhookDelivery[] = [];
  private readonly inflight = new Set<Promise<unknown>>();
  private nextId = 1;

  register(registration: WebhookRegistration): number {
    const id = this.nextId++;
    this.registrations.set(id, registration);
    return id;
  }

  unregister(id: number): void {
    this.registrations.delete(id);
  }

  /** Starts delivery of each message to every matching registration; resolves when those deliveries have finished. */
  emit(messages: WebhookMessage[]): Promise<void> {
    const jobs: Promise<unknown>[] = [];
    for (const message of messages) {
      for (const [webhookId, reg] of this.registrations) {
        if (reg.events && !reg.events.includes(message.event)) continue;
        const body = JSON.stringify(message.payload);
        const identifier = randomUUID();
        const headers: Record<string, string> = {
          "Content-Type": "application/json",
          "User-Agent": "Atlassian Webhook HTTP Client",
          "X-Atlassian-Webhook-Identifier": identifier,
          "X-Atlassian-Webhook-Flow": "Primary",
          ...(reg.secret ? { "X-Hub-Signature": signBody(body, reg.secret) } : {}),
        };
        const delivery: WebhookDelivery = {
          identifier,
          webhookId,
          event: message.event,
          url: reg.url,
          body,
          headers,
          attempts: [],
        };
        this.list.push(delivery);
        jobs.push(this.track(this.deliverWithRetries(delivery, reg)));
      }
    }
    return Promise.all(jobs).then(() => undefined);
  }

  /** Sends a recorded delivery again: same body, same identifier, X-Atlassian-Webhook-Retry incremented. */
  redeliver(identifier: string): Promise<DeliveryAttempt> {
    const delivery = this.list.find((d) => d.identifier === identifier);
    if (!delivery) throw new Error(`jira emulator: no webhook delivery ${identifier}`);
    return this.track(this.attempt(delivery, this.registrations.get(delivery.webhookId)?.timeoutMs));
  }

  deliveries(): WebhookDelivery[] {
    return this.list.map((d) => ({ ...d, headers: { ...d.headers }, attempts: [...d.attempts] }));
  }

  /** Resolves once every delivery started so far has finished (including retries). */
  async settled(): Promise<void> {
    while (this.inflight.size > 0) await Promise.allSettled([...this.inflight]);
  }

  private track<T>(promise: Promise<T>): Promise<T> {
    this.inflight.add(promise);
    void promise.finally(() => this.inflight.delete(promise)).catch(() => undefined);
    return promise;
  }

  private async deliverWithRetries(delivery: WebhookDelivery, reg: WebhookRegistration): Promise<void> {
    let result = await this.attempt(delivery, reg.timeoutMs);
    for (let n = 0; n < (reg.retry?.attempts ?? 0); n++) {
      if (result.status !== undefined && !RETRYABLE(result.status)) return;
      await new Promise((resolve) => setTimeout(resolve, reg.retry?.delayMs ?? 100));
      result = await this.attempt(delivery, reg.timeoutMs);
    }
  }

  private async attempt(delivery: WebhookDelivery, timeoutMs = 5000): Promise<DeliveryAttempt> {
    const retry = delivery.attempts.length;
    const headers = { ...delivery.headers, ...(retry > 0 ? { "X-Atlassian-Webhook-Retry": String(retry) } : {}) };
    const attempt: DeliveryAttempt = { at: Date.now(), retry };
    delivery.attempts.push(attempt);
    try {
      const res = await fetch(delivery.url, {
        method: "POST",
        headers,
        body: delivery.body,
        signal: AbortSignal.timeout(timeoutMs),
      });
      await res.arrayBuffer();
      attempt.status = res.status;
    } catch (err) {
      attempt.error = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    }
    return attempt;
  }
}
