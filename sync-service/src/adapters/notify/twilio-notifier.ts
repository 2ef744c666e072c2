// The notifier port for contact kinds "sms" and "voice", on the Twilio REST API (2010-04-01):
//   sms:   POST /2010-04-01/Accounts/{AccountSid}/Messages.json  To, From, Body
//          https://www.twilio.com/docs/messaging/api/message-resource#create-a-message-resource
//   voice: POST /2010-04-01/Accounts/{AccountSid}/Calls.json     To, From, Twiml (inline, ≤ 4,000 characters)
//          https://www.twilio.com/docs/voice/api/call-resource, https://www.twilio.com/docs/voice/make-calls
// Form-encoded, HTTP basic auth AccountSid:AuthToken; errors are JSON { code, message, more_info, status }
// (https://www.twilio.com/docs/usage/twilios-response). Status handling:
// - a 4xx says this request cannot succeed as sent (https://www.twilio.com/docs/api/errors): an unreachable number
//   (21211, 21614, 21610, …), bad credentials (401, 20003) or a wrong account (404), so the page moves on to the
//   person's next contact method;
// - 429 was never processed and is safe to retry (https://www.twilio.com/docs/api/errors/20429): wait Retry-After;
// - 5xx, network errors and timeouts are transient and the page job backs off. Twilio's create has no idempotency
//   key, so a timeout after Twilio accepted the request can yield a second text or call on retry.
import { IntegrationError } from "../../ports/integration-errors.ts";
import type { ContactMethod, Delivery, NotifierPort, PageMessage } from "../../ports/notifier-port.ts";
import { retryAfterMs } from "./webhook-notifier.ts";
import { smsText, voiceTwiml } from "./twilio-page-messages.ts";

export interface TwilioSettings {
  readonly accountSid: string;
  readonly authToken: string;
  /** The account's number (E.164) that texts and calls come from. */
  readonly from: string;
  /** Default https://api.twilio.com; tests point it at the emulator. */
  readonly apiUrl?: string;
  /** Limit for the whole exchange, body included; 10 s unless set. */
  readonly timeoutMs?: number;
  /**
   * Where Twilio reports what became of each text and call (`<this>/<page id>`, signed): a 201 `queued` is not a
   * delivery. Firewatch's `<PUBLIC_URL>/webhooks/twilio/status`.
   */
  readonly statusCallbackUrl?: string;
  /**
   * Where a page's call sends the key pressed (`<this>/<page id>`, signed): Firewatch's
   * `<PUBLIC_URL>/webhooks/twilio/voice/gather`. Without it the call reads the incident twice and asks nothing.
   */
  readonly gatherUrl?: string;
}

const DEFAULT_API_URL = "https://api.twilio.com";
const DEFAULT_TIMEOUT_MS = 10_000;
/** E.164: "+", a country code that does not start with 0, 8–15 digits in all (https://www.twilio.com/docs/glossary/what-e164). */
const E164 = /^\+[1-9]\d{7,14}$/;

/** Twilio error codes meaning this number cannot be reached this way (https://www.twilio.com/docs/api/errors/<code>). */
export const UNREACHABLE_NUMBER_CODES: ReadonlyMap<number, string> = new Map([
  [21211, "invalid 'To' number"],
  [21214, "'To' number cannot be reached"],
  [21215, "calls to this region are not permitted for the account"],
  [21216, "the account may not call this number"],
  [21217, "not a valid phone number"],
  [21408, "SMS to this region is not enabled for the account"],
  [21610, "the recipient unsubscribed (replied STOP)"],
  [21612, "Twilio cannot route to this number"],
  [21614, "not a mobile number"],
]);

