import { Router, type Response } from "express";
import { STANDALONE_TENANT_ID } from "../../domain/tenant-settings.ts";
import { z } from "zod";
import { NotFoundUseCaseError } from "../../usecases/shared/errors.ts";
import type { WebContext } from "../context.ts";
import { ForbiddenWebError, parseOrThrow } from "../errors.ts";
import { requireRole } from "../middleware/authenticate.ts";
import { BY_NEWEST_ID, readPage } from "../paging.ts";
import { presentJob } from "../presenters.ts";

const listQuery = z.object({ state: z.enum(["pending", "running", "succeeded", "failed"]).optional() });

/**
 * The outbox is the deployment's, shared by every tenant: only the operator (an admin of the standalone
 * tenant, whose token FIREWATCH_ADMIN_TOKEN bootstraps) may see or retry it. A Forge site's admin sees their
 * site's connection health on the Firewatch admin page instead.
 * @throws ForbiddenWebError for anyone else
 */
function requireOperator(res: Response): void {
  const principal = requireRole(res, "admin");
  if (principal.tenantId !== STANDALONE_TENANT_ID) {
    throw new ForbiddenWebError(
      "AUTH.OPERATOR_REQUIRED",
      "The job outbox is shared by every site this Firewatch serves; only its operator (an admin of the standalone tenant) may see it.",
    );
  }
}

/** The outbox, for operators: what waits, what runs, and the dead letters (`state=failed`) to retry. */
export function jobsRouter(ctx: WebContext): Router {
  const router = Router();

  router.get("/", async (req, res) => {
    requireOperator(res);
    const { state } = parseOrThrow(listQuery, req.query, "query string");
    const page = await readPage(req.query, BY_NEWEST_ID, ({ limit, after }) =>
      ctx.jobStore.list({ state, limit, ...(after ? { beforeId: after } : {}) }),
    );
    res.json({ jobs: page.items.map(presentJob), nextCursor: page.nextCursor });
  });

  router.post("/:id/retry", async (req, res) => {
    requireOperator(res);
    if (!(await ctx.jobStore.retry(req.params.id, ctx.clock.now())))
      throw new NotFoundUseCaseError("job", req.params.id);
    ctx.nudgeWorker();
    res.status(202).json({ id: req.params.id, state: "pending" });
  });
  return router;
}
