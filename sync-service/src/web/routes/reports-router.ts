import { Router } from "express";
import { z } from "zod";
import { DAY_MS } from "../../domain/clock.ts";
import { drillReport } from "../../usecases/reports/drill-report.ts";
import { incidentReport } from "../../usecases/reports/incident-report.ts";
import { oncallHealthReport } from "../../usecases/reports/oncall-health-report.ts";
import type { WebContext } from "../context.ts";
import { parseOrThrow } from "../errors.ts";
import { principalOf } from "../middleware/authenticate.ts";
import { instant } from "../schemas.ts";

/** The on-call report reads every page and shift of the range: a quarter at most. */
const ONCALL_MAX_DAYS = 93;

const reportQuery = z
  .strictObject({
    from: instant("must be an ISO-8601 instant like 2026-11-01T00:00:00Z"),
    to: instant("must be an ISO-8601 instant like 2026-11-01T00:00:00Z"),
  })
  .refine((q) => Date.parse(q.from) < Date.parse(q.to), { path: ["to"], message: "must be after `from`" });
const oncallQuery = reportQuery.refine((q) => Date.parse(q.to) - Date.parse(q.from) <= ONCALL_MAX_DAYS * DAY_MS, {
  path: ["to"],
  message: `must be at most ${ONCALL_MAX_DAYS} days after \`from\``,
});

/**
 * `/api/reports`: the managers' reports. `GET /incidents` counts, MTTA and MTTR by week, service and responder;
 * `GET /drills` the practice incidents; `GET /oncall` the on-call health of people and schedules.
 */
export function reportsRouter(ctx: WebContext): Router {
  const router = Router();
  const deps = { uow: ctx.uow, clock: ctx.clock };

  router.get("/incidents", async (req, res) => {
    const q = parseOrThrow(reportQuery, req.query, "query");
    res.json(await incidentReport(deps, principalOf(res), new Date(q.from), new Date(q.to)));
  });
  router.get("/drills", async (req, res) => {
    const q = parseOrThrow(reportQuery, req.query, "query");
    res.json(await drillReport(deps, principalOf(res), new Date(q.from), new Date(q.to)));
  });
  router.get("/oncall", async (req, res) => {
    const q = parseOrThrow(oncallQuery, req.query, "query");
    res.json(await oncallHealthReport(deps, principalOf(res), new Date(q.from), new Date(q.to)));
  });
  return router;
}