/** Texts or calls the contact's number. @throws IntegrationError (rejected, not_configured; transient for 429), Error (transient) */
export function twilioNotifier(settings: TwilioSettings | null): NotifierPort {
  return {
    remind: rejectReminder,
    inform: rejectReminder,
    async send(contact: ContactMethod, message: PageMessage): Promise<Delivery> {
      if (settings === null)
        throw new IntegrationError("twilio", "not_configured", `Twilio is not configured (contact ${contact.id})`);
      const kind = contact.kind;
      if (kind !== "sms" && kind !== "voice")
        throw new IntegrationError("twilio", "rejected", `Contact ${contact.id}: Twilio cannot page ${kind} contacts`);
      if (!E164.test(contact.address)) {
        throw new IntegrationError(
          "twilio",
          "rejected",
          `Contact ${contact.id}: ${kind} address must be an E.164 number (+ and 8–15 digits)`,
        );
      }
      const params: Record<string, string> =
        kind === "sms"
          ? { To: contact.address, From: settings.from, Body: smsText(message) }
          : {
              To: contact.address,
              From: settings.from,
              Twiml: voiceTwiml(message, message.test ? undefined : settings.gatherUrl),
            };
      // A test page is no page: nothing to move on to when it is not delivered.
      if (settings.statusCallbackUrl && !message.test)
        params.StatusCallback = `${settings.statusCallbackUrl}/${encodeURIComponent(message.pageId)}`;
      // Messages name the contact, not the number: errors end up in job logs.
      return create(settings, kind === "sms" ? "Messages" : "Calls", params, `Twilio ${kind} to contact ${contact.id}`);
    },
  };
}

async function create(
  settings: TwilioSettings,
  resource: "Messages" | "Calls",
  params: Record<string, string>,
  where: string,
): Promise<Delivery> {
  const base = (settings.apiUrl ?? DEFAULT_API_URL).replace(/\/+$/, "");
  const url = `${base}/2010-04-01/Accounts/${encodeURIComponent(settings.accountSid)}/${resource}.json`;
  const timeoutMs = settings.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const headers = {
    Authorization: `Basic ${Buffer.from(`${settings.accountSid}:${settings.authToken}`).toString("base64")}`,
    "Content-Type": "application/x-www-form-urlencoded",
    Accept: "application/json",
  };
  let response: Response;
  let text: string;
  try {
    // fetch has no overall timeout of its own; the signal also bounds reading the body.
    response = await fetch(url, {
      method: "POST",
      headers,
      body: new URLSearchParams(params).toString(),
      signal: AbortSignal.timeout(timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    const timedOut = error instanceof DOMException && error.name === "TimeoutError";
    throw new Error(
      timedOut
        ? `${where}: Twilio did not answer within ${timeoutMs} ms`
        : `${where}: Twilio unreachable: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  if (response.ok) return { providerId: stringField(parseJson(text), "sid") };
  throw failure(response, text, where);
}

function failure(response: Response, text: string, where: string): Error {
  const status = response.status;
  const body = parseJson(text);
  const code = body !== null && typeof body.code === "number" ? body.code : null;
  const detail = stringField(body, "message") ?? text.slice(0, 200);
  const said = `${where}: Twilio answered ${status}${code !== null ? ` (error ${code})` : ""}${detail ? `: ${detail}` : ""}`;
  if (status === 429)
    return new IntegrationError("twilio", "transient", said, {
      retryAfterMs: retryAfterMs(response.headers.get("retry-after")),
    });
  if (status === 408 || status >= 500 || status < 400) return new Error(said);
  const reason = code === null ? undefined : UNREACHABLE_NUMBER_CODES.get(code);
  return new IntegrationError("twilio", "rejected", reason ? `${said} — ${reason}` : said);
}

function parseJson(text: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

function stringField(body: Record<string, unknown> | null, name: string): string | null {
  const value = body?.[name];
  return typeof value === "string" ? value : null;
}

/**
 * Reminders of overdue action items and status updates are not worth a text or a call: the next contact method
 * (Slack, e-mail) is tried.
 */
async function rejectReminder(contact: ContactMethod): Promise<Delivery> {
  throw new IntegrationError(
    "twilio",
    "rejected",
    `Contact ${contact.id} (${contact.kind}): reminders and status updates go by Slack or e-mail`,
  );
}
