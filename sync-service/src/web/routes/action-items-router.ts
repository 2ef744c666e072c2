import { Router } from "express";
import { z } from "zod";
import { SEVERITIES } from "../../domain/severity.ts";
import { ticketSiteUrl } from "../../usecases/postmortem/postmortem-deps.ts";
import { trackActionItems } from "../../usecases/reports/track-action-items.ts";
import type { WebContext } from "../context.ts";
import { parseOrThrow } from "../errors.ts";
import { principalOf } from "../middleware/authenticate.ts";
import { presentTrackedActionItem } from "../presenters.ts";

const itemsQuery = z.strictObject({
  status: z.enum(["open", "overdue", "done"]).optional(),
  overdue: z.enum(["true", "false"]).optional(),
  service: z.uuid({ error: "must be a service id" }).optional(),
  severity: z.enum(SEVERITIES, { error: `must be one of ${SEVERITIES.join(", ")}` }).optional(),
  owner: z.string().max(255).optional(),
  sort: z
    .enum(["due", "created"], { error: "must be `due` (earliest due date first) or `created` (newest first)" })
    .optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

/** `GET /api/action-items`: the managers' tracker of every incident's action items. */
export function actionItemsRouter(ctx: WebContext): Router {
  const router = Router();
  const deps = { uow: ctx.uow, clock: ctx.clock };

  router.get("/", async (req, res) => {
    const q = parseOrThrow(itemsQuery, req.query, "query");
    const tracker = await trackActionItems(deps, principalOf(res), {
      status: q.status,
      overdue: q.overdue === "true",
      serviceId: q.service,
      severity: q.severity,
      owner: q.owner,
      sort: q.sort ?? "due",
      limit: q.limit ?? 200,
    });
    const now = ctx.clock.now();
    const siteUrl = await ticketSiteUrl(ctx.tickets, principalOf(res).tenantId);
    res.json({
      actionItems: tracker.items.map((t) => presentTrackedActionItem(t, siteUrl, now)),
      counts: tracker.counts,
      owners: tracker.owners,
    });
  });
  return router;
}
