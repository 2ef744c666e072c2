// Records Jira webhook deliveries (answered 204), and checks their signature as a consumer must.
import { createHmac, timingSafeEqual } from "node:crypto";
import { RecordingWebhookReceiver, type ReceivedWebhook } from "../common/webhook-receiver.ts";

export type { ReceivedWebhook } from "../common/webhook-receiver.ts";

export class WebhookReceiver extends RecordingWebhookReceiver {
  constructor() {
    super("/jira-webhook", 204);
  }

  byEvent(event: string): ReceivedWebhook[] {
    return this.received.filter((r) => r.json.webhookEvent === event);
  }
}

/** What a consumer must do: HMAC-SHA256 of the raw body with the shared secret, compared in constant time. */
export function verifyJiraSignature(raw: string, header: string | string[] | undefined, secret: string): boolean {
  if (typeof header !== "string" || !header.startsWith("sha256=")) return false;
  const expected = createHmac("sha256", secret).update(raw, "utf8").digest();
  const given = Buffer.from(header.slice("sha256=".length), "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}
