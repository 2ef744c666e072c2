import express, { Router } from "express";
import { z } from "zod";
import { AppError } from "../../domain/errors.ts";
import { deliveryReport, isSignedByTwilio } from "../../formats/twilio/twilio-status.ts";
import { applyDeliveryReport } from "../../usecases/paging/apply-delivery-report.ts";
import type { WebContext } from "../context.ts";
import { BadRequestWebError, RouteNotFoundWebError, UnauthenticatedWebError } from "../errors.ts";
import { readForm } from "../middleware/input-guard.ts";

class TwilioNotConfiguredWebError extends AppError {
  readonly kind = "unavailable";
}

/**
 * `POST /webhooks/twilio/status/{pageId}`: Twilio's status callback for a text or call a page sent (the URL each
 * create names in StatusCallback). The signature covers the URL Twilio called, so it is checked against
 * PUBLIC_URL + the path: behind a proxy, PUBLIC_URL must be the address Twilio calls.
 */
export function twilioRouter(ctx: WebContext, authToken: string | null): Router {
  const router = Router();
  router.post("/status/:pageId", express.raw({ type: () => true, limit: "64kb" }), async (req, res) => {
    if (!authToken)
      throw new TwilioNotConfiguredWebError(
        "WEBHOOK.NOT_CONFIGURED",
        "Set TWILIO_AUTH_TOKEN to accept Twilio's status callbacks.",
      );
    const form = readForm(Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0), "status callback");
    const params = Object.fromEntries(form);
    if (!isSignedByTwilio(authToken, req.get("x-twilio-signature"), `${ctx.publicUrl}${req.originalUrl}`, params)) {
      throw new UnauthenticatedWebError(
        "WEBHOOK.TWILIO_SIGNATURE_MISMATCH",
        "X-Twilio-Signature does not match this URL (as PUBLIC_URL + path) and body signed with TWILIO_AUTH_TOKEN.",
      );
    }
    const report = deliveryReport(params);
    if (!report)
      throw new BadRequestWebError(
        "WEBHOOK.INVALID_PAYLOAD",
        "The body is not a status callback (MessageSid and MessageStatus, or CallSid and CallStatus).",
      );
    const pageId = req.params.pageId;
    if (
      !z.uuid().safeParse(pageId).success ||
      !(await applyDeliveryReport({ uow: ctx.uow, clock: ctx.clock }, pageId, report))
    ) {
      throw new RouteNotFoundWebError("PAGE.NOT_FOUND", `No page ${pageId} was sent as ${report.providerId}.`);
    }
    res.status(204).end();
  });
  return router;
}
