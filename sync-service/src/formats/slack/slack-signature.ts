// "Verifying requests from Slack" (https://docs.slack.dev/authentication/verifying-requests-from-slack):
// X-Slack-Signature is "v0=" + hex HMAC-SHA256 of "v0:<X-Slack-Request-Timestamp>:<raw body>" with the
// app's signing secret; requests older than five minutes are refused so a captured one cannot be replayed.
// @slack/web-api has no verifier, and Bolt's comes inside its own HTTP receiver, so this is the dozen
// lines the doc spells out.
import { createHmac, timingSafeEqual } from "node:crypto";

export const REPLAY_WINDOW_SECONDS = 5 * 60;

export type SignatureCheck = "ok" | "missing" | "stale" | "mismatch";

export function checkSlackSignature(
  secret: string,
  body: Buffer,
  timestamp: string | undefined,
  signature: string | undefined,
  nowMs: number,
): SignatureCheck {
  if (!timestamp || !signature) return "missing";
  const seconds = Number(timestamp);
  if (!/^\d+$/.test(timestamp) || Math.abs(nowMs / 1000 - seconds) > REPLAY_WINDOW_SECONDS) return "stale";
  const match = /^v0=([0-9a-f]{64})$/i.exec(signature);
  if (!match) return "mismatch";
  const expected = createHmac("sha256", secret).update(`v0:${timestamp}:`).update(body).digest();
  return timingSafeEqual(expected, Buffer.from(match[1]!, "hex")) ? "ok" : "mismatch";
}
