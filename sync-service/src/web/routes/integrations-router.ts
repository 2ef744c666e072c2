import { Router } from "express";
import type { WebContext } from "../context.ts";

/** `GET /api/integrations`: each integration, whether it is configured, and its health as the worker last saw it. */
export function integrationsRouter(ctx: WebContext): Router {
  const router = Router();
  router.get("/", async (_req, res) => {
    const seen = await ctx.uow.run((tx) => tx.integrations.list());
    const jira = seen.find((h) => h.name === "jira");
    res.json({
      integrations: [
        {
          name: "jira",
          configured: ctx.jira.baseUrl !== null,
          healthy: jira?.healthy ?? null,
          lastError: jira?.lastError ?? null,
          checkedAt: jira?.checkedAt.toISOString() ?? null,
          webhook: { configured: ctx.jira.webhookSecret !== null, url: `${ctx.publicUrl}/webhooks/jira` },
        },
      ],
    });
  });
  return router;
}
