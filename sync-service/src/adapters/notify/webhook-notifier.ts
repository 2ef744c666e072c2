// The notifier port for contact kind "webhook": a signed JSON POST to the contact's URL.
// Receivers verify `X-Firewatch-Signature: sha256=<hex HMAC-SHA256 of the raw body>` and dedupe
// retries on `X-Firewatch-Page-Id`, which stays the same across attempts of one page.
// The URL is a tenant's: it is vetted by the outbound policy again at every send (a name may now
// resolve elsewhere, the allow-list may have changed) and the POST goes only to the vetted addresses.
// Status handling (https://www.rfc-editor.org/rfc/rfc9110#section-15): a 4xx says this URL cannot
// take pages (410 gone, 404, 401/403 bad credentials; a 3xx too, as redirects are not followed), so
// the page moves on to the next contact method; 429 and a 503 with Retry-After wait as asked (RFC 6585 §4, RFC 9110 §10.2.3); other 5xx,
// 408, network errors and timeouts are transient and the page job backs off.
import { createHmac } from "node:crypto";
import http, { STATUS_CODES } from "node:http";
import https from "node:https";
import { webhookUrl } from "../../domain/contact-address.ts";
import { IntegrationError, isIntegrationError } from "../../ports/integration-errors.ts";
import type { ContactMethod, Delivery, NotifierPort, PageMessage } from "../../ports/notifier-port.ts";
import type { OutboundPort, VettedDestination } from "../../ports/outbound-port.ts";
import { pinnedLookup } from "../outbound/outbound-guard.ts";

export interface WebhookSettings {
  /** Signs every body with HMAC-SHA256; null sends pages unsigned. */
  readonly secret: string | null;
  /** The outbound policy every send is vetted by. */
  readonly outbound: OutboundPort;
  /** Limit for the exchange up to the answer's status line; 10 s unless set. */
  readonly timeoutMs?: number;
}

// A receiver that accepts the connection and never answers would otherwise hold a page worker
// until the OS gives up.
const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_RETRY_AFTER_MS = 30_000;

/** Pages by signed POST. @throws IntegrationError (rejected; transient for 429), Error (transient) */
export function webhookNotifier(settings: WebhookSettings): NotifierPort {
  const timeoutMs = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return {
    // The webhook's contract is pages (`firewatch.page`); reminders and status updates go by Slack or e-mail.
    remind: notAPage,
    inform: notAPage,
    async send(contact: ContactMethod, message: PageMessage): Promise<Delivery> {
      const url = urlOf(contact);
      // Messages name the origin only: a webhook URL's path often holds a token.
      const where = `webhook ${url.origin} (contact ${contact.id})`;
      const destination = await vetted(settings.outbound, url, where);
      const body = JSON.stringify({ type: "firewatch.page", page: pageFields(message) });
      const headers: Record<string, string> = {
        "Content-Type": "application/json",
        "X-Firewatch-Page-Id": message.pageId,
      };
      if (settings.secret !== null) {
        headers["X-Firewatch-Signature"] = `sha256=${createHmac("sha256", settings.secret).update(body).digest("hex")}`;
      }
      let answer: Answer;
      try {
        answer = await post(destination, headers, body, AbortSignal.timeout(timeoutMs));
      } catch (error) {
        const timedOut = (error as Error).name === "AbortError";
        throw new Error(
          timedOut
            ? `${where} did not answer within ${timeoutMs} ms`
            : `${where} unreachable: ${(error as Error).message}`,
          { cause: error },
        );
      }
      if (answer.status >= 200 && answer.status < 300) return { providerId: null };
      throw failure(answer, where);
    },
  };
}

function urlOf(contact: ContactMethod): URL {
  try {
    return webhookUrl(contact.address);
  } catch (error) {
    // Saved before addresses were validated, or changed in the database: retrying would never fix it.
    throw new IntegrationError(
      "webhook",
      "rejected",
      `Contact ${contact.id}: ${(error as Error).message.replace(/^`address`: /, "")}`,
    );
  }
}

async function vetted(outbound: OutboundPort, url: URL, where: string): Promise<VettedDestination> {
  try {
    return await outbound.vet(url);
  } catch (error) {
    if (isIntegrationError(error, "rejected"))
      throw new IntegrationError("webhook", "rejected", `${where} refused: ${error.message}`);
    // A name that stopped resolving may come back (a DNS outage): transient, like an unreachable host.
    throw new Error(`${where} unreachable: ${(error as Error).message}`, { cause: error });
  }
}

interface Answer {
  readonly status: number;
  readonly retryAfter: string | null;
}

// node:http rather than fetch: fetch (undici) takes no `lookup`, and pinning the vetted addresses needs
// one. Redirects are not followed (node:http never does), and the answer's body is never read.
function post(
  destination: VettedDestination,
  headers: Record<string, string>,
  body: string,
  signal: AbortSignal,
): Promise<Answer> {
  const client = destination.url.protocol === "https:" ? https : http;
  return new Promise((resolve, reject) => {
    const request = client.request(
      destination.url,
      // A fresh connection each time (agent: false): a pooled one may lead to an address vetted for an earlier page.
      {
        method: "POST",
        headers: { ...headers, "Content-Length": String(Buffer.byteLength(body)) },
        lookup: pinnedLookup(destination.addresses),
        agent: false,
        signal,
      },
      (response) => {
        const retryAfter = response.headers["retry-after"];
        resolve({ status: response.statusCode ?? 0, retryAfter: typeof retryAfter === "string" ? retryAfter : null });
        response.destroy();
      },
    );
    request.once("error", reject);
    request.end(body);
  });
}

/** What a webhook receives of a page: never the person's one-time links (the receiver is a third party). */
function pageFields(message: PageMessage): Omit<PageMessage, "mayHaveBeenSent" | "actionUrls" | "signInUrl"> {
  const { pageId, incidentId, incidentKey, title, severity, status, url, level, recipientName } = message;
  const fields = { pageId, incidentId, incidentKey, title, severity, status, url, level, recipientName };
  return message.test ? { ...fields, test: true } : fields;
}

// Only the status line is told, with the standard reason phrase rather than the receiver's: nothing a
// receiver sends back reaches the timeline, the job's error or a log (docs/security.md, "Outbound URLs").
function failure(answer: Answer, where: string): Error {
  const status = answer.status;
  const said = `${where} answered ${status} ${STATUS_CODES[status] ?? ""}`.trimEnd();
  if (status === 429 || (status === 503 && answer.retryAfter !== null)) {
    return new IntegrationError("webhook", "transient", said, { retryAfterMs: retryAfterMs(answer.retryAfter) });
  }
  if (status === 408 || status >= 500) return new Error(said);
  return new IntegrationError("webhook", "rejected", said);
}

/** Retry-After is delay-seconds or an HTTP-date (RFC 9110 §10.2.3); 30 s when absent or unreadable. */
export function retryAfterMs(header: string | null, now = Date.now()): number {
  if (header === null) return DEFAULT_RETRY_AFTER_MS;
  const value = header.trim();
  if (/^\d+$/.test(value)) return Number(value) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? DEFAULT_RETRY_AFTER_MS : Math.max(0, at - now);
}

async function notAPage(contact: ContactMethod): Promise<Delivery> {
  throw new IntegrationError(
    "webhook",
    "rejected",
    `Contact ${contact.id} (webhook): reminders and status updates go by Slack or e-mail`,
  );
}
