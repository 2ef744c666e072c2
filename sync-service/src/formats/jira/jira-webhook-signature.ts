// Jira admin webhooks signed with a secret (https://developer.atlassian.com/cloud/jira/platform/webhooks/#secure-admin-webhooks):
// `X-Hub-Signature: sha256=<hex HMAC-SHA256 of the raw body>`.
import { createHmac, timingSafeEqual } from "node:crypto";

/** Whether `header` is the body's signature with `secret`, compared in constant time. */
export function isSignedByJira(secret: string, body: Buffer, header: string | undefined): boolean {
  const match = /^sha256=([0-9a-f]{64})$/i.exec(header ?? "");
  if (!match) return false;
  const expected = createHmac("sha256", secret).update(body).digest();
  return timingSafeEqual(expected, Buffer.from(match[1]!, "hex"));
}
