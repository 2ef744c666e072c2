import { Router } from "express";
import { z } from "zod";
import { MIRROR_MODES, mirrorPolicy } from "../../domain/conversation.ts";
import { openChannelNow } from "../../usecases/chat/open-channel-now.ts";
import { readChannel } from "../../usecases/chat/read-channel.ts";
import { setChannelMirror } from "../../usecases/chat/set-channel-mirror.ts";
import type { WebContext } from "../context.ts";
import { parseOrThrow } from "../errors.ts";
import { principalOf, requireRole } from "../middleware/authenticate.ts";
import { presentChannel } from "../presenters.ts";
import { refOf } from "./incident-ref.ts";
import { requireIntegration } from "../integration-states.ts";

const mirrorBody = z.strictObject({
  /** null: follow the service's setting again. */
  mirrorMode: z.enum(MIRROR_MODES).nullable(),
  mirrorReaction: z.string().trim().max(100).nullable().optional(),
});

/** `/api/incidents/{ref}/channel`: the incident's chat channel and how its messages reach the timeline. */
export function channelRouter(ctx: WebContext): Router {
  const router = Router({ mergeParams: true });
  const deps = { uow: ctx.uow, clock: ctx.clock };

  router.get("/", async (req, res) => {
    const { channel, policy } = await readChannel(deps, principalOf(res), refOf(req));
    res.json(presentChannel(channel, policy));
  });

  // Opens a channel for an incident whose severity did not ask for one on declare.
  router.post("/", async (req, res) => {
    const by = requireRole(res, "responder");
    await requireIntegration(ctx, by.tenantId, "slack", "opening a Slack channel");
    const { channel, policy } = await openChannelNow(deps, by, refOf(req));
    res.status(202).json(presentChannel(channel, policy));
  });

  router.patch("/", async (req, res) => {
    const by = requireRole(res, "responder");
    const body = parseOrThrow(mirrorBody, req.body ?? {});
    await setChannelMirror(
      deps,
      by,
      refOf(req),
      body.mirrorMode === null ? null : mirrorPolicy(body.mirrorMode, body.mirrorReaction),
    );
    const { channel, policy } = await readChannel(deps, by, refOf(req));
    res.json(presentChannel(channel, policy));
  });
  return router;
}
