import { Router } from "express";
import { findIncident } from "../../usecases/shared/find-incident.ts";
import { createStatusPost } from "../../usecases/status-page/create-status-post.ts";
import type { WebContext } from "../context.ts";
import { parseOrThrow } from "../errors.ts";
import { refOf } from "./incident-ref.ts";
import { principalOf, requireRole } from "../middleware/authenticate.ts";
import { presentStatusPost } from "../presenters.ts";
import { statusPostBody } from "./incident-requests.ts";
import { requireIntegration } from "../integration-states.ts";

/** `/api/incidents/{ref}/status-posts`: updates for the public status page, published in order by a job. */
export function statusPostsRouter(ctx: WebContext): Router {
  const router = Router({ mergeParams: true });
  const deps = { uow: ctx.uow, clock: ctx.clock };

  router.post("/", async (req, res) => {
    const by = requireRole(res, "responder");
    await requireIntegration(ctx, by.tenantId, "statuspage", "posting to the status page");
    const post = await createStatusPost(deps, by, refOf(req), parseOrThrow(statusPostBody, req.body ?? {}));
    res.status(202).json(presentStatusPost(post));
  });

  router.get("/", async (req, res) => {
    const tenantId = principalOf(res).tenantId;
    const posts = await ctx.uow.run(async (tx) =>
      tx.statusPosts.listOf((await findIncident(tx, tenantId, refOf(req))).id),
    );
    res.json({ statusPosts: posts.map(presentStatusPost) });
  });
  return router;
}
