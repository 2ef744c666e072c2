import { ticketSiteUrl } from "../../usecases/postmortem/postmortem-preview.ts";
import { Router } from "express";
import { z } from "zod";
import { SEVERITIES } from "../../domain/severity.ts";
import { incidentReport } from "../../usecases/reports/incident-report.ts";
import { trackActionItems } from "../../usecases/reports/track-action-items.ts";
import type { WebContext } from "../context.ts";
import { parseOrThrow } from "../errors.ts";
import { principalOf } from "../middleware/authenticate.ts";
import { instant } from "../schemas.ts";
import { presentTrackedActionItem } from "../presenters.ts";

const reportQuery = z
  .strictObject({
    from: instant("must be an ISO-8601 instant like 2026-11-01T00:00:00Z"),
    to: instant("must be an ISO-8601 instant like 2026-11-01T00:00:00Z"),
  })
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), { path: ["to"], message: "must be after `from`" });
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

/** The managers' views: `GET /api/action-items` and `GET /api/reports/incidents`. */
export function reportsRouter(ctx: WebContext): Router {
  const router = Router();
  const deps = { uow: ctx.uow, clock: ctx.clock };

  router.get("/action-items", async (req, res) => {
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

  router.get("/reports/incidents", async (req, res) => {
    const q = parseOrThrow(reportQuery, req.query, "query");
    res.json(await incidentReport(deps, principalOf(res), new Date(q.from), new Date(q.to)));
  });
  return router;
}
