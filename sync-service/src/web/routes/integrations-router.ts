import { Router } from "express";
import type { WebContext } from "../context.ts";
import { integrationStates } from "../integration-states.ts";
import { principalOf } from "../middleware/authenticate.ts";

/**
 * `GET /api/integrations`: the caller's tenant's integrations (Jira, Confluence, Slack, Statuspage, Twilio, e-mail),
 * whether each is configured, what to set when it is not, and its health as the worker last saw it. A Forge site's
 * Jira and Confluence are reached as the app, with the tokens Forge sends; the standalone site's with JIRA_*
 * credentials. Slack, Statuspage, Twilio and SMTP are the deployment's.
 */
export function integrationsRouter(ctx: WebContext): Router {
  const router = Router();
  router.get("/", async (_req, res) => {
    res.json({ integrations: await integrationStates(ctx, principalOf(res).tenantId) });
  });
  return router;
}
