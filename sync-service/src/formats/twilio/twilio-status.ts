// Twilio's status callbacks: what became of a text or call after the 201 `queued` that created it.
//   Messages: MessageSid, MessageStatus (queued → sending → sent → delivered | undelivered | failed), ErrorCode on
//             failure (https://www.twilio.com/docs/messaging/guides/track-outbound-message-status).
//   Calls:    CallSid, CallStatus; with no StatusCallbackEvent, only the final one: completed | busy | no-answer |
//             failed | canceled (https://www.twilio.com/docs/voice/api/call-resource#statuscallback).
// Form-encoded POSTs signed in X-Twilio-Signature with the account's auth token over the full URL and the sorted
// parameters (https://www.twilio.com/docs/usage/webhooks/webhooks-security), checked here with Twilio's own library.
import twilio from "twilio";
import type { DeliveryReport } from "../../domain/delivery-report.ts";

/** Twilio error codes a later delivery failure carries (https://www.twilio.com/docs/api/errors/<code>). */
export const DELIVERY_ERROR_CODES: ReadonlyMap<number, string> = new Map([
  [30003, "unreachable destination handset (off or out of coverage)"],
  [30004, "message blocked by the recipient or their carrier"],
  [30005, "unknown destination handset (the number does not exist)"],
  [30006, "landline or unreachable carrier"],
  [30007, "message filtered by the carrier"],
  [30008, "unknown error from the carrier"],
]);

const MESSAGE_FAILED = new Set(["failed", "undelivered"]);
const CALL_FAILED: ReadonlyMap<string, string> = new Map([
  ["busy", "the line was busy"],
  ["no-answer", "nobody answered the call"],
  ["failed", "the call could not be placed"],
  ["canceled", "the call was canceled"],
]);

/** Whether the request carries the signature Twilio makes with `authToken` for `url` (as Twilio requested it) and `params`. */
export function isSignedByTwilio(
  authToken: string,
  signature: string | undefined,
  url: string,
  params: Record<string, string>,
): boolean {
  return typeof signature === "string" && signature !== "" && twilio.validateRequest(authToken, signature, url, params);
}

/** What a status callback says, or null when it is not one (no message or call sid, or no status). */
export function deliveryReport(params: Record<string, string>): DeliveryReport | null {
  if (params.MessageSid && params.MessageStatus) {
    const status = params.MessageStatus;
    if (status === "delivered" || status === "read")
      return { providerId: params.MessageSid, outcome: "delivered", detail: `text ${status}` };
    if (!MESSAGE_FAILED.has(status))
      return { providerId: params.MessageSid, outcome: "pending", detail: `text ${status}` };
    const code = Number(params.ErrorCode);
    const reason = DELIVERY_ERROR_CODES.get(code);
    return {
      providerId: params.MessageSid,
      outcome: "failed",
      detail: `text ${status}${params.ErrorCode ? ` (Twilio error ${params.ErrorCode}${reason ? `: ${reason}` : ""})` : ""}`,
    };
  }
  if (params.CallSid && params.CallStatus) {
    const status = params.CallStatus;
    if (status === "completed") return { providerId: params.CallSid, outcome: "delivered", detail: "call answered" };
    const reason = CALL_FAILED.get(status);
    return reason
      ? { providerId: params.CallSid, outcome: "failed", detail: `call ${status}: ${reason}` }
      : { providerId: params.CallSid, outcome: "pending", detail: `call ${status}` };
  }
  return null;
}
