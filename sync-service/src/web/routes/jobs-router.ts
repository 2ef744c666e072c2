import { Router } from "express";
import { z } from "zod";
import { NotFoundUseCaseError } from "../../usecases/errors.ts";
import type { WebContext } from "../context.ts";
import { parseOrThrow } from "../errors.ts";
import { requireRole } from "../middleware/authenticate.ts";
import { presentJob } from "../presenters.ts";

const listQuery = z.object({
  state: z.enum(["pending", "running", "succeeded", "failed"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** The outbox, for operators: what waits, what runs, and the dead letters (`state=failed`) to retry. */
export function jobsRouter(ctx: WebContext): Router {
  const router = Router();

  router.get("/", async (req, res) => {
    requireRole(res, "admin");
    const jobs = await ctx.jobStore.list(parseOrThrow(listQuery, req.query, "query string"));
    res.json({ jobs: jobs.map(presentJob) });
  });

  router.post("/:id/retry", async (req, res) => {
    requireRole(res, "admin");
    if (!(await ctx.jobStore.retry(req.params.id, ctx.clock.now()))) throw new NotFoundUseCaseError("job", req.params.id);
    ctx.nudgeWorker();
    res.status(202).json({ id: req.params.id, state: "pending" });
  });
  return router;
}
