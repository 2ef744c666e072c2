import { Router } from "express";
import { z } from "zod";
import { incidentReport } from "../../usecases/reports/incident-report.ts";
import type { WebContext } from "../context.ts";
import { parseOrThrow } from "../errors.ts";
import { principalOf } from "../middleware/authenticate.ts";
import { instant } from "../schemas.ts";

const reportQuery = z
  .strictObject({
    from: instant("must be an ISO-8601 instant like 2026-11-01T00:00:00Z"),
    to: instant("must be an ISO-8601 instant like 2026-11-01T00:00:00Z"),
  })
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), { path: ["to"], message: "must be after `from`" });

/** `/api/reports`: the managers' reports; `GET /api/reports/incidents` counts, MTTA and MTTR by week. */
export function reportsRouter(ctx: WebContext): Router {
  const router = Router();
  const deps = { uow: ctx.uow, clock: ctx.clock };

  router.get("/incidents", async (req, res) => {
    const q = parseOrThrow(reportQuery, req.query, "query");
    res.json(await incidentReport(deps, principalOf(res), new Date(q.from), new Date(q.to)));
  });
  return router;
}
