import { Router } from "express";
import { z } from "zod";
import { incidentReport } from "../../usecases/report-use-cases.ts";
import type { WebContext } from "../context.ts";
import { parseOrThrow } from "../errors.ts";
import { principalOf } from "../middleware/authenticate.ts";
import { presentActionItem } from "../presenters.ts";

const instant = z.iso.datetime({ offset: true, error: "must be an ISO-8601 instant like 2026-11-01T00:00:00Z" });
const reportQuery = z.strictObject({ from: instant, to: instant });
const itemsQuery = z.strictObject({
  status: z.enum(["open", "done"]).optional(),
  overdue: z.enum(["true", "false"]).optional(),
  service: z.uuid({ error: "must be a service id" }).optional(),
  owner: z.string().max(255).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
});

/** The managers' views: `GET /api/action-items` and `GET /api/reports/incidents`. */
export function reportsRouter(ctx: WebContext): Router {
  const router = Router();
  const deps = { uow: ctx.uow, clock: ctx.clock };

  router.get("/action-items", async (req, res) => {
    const q = parseOrThrow(itemsQuery, req.query, "query");
    const now = ctx.clock.now();
    const items = await ctx.uow.run((tx) =>
      tx.postmortems.listItems({
        tenantId: principalOf(res).tenantId,
        ...(q.status ? { status: q.status } : {}),
        ...(q.overdue === "true" ? { overdueOn: now.toISOString().slice(0, 10) } : {}),
        ...(q.service ? { serviceId: q.service } : {}),
        ...(q.owner ? { assignee: q.owner } : {}),
        limit: q.limit ?? 200,
      }),
    );
    res.json({ actionItems: items.map((i) => presentActionItem(i, ctx.jira.baseUrl, now)) });
  });

  router.get("/reports/incidents", async (req, res) => {
    const q = parseOrThrow(reportQuery, req.query, "query");
    res.json(await incidentReport(deps, principalOf(res), new Date(q.from), new Date(q.to)));
  });
  return router;
}
