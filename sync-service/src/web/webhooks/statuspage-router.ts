import express, { Router } from "express";
import { AppError } from "../../domain/errors.ts";
import { toStatusPageEvent } from "../../formats/statuspage/statuspage-webhook-mapper.ts";
import { sameToken } from "../../formats/statuspage/statuspage-webhook-token.ts";
import { recordStatusPageDelivery } from "../../usecases/status-page/record-status-page-delivery.ts";
import type { WebContext } from "../context.ts";
import { BadRequestWebError, UnauthenticatedWebError } from "../errors.ts";
import { readJson } from "../middleware/input-guard.ts";

class StatusPageNotConfiguredWebError extends AppError {
  readonly kind = "unavailable";
}

/**
 * `POST /webhooks/statuspage/{token}`: Statuspage's webhook notifications, which carry no signature, so
 * the secret is the URL's token (STATUSPAGE_WEBHOOK_TOKEN). Statuspage quarantines a subscriber after one
 * failed delivery (https://support.atlassian.com/statuspage/docs/enable-webhook-notifications/), so the
 * body is recorded and answered at once; the job mirrors it.
 */
export function statuspageRouter(ctx: WebContext, token: string | null): Router {
  const router = Router();
  router.post("/:token", express.raw({ type: () => true, limit: "1mb" }), async (req, res) => {
    if (!token)
      throw new StatusPageNotConfiguredWebError(
        "WEBHOOK.NOT_CONFIGURED",
        "Set STATUSPAGE_WEBHOOK_TOKEN to accept Statuspage webhooks.",
      );
    if (!sameToken(token, req.params.token))
      throw new UnauthenticatedWebError("WEBHOOK.BAD_TOKEN", "The token in the URL is not STATUSPAGE_WEBHOOK_TOKEN.");
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
    const json = readJson(body, "webhook body");
    if (!toStatusPageEvent(json))
      throw new BadRequestWebError(
        "WEBHOOK.INVALID_PAYLOAD",
        "The body is neither a Statuspage incident nor a component notification.",
      );
    const recorded = await recordStatusPageDelivery({ uow: ctx.uow, clock: ctx.clock }, body, json);
    res.status(recorded ? 202 : 200).json({ status: recorded ? "accepted" : "duplicate" });
  });
  return router;
}
