import express, { Router, type ErrorRequestHandler, type Response } from "express";
import { parseEventsV2 } from "../../formats/events-v2/events-v2-mapper.ts";
import { NotFoundUseCaseError } from "../../usecases/shared/errors.ts";
import { ingestAlertEvent } from "../../usecases/alerts/ingest-alert-event.ts";
import type { WebContext } from "../context.ts";
import { classifyError } from "../error-handler.ts";
import { checkedBody } from "../middleware/input-guard.ts";

// "Events API payloads are limited to 512 KB" — PagerDuty, Events API v2 Overview.
const LIMIT = "512kb";

function invalid(res: Response, status: number, errors: string[], message = "Event object is invalid"): void {
  res.status(status).json({ status: "invalid event", message, errors });
}

/**
 * `POST /v2/enqueue`, answering exactly as PagerDuty's Events API v2 does, so any tool that pages
 * PagerDuty pages Firewatch by changing the URL. The 202 is sent after the event's effects commit.
 */
export function eventsV2Router(ctx: WebContext): Router {
  const router = Router();
  const deps = { intake: ctx.intake, clock: ctx.clock };

  router.post("/enqueue", express.json({ limit: LIMIT, type: () => true }), checkedBody("event"), async (req, res) => {
    const parsed = parseEventsV2(req.body, ctx.clock.now());
    if (!parsed.ok) return invalid(res, 400, parsed.errors);
    let outcome;
    try {
      outcome = await ingestAlertEvent(deps, parsed.routingKey, parsed.event);
    } catch (error) {
      if (!(error instanceof NotFoundUseCaseError)) throw error;
      return invalid(res, 400, [
        "'routing_key' does not match any Firewatch service; copy the integration key from the service",
      ]);
    }
    res.status(202).json({ status: "success", message: "Event processed", dedup_key: outcome.dedupKey });
  });

  const pagerDutyErrors: ErrorRequestHandler = (error, req, res, next) => {
    if (res.headersSent) return next(error);
    const { status, code, message } = classifyError(error, req);
    if (code === "REQUEST.MALFORMED_JSON") {
      res.status(400).json({
        status: "Unrecognized object",
        message: "Event object format is unrecognized",
        errors: ["JSON parse error"],
      });
    } else if (status < 500) invalid(res, status, [message]);
    else next(error);
  };
  router.use(pagerDutyErrors);
  return router;
}
