// The two resources the emulator serves, in Twilio's JSON shapes, and its number validation.
// Messages: https://www.twilio.com/docs/messaging/api/message-resource (create → 201, status "queued", sid SM…).
// Calls: https://www.twilio.com/docs/voice/api/call-resource and https://www.twilio.com/docs/voice/make-calls
// (To/From in E.164; TwiML inline in `Twiml` or fetched from `Url`).
// Magic numbers: https://www.twilio.com/docs/iam/test-credentials (the To values that fail, and their codes).
// Error codes: https://www.twilio.com/docs/api/errors (21211 invalid To, 21610 unsubscribed, 21614 not mobile, …).
import { randomBytes } from "node:crypto";

export type Resource = "Messages" | "Calls";

export interface TwilioErrorBody {
  code: number;
  message: string;
  more_info: string;
  status: number;
}

/** Twilio's error object; the body of every non-2xx answer of the 2010-04-01 API in JSON. */
export function twilioError(code: number, message: string, status = 400): TwilioErrorBody {
  return { code, message, more_info: `https://www.twilio.com/docs/errors/${code}`, status };
}

export const E164 = /^\+[1-9]\d{7,14}$/;

// The test-credentials magic To numbers; +1 555 numbers are fictional, so Twilio calls them invalid.
const MAGIC_TO: Record<Resource, Record<string, number>> = {
  Messages: {
    "+15005550001": 21211,
    "+15005550002": 21612,
    "+15005550003": 21408,
    "+15005550004": 21610,
    "+15005550009": 21614,
  },
  Calls: { "+15005550001": 21217, "+15005550002": 21214, "+15005550003": 21215, "+15005550004": 21216 },
};

const MESSAGES: Record<number, (to: string) => string> = {
  21211: (to) => `The 'To' number ${to} is not a valid phone number.`,
  21214: () => "'To' phone number cannot be reached",
  21215: (to) => `Account not authorized to call ${to}. Perhaps you need to enable some international permissions.`,
  21216: () => "Account not allowed to call this number",
  21217: () => "Phone number does not appear to be valid",
  21408: (to) => `Permission to send an SMS has not been enabled for the region indicated by the 'To' number: ${to}.`,
  21610: () => "Attempt to send to unsubscribed recipient",
  21612: (to) => `The 'To' phone number: ${to}, is not currently reachable using the 'From' phone number via SMS.`,
  21614: (to) => `'To' number ${to} is not a valid mobile number`,
};

/** Why Twilio would refuse this create request, or null. `owned` are the account's From numbers. */
export function validate(
  resource: Resource,
  p: Record<string, string>,
  owned: readonly string[],
): TwilioErrorBody | null {
  const to = p.To;
  if (!to) return twilioError(resource === "Messages" ? 21604 : 21201, "A 'To' phone number is required.");
  if (!p.From) return twilioError(21603, "A 'From' phone number is required.");
  if (resource === "Messages" && !p.Body) return twilioError(21602, "Message body is required.");
  if (resource === "Messages" && [...(p.Body ?? "")].length > 1600) {
    return twilioError(21617, "The concatenated message body exceeds the 1600 character limit.");
  }
  if (resource === "Calls" && !p.Twiml && !p.Url) return twilioError(21205, "Url parameter is required.");
  const code = MAGIC_TO[resource][to] ?? (!E164.test(to) || to.startsWith("+1555") ? 21211 : undefined);
  if (code !== undefined) return twilioError(code, MESSAGES[code]!(to));
  if (!owned.includes(p.From)) {
    return resource === "Messages"
      ? twilioError(
          21606,
          `The From phone number ${p.From} is not a valid, SMS-capable inbound phone number or short code for your account.`,
        )
      : twilioError(21210, "The source phone number provided, " + p.From + ", is not yet verified for your account.");
  }
  return null;
}

const KNOWN_PARAMS: Record<Resource, readonly string[]> = {
  Messages: ["To", "From", "Body", "StatusCallback", "ValidityPeriod"],
  Calls: ["To", "From", "Twiml", "Url", "Method", "StatusCallback", "Timeout"],
};
/** What Twilio would take in a create but a careful client should not send. */
export function carelessness(resource: Resource, contentType: string | null, params: Record<string, string>): string[] {
  const reasons: string[] = [];
  if (!contentType?.startsWith("application/x-www-form-urlencoded"))
    reasons.push(`body is ${contentType ?? "untyped"}, Twilio takes form encoding`);
  for (const name of Object.keys(params))
    if (!KNOWN_PARAMS[resource].includes(name)) reasons.push(`unknown parameter ${name}`);
  const twiml = params.Twiml;
  if (twiml !== undefined && !/^(<\?xml[^>]*\?>)?\s*<Response>[\s\S]*<\/Response>\s*$/.test(twiml))
    reasons.push("Twiml is not a <Response> document");
  // The Calls resource caps inline TwiML at 4,000 characters (https://www.twilio.com/docs/api/errors/32018).
  if (twiml !== undefined && twiml.length > 4000) reasons.push("Twiml longer than 4000 characters");
  return reasons;
}

/** RFC 2822 in GMT, as Twilio writes date_created. */
function rfc2822(date: Date): string {
  return date.toUTCString().replace("GMT", "+0000");
}

export function newSid(prefix: "SM" | "CA" | "RE"): string {
  return prefix + randomBytes(16).toString("hex");
}

export function messageResource(accountSid: string, p: Record<string, string>, now: Date): Record<string, unknown> {
  const sid = newSid("SM");
  const uri = `/2010-04-01/Accounts/${accountSid}/Messages/${sid}`;
  return {
    account_sid: accountSid,
    api_version: "2010-04-01",
    body: p.Body,
    date_created: rfc2822(now),
    date_sent: null,
    date_updated: rfc2822(now),
    direction: "outbound-api",
    error_code: null,
    error_message: null,
    from: p.From,
    messaging_service_sid: null,
    num_media: "0",
    num_segments: String(Math.ceil([...(p.Body ?? "")].length / 153) || 1),
    price: null,
    price_unit: "USD",
    sid,
    status: "queued",
    subresource_uris: { media: `${uri}/Media.json` },
    to: p.To,
    uri: `${uri}.json`,
  };
}

export function callResource(accountSid: string, p: Record<string, string>, now: Date): Record<string, unknown> {
  const sid = newSid("CA");
  const uri = `/2010-04-01/Accounts/${accountSid}/Calls/${sid}`;
  return {
    account_sid: accountSid,
    annotation: null,
    answered_by: null,
    api_version: "2010-04-01",
    caller_name: null,
    date_created: rfc2822(now),
    date_updated: rfc2822(now),
    direction: "outbound-api",
    duration: null,
    end_time: null,
    forwarded_from: null,
    from: p.From,
    from_formatted: p.From,
    group_sid: null,
    parent_call_sid: null,
    phone_number_sid: null,
    price: null,
    price_unit: "USD",
    queue_time: "0",
    sid,
    start_time: null,
    status: "queued",
    subresource_uris: { notifications: `${uri}/Notifications.json`, recordings: `${uri}/Recordings.json` },
    to: p.To,
    to_formatted: p.To,
    trunk_sid: null,
    uri: `${uri}.json`,
  };
}
