import { Router } from "express";
import { missingTokenReason } from "../../formats/forge/app-token.ts";
import type { WebContext } from "../context.ts";
import { principalOf } from "../middleware/authenticate.ts";

/**
 * `GET /api/integrations`: the caller's tenant's integrations, whether each is configured, and its health
 * as the worker last saw it. A Forge site's Jira and Confluence are reached as the app, with the tokens Forge
 * sends; the standalone site's with JIRA_* credentials. Slack and Statuspage are the deployment's.
 */
export function integrationsRouter(ctx: WebContext): Router {
  const router = Router();
  router.get("/", async (_req, res) => {
    const tenantId = principalOf(res).tenantId;
    const seen = await ctx.uow.run((tx) => tx.integrations.list(tenantId));
    const health = (name: string) => {
      const h = seen.find((x) => x.name === name);
      return {
        healthy: h?.healthy ?? null,
        lastError: h?.lastError ?? null,
        checkedAt: h?.checkedAt.toISOString() ?? null,
      };
    };
    const profile = await ctx.installations.profile(tenantId);
    const jira = profile?.cloudId
      ? {
          name: "jira",
          via: "forge",
          configured:
            missingTokenReason("jira", await ctx.installations.credential(tenantId, "jira"), ctx.clock.now()) === null,
          ...health("jira"),
        }
      : {
          name: "jira",
          via: "api_token",
          configured: ctx.jira.baseUrl !== null,
          ...health("jira"),
          webhook: { configured: ctx.jira.webhookSecret !== null, url: `${ctx.publicUrl}/webhooks/jira` },
        };
    const confluence = {
      name: "confluence",
      configured: (await ctx.documents.forTenant(tenantId)).configured,
      ...health("confluence"),
    };
    res.json({
      integrations: [
        jira,
        confluence,
        {
          name: "slack",
          configured: ctx.slack.botConfigured,
          ...health("slack"),
          webhook: {
            configured: ctx.slack.signingSecret !== null,
            url: `${ctx.publicUrl}/webhooks/slack/events`,
            commands: `${ctx.publicUrl}/webhooks/slack/commands`,
          },
        },
        {
          name: "statuspage",
          configured: ctx.statusPage.apiConfigured,
          ...health("statuspage"),
          webhook: {
            configured: ctx.statusPage.webhookToken !== null,
            url: `${ctx.publicUrl}/webhooks/statuspage/<STATUSPAGE_WEBHOOK_TOKEN>`,
          },
        },
      ],
    });
  });
  return router;
}
