import { Router } from "express";
import { z } from "zod";
import type { SubscriberRef } from "../../domain/crisis.ts";
import { runPlay } from "../../usecases/crisis/run-play.ts";
import { listStatusUpdates, postStatusUpdate } from "../../usecases/crisis/status-updates.ts";
import { addSubscriber, listSubscribers, removeSubscriber } from "../../usecases/crisis/subscribers.ts";
import type { WebContext } from "../context.ts";
import { parseOrThrow } from "../errors.ts";
import { principalOf } from "../middleware/authenticate.ts";
import { presentStatusUpdate, presentSubscriber, statusUpdateBody, subscriberBody } from "./crisis-requests.ts";
import { refOf } from "./incident-ref.ts";
import { requireBrowsableIncident } from "./issue-access.ts";

const id = (what: string) => z.uuid({ error: `must be a ${what} id (a UUID)` });

/**
 * An incident's stakeholders: `…/subscribers` (told, never paged), `…/status-updates` (told to every subscriber) and
 * `POST …/response-plays/{playId}` (runs a play's steps).
 */
export function crisisRouter(ctx: WebContext): Router {
  const router = Router({ mergeParams: true });
  const deps = { uow: ctx.uow, clock: ctx.clock };

  router.get("/subscribers", async (req, res) => {
    await requireBrowsableIncident(ctx, principalOf(res), refOf(req));
    const subscribers = await listSubscribers(deps, principalOf(res), refOf(req));
    res.json({ subscribers: subscribers.map(presentSubscriber) });
  });
  router.post("/subscribers", async (req, res) => {
    await requireBrowsableIncident(ctx, principalOf(res), refOf(req));
    const ref = parseOrThrow(subscriberBody, req.body ?? {}) as SubscriberRef;
    const { subscriber, added } = await addSubscriber(deps, principalOf(res), refOf(req), ref);
    res.status(added ? 201 : 200).json(presentSubscriber(subscriber));
  });
  router.delete("/subscribers/:subscriberId", async (req, res) => {
    await requireBrowsableIncident(ctx, principalOf(res), refOf(req));
    const subscriberId = parseOrThrow(id("subscriber"), req.params.subscriberId, "subscriber id");
    await removeSubscriber(deps, principalOf(res), refOf(req), subscriberId);
    res.status(204).end();
  });

  router.get("/status-updates", async (req, res) => {
    await requireBrowsableIncident(ctx, principalOf(res), refOf(req));
    const updates = await listStatusUpdates(deps, principalOf(res), refOf(req));
    res.json({ statusUpdates: updates.map(presentStatusUpdate) });
  });
  router.post("/status-updates", async (req, res) => {
    await requireBrowsableIncident(ctx, principalOf(res), refOf(req));
    const { message } = parseOrThrow(statusUpdateBody, req.body ?? {});
    res.status(201).json(presentStatusUpdate(await postStatusUpdate(deps, principalOf(res), refOf(req), message)));
  });

  router.post("/response-plays/:playId", async (req, res) => {
    await requireBrowsableIncident(ctx, principalOf(res), refOf(req));
    const playId = parseOrThrow(id("response play"), req.params.playId, "response play id");
    const { play, steps } = await runPlay(deps, principalOf(res), refOf(req), playId);
    res.json({ play: { id: play.id, name: play.name }, steps });
  });
  return router;
}
