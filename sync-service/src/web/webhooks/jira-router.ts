import express, { Router } from "express";
import { jiraEventKey } from "../../formats/jira/jira-webhook-identity.ts";
import { isSignedByJira } from "../../formats/jira/jira-webhook-signature.ts";
import { AppError } from "../../domain/errors.ts";
import { STANDALONE_TENANT_ID } from "../../domain/tenant-settings.ts";
import { recordTicketDelivery } from "../../usecases/tickets/record-ticket-delivery.ts";
import type { WebContext } from "../context.ts";
import { BadRequestWebError, UnauthenticatedWebError } from "../errors.ts";
import { readJson } from "../middleware/input-guard.ts";

class WebhookNotConfiguredWebError extends AppError {
  readonly kind = "unavailable";
}

/**
 * `POST /webhooks/jira`: Jira admin webhooks, signed with JIRA_WEBHOOK_SECRET
 * (https://developer.atlassian.com/cloud/jira/platform/webhooks/#secure-admin-webhooks). A delivery is
 * a duplicate when its `X-Atlassian-Webhook-Identifier` (kept across Jira's retries) or the event its
 * signed body describes (jiraEventKey; the header is not signed, so a captured body may come back under
 * a fresh identifier) was recorded before. Deliveries are not refused by age: Jira retries for up to
 * 30 minutes "subject to change" (https://community.developer.atlassian.com/t/new-jira-cloud-webhook-retry-policy/30554)
 * with the event's own `timestamp`, so any window would drop late genuine events, while the inbox keeps
 * every event key for good, so a replay of any age is a no-op. The delivery is recorded and its job
 * enqueued in one transaction before the 2xx.
 */
export function jiraRouter(ctx: WebContext, secret: string | null): Router {
  const router = Router();
  router.post("/", express.raw({ type: () => true, limit: "1mb" }), async (req, res) => {
    if (!secret)
      throw new WebhookNotConfiguredWebError(
        "WEBHOOK.NOT_CONFIGURED",
        "Set JIRA_WEBHOOK_SECRET to accept Jira webhooks.",
      );
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    if (!isSignedByJira(secret, body, req.get("x-hub-signature"))) {
      throw new UnauthenticatedWebError(
        "WEBHOOK.BAD_SIGNATURE",
        "X-Hub-Signature is missing or does not match the body signed with JIRA_WEBHOOK_SECRET.",
      );
    }
    const deliveryId = req.get("x-atlassian-webhook-identifier");
    if (!deliveryId)
      throw new BadRequestWebError("WEBHOOK.MISSING_IDENTIFIER", "X-Atlassian-Webhook-Identifier is missing.");
    const payload = readJson(body, "webhook body");
    if (
      typeof payload !== "object" ||
      payload === null ||
      typeof (payload as { webhookEvent?: unknown }).webhookEvent !== "string"
    ) {
      throw new BadRequestWebError(
        "WEBHOOK.INVALID_PAYLOAD",
        "The body is not a Jira webhook payload (no `webhookEvent`).",
      );
    }
    // The admin webhook is the standalone site's (JIRA_BASE_URL); Forge installations send product events instead.
    const eventKey = jiraEventKey(payload as Record<string, unknown>, body);
    const recorded = await recordTicketDelivery(
      { uow: ctx.uow, clock: ctx.clock },
      "jira",
      deliveryId,
      payload,
      STANDALONE_TENANT_ID,
      eventKey,
    );
    res.status(recorded ? 202 : 200).json({ status: recorded ? "accepted" : "duplicate", deliveryId });
  });
  return router;
}
