// The notifier port for contact kind "webhook": a signed JSON POST to the contact's URL.
// Receivers verify `X-Firewatch-Signature: sha256=<hex HMAC-SHA256 of the raw body>` and dedupe
// retries on `X-Firewatch-Page-Id`, which stays the same across attempts of one page.
// Status handling (https://www.rfc-editor.org/rfc/rfc9110#section-15): a 4xx says this URL cannot
// take pages (410 gone, 404, 401/403 bad credentials; a 3xx too, as redirects are not followed), so
// the page moves on to the next contact method; 429 and a 503 with Retry-After wait as asked (RFC 6585 §4, RFC 9110 §10.2.3); other 5xx,
// 408, network errors and timeouts are transient and the page job backs off.
import { createHmac } from "node:crypto";
import { RetryLaterJobError } from "../../ports/jobs.ts";
import {
  NotificationRejectedError,
  type ContactMethod,
  type Delivery,
  type NotifierPort,
  type PageMessage,
} from "../../ports/notifier-port.ts";

export interface WebhookSettings {
  /** Signs every body with HMAC-SHA256; null sends pages unsigned. */
  readonly secret: string | null;
  /** Limit for the whole exchange, body included; 10 s unless set. */
  readonly timeoutMs?: number;
}

// A receiver that accepts the connection and never answers would otherwise hold a page worker
// until the OS gives up; fetch has no overall timeout of its own, only this signal.
const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_RETRY_AFTER_MS = 30_000;

/** Pages by signed POST. @throws NotificationRejectedError, RetryLaterJobError (429), Error (transient) */
export function webhookNotifier(settings: WebhookSettings): NotifierPort {
  const timeoutMs = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    // The webhook's contract is pages (`firewatch.page`); reminders of overdue action items go by Slack or e-mail.
    async remind(contact: ContactMethod): Promise<Delivery> {
      throw new NotificationRejectedError(`Contact ${contact.id} (webhook): reminders go by Slack or e-mail`);
    },
    async send(contact: ContactMethod, message: PageMessage): Promise<Delivery> {
      const url = webhookUrl(contact);
      const body = JSON.stringify({ type: "firewatch.page", page: pageFields(message) });
      const headers: Record<string, string> = { "Content-Type": "application/json", "X-Firewatch-Page-Id": message.pageId };
      if (settings.secret !== null) {
        headers["X-Firewatch-Signature"] = `sha256=${createHmac("sha256", settings.secret).update(body).digest("hex")}`;
      }
      // Messages name the origin only: a webhook URL's path often holds a token.
      const where = `webhook ${url.origin} (contact ${contact.id})`;
      let response: Response;
      let text = "";
      try {
        // Redirects are not followed: a signed page should reach the URL the person configured.
        response = await fetch(url, { method: "POST", headers, body, redirect: "manual", signal: AbortSignal.timeout(timeoutMs) });
        if (response.ok) await response.body?.cancel();
        else text = await response.text();
      } catch (error) {
        const timedOut = error instanceof DOMException && error.name === "TimeoutError";
        throw new Error(timedOut ? `${where} did not answer within ${timeoutMs} ms` : `${where} unreachable: ${(error as Error).message}`, {
          cause: error,
        });
      }
      if (response.ok) return { providerId: null };
      throw failure(response, text, where);
    },
  };
}

function webhookUrl(contact: ContactMethod): URL {
  let url: URL;
  try {
    url = new URL(contact.address);
  } catch {
    throw new NotificationRejectedError(`Contact ${contact.id} is not a URL`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new NotificationRejectedError(`Contact ${contact.id}: webhooks must be http(s), not ${url.protocol}`);
  }
  // fetch refuses URLs with credentials, which retrying would never fix.
  if (url.username || url.password) throw new NotificationRejectedError(`Contact ${contact.id}: webhook URL holds credentials`);
  return url;
}

function pageFields(message: PageMessage): Omit<PageMessage, "mayHaveBeenSent"> {
  const { pageId, incidentId, incidentKey, title, severity, status, url, level, recipientName } = message;
  return { pageId, incidentId, incidentKey, title, severity, status, url, level, recipientName };
}

function failure(response: Response, text: string, where: string): Error {
  const status = response.status;
  const said = `${where} answered ${status}${text ? `: ${text.slice(0, 200)}` : ""}`;
  const retryAfter = response.headers.get("retry-after");
  if (status === 429 || (status === 503 && retryAfter !== null)) {
    return new RetryLaterJobError(said, retryAfterMs(retryAfter));
  }
  if (status === 408 || status >= 500) return new Error(said);
  return new NotificationRejectedError(said);
}

/** Retry-After is delay-seconds or an HTTP-date (RFC 9110 §10.2.3); 30 s when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number {
  if (header === null) return DEFAULT_RETRY_AFTER_MS;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? DEFAULT_RETRY_AFTER_MS : Math.max(0, at - now);
}
