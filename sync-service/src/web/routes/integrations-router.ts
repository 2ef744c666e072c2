import { Router } from "express";
import type { WebContext } from "../context.ts";

/** `GET /api/integrations`: each integration, whether it is configured, and its health as the worker last saw it. */
export function integrationsRouter(ctx: WebContext): Router {
  const router = Router();
  router.get("/", async (_req, res) => {
    const seen = await ctx.uow.run((tx) => tx.integrations.list());
    const health = (name: string) => {
      const h = seen.find((x) => x.name === name);
      return { healthy: h?.healthy ?? null, lastError: h?.lastError ?? null, checkedAt: h?.checkedAt.toISOString() ?? null };
    };
    res.json({
      integrations: [
        {
          name: "jira",
          configured: ctx.jira.baseUrl !== null,
          ...health("jira"),
          webhook: { configured: ctx.jira.webhookSecret !== null, url: `${ctx.publicUrl}/webhooks/jira` },
        },
        {
          name: "slack",
          configured: ctx.slack.botConfigured,
          ...health("slack"),
          webhook: { configured: ctx.slack.signingSecret !== null, url: `${ctx.publicUrl}/webhooks/slack/events`, commands: `${ctx.publicUrl}/webhooks/slack/commands` },
        },
        {
          name: "statuspage",
          configured: ctx.statusPage.apiConfigured,
          ...health("statuspage"),
          webhook: { configured: ctx.statusPage.webhookToken !== null, url: `${ctx.publicUrl}/webhooks/statuspage/<STATUSPAGE_WEBHOOK_TOKEN>` },
        },
      ],
    });
  });
  return router;
}
