// Request signing exactly as "Verifying requests from Slack" describes it: the basestring is "v0:<timestamp>:<raw body>",
// the signature "v0=" + hex(HMAC-SHA256(signing secret, basestring)), sent with the timestamp (unix seconds) in
// X-Slack-Request-Timestamp. Receivers reject timestamps more than five minutes off.
// https://docs.slack.dev/authentication/verifying-requests-from-slack (also https://api.slack.com/authentication/verifying-requests-from-slack)
import { createHmac } from "node:crypto";

export interface SignedHeaders {
  "X-Slack-Request-Timestamp": string;
  "X-Slack-Signature": string;
}

export function signSlackRequest(secret: string, body: string, timestamp: number): SignedHeaders {
  const ts = String(Math.floor(timestamp));
  const digest = createHmac("sha256", secret).update(`v0:${ts}:${body}`, "utf8").digest("hex");
  return { "X-Slack-Request-Timestamp": ts, "X-Slack-Signature": `v0=${digest}` };
}

/**
 * The url_verification body Slack POSTs when a Request URL is configured; it has no inner event and no envelope.
 * The app answers HTTP 200 with the challenge (text/plain, form or JSON {"challenge"}).
 * https://api.slack.com/events/url_verification
 */
export function urlVerificationBody(
  challenge: string,
  token = "emulator-verification-token",
): { token: string; challenge: string; type: "url_verification" } {
  return { token, challenge, type: "url_verification" };
}
