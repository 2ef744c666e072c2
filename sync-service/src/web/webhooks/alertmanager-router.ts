import express, { Router } from "express";
import { alertmanagerPayload, deliveryKey, toAlertEvent } from "../../formats/alertmanager/alertmanager-mapper.ts";
import { INTEGRATION_KEY_PATTERN } from "../../domain/service.ts";
import { NotFoundUseCaseError } from "../../usecases/shared/errors.ts";
import { ingestAlertBatch } from "../../usecases/alerts/ingest-alert-batch.ts";
import type { WebContext } from "../context.ts";
import { parseOrThrow } from "../errors.ts";
import { checkedBody } from "../middleware/input-guard.ts";

/**
 * `POST /webhooks/alertmanager/{routingKey}`: one incident per Alertmanager group (groupKey), resolved
 * when the group resolves. The delivery and its effects commit together before the 200, and an
 * identical redelivery is a no-op. Alertmanager retries 5xx and network errors, never 4xx.
 */
export function alertmanagerRouter(ctx: WebContext): Router {
  const router = Router();
  const deps = { intake: ctx.intake, clock: ctx.clock };

  router.post("/:routingKey", express.json({ limit: "1mb" }), checkedBody("Alertmanager payload"), async (req, res) => {
    const key = req.params.routingKey;
    if (!INTEGRATION_KEY_PATTERN.test(key)) throw new NotFoundUseCaseError("service", key);
    const payload = parseOrThrow(alertmanagerPayload, req.body, "Alertmanager payload");
    const event = toAlertEvent(payload, ctx.clock.now());
    const outcomes = await ingestAlertBatch(deps, key, { source: "alertmanager", key: deliveryKey(payload), payload }, [
      event,
    ]);
    const outcome = outcomes?.[0];
    res.status(200).json({
      status: outcomes ? "processed" : "duplicate",
      dedupKey: event.dedupKey,
      effect: outcome?.effect ?? null,
      incidentId: outcome?.incidentId ?? null,
    });
  });
  return router;
}
