import compression from "compression";
import express, { type Express } from "express";
import helmet from "helmet";
import { errorHandler } from "./web/error-handler.ts";
import { requestLog } from "./web/request-log.ts";
import type { WebContext } from "./web/context.ts";
import { RouteNotFoundWebError, UnsupportedMediaTypeWebError } from "./web/errors.ts";
import { authenticate } from "./web/middleware/authenticate.ts";
import { checkedBody, checkedUrl } from "./web/middleware/input-guard.ts";
import { settingsRouter } from "./web/routes/settings-router.ts";
import { incidentResponseRouter } from "./web/routes/incident-response-router.ts";
import { incidentsRouter } from "./web/routes/incidents-router.ts";
import { jobsRouter } from "./web/routes/jobs-router.ts";
import { servicesRouter } from "./web/routes/services-router.ts";
import { alertmanagerRouter } from "./web/webhooks/alertmanager-router.ts";
import { eventsV2Router } from "./web/webhooks/events-v2-router.ts";
import { jiraRouter } from "./web/webhooks/jira-router.ts";
import { integrationsRouter } from "./web/routes/integrations-router.ts";
import { escalationRulesRouter } from "./web/routes/escalation-rules-router.ts";
import { usersRouter } from "./web/routes/users-router.ts";
import { userTokensRouter } from "./web/routes/user-tokens-router.ts";
import { schedulesRouter } from "./web/routes/schedules-router.ts";
import { escalationPoliciesRouter } from "./web/routes/escalation-policies-router.ts";
import { teamsRouter } from "./web/routes/teams-router.ts";
import { crisisRouter } from "./web/routes/crisis-router.ts";
import { responsePlaysRouter } from "./web/routes/response-plays-router.ts";
import { channelRouter } from "./web/routes/channel-router.ts";
import { postmortemRouter } from "./web/routes/postmortem-router.ts";
import { incidentActionItemsRouter } from "./web/routes/incident-action-items-router.ts";
import { actionItemsRouter } from "./web/routes/action-items-router.ts";
import { reportsRouter } from "./web/routes/reports-router.ts";
import { statusPostsRouter } from "./web/routes/status-posts-router.ts";
import { timelineRouter } from "./web/routes/timeline-router.ts";
import { slackRouter } from "./web/webhooks/slack-router.ts";
import { meRouter } from "./web/routes/me-router.ts";
import { signInRouter, signOutRouter } from "./web/routes/session-router.ts";
import { actLinksRouter, signInLinksRouter } from "./web/routes/page-links-router.ts";
import { calendarFeedsRouter, userCalendarFeedRouter } from "./web/routes/calendar-feeds-router.ts";
import { consoleRouter } from "./web/console.ts";
import { statuspageRouter } from "./web/webhooks/statuspage-router.ts";
import { twilioRouter } from "./web/webhooks/twilio-router.ts";
import { forgeRouter } from "./web/forge/forge-router.ts";
import { clientLimiters } from "./web/middleware/client-limits.ts";

export const API_BODY_LIMIT = "1mb";

/**
 * Helmet's headers on every answer but the event intake's (nosniff, no framing, no referrer, …) and a Content-Security-Policy for the
 * console: scripts only from our own origin, so an injected string can never run. Styles allow inline because
 * the Atlassian design tokens and the calendar inject `<style>` elements at run time. No
 * `upgrade-insecure-requests`: a console served over plain http on localhost would ask for https and load nothing.
 */
function securityHeaders() {
  return helmet({
    contentSecurityPolicy: {
      directives: {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "connect-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "upgrade-insecure-requests": null,
      },
    },
    frameguard: { action: "deny" },
  });
}

/** The express application: health, the PagerDuty-compatible intake, webhooks, the JSON API and the web console. */
export function createApp(ctx: WebContext): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("query parser", "simple");
  app.set("trust proxy", ctx.limits.trustProxy);
  const limits = clientLimiters(ctx.limits, ctx.log);
  // First of all: a mounted handler (a sandbox's stand-in) answers its own traffic as its vendor would, so none of
  // the service's URL checks, security headers, compression, body parsers or request log may touch it.
  for (const mount of ctx.mounts ?? []) app.use(mount.path, mount.handler);
  // Before any router: no path segment or query value that cannot be stored reaches a handler.
  app.use(checkedUrl());
  // Event intake is mounted before the request log: a busy monitoring source would flood it, and the
  // timeline already records every event. Its failures are still logged by the error handler.
  app.use("/v2", limits.webhook("events-v2"), eventsV2Router(ctx));
  app.use(securityHeaders());
  // gzip for the console's bundle and large API answers (timelines); small answers (< 1 KiB) are sent as is.
  app.use(compression());
  app.use(requestLog(ctx.log));

  app.get("/healthz", async (_req, res) => {
    try {
      await ctx.ping();
      res.json({ status: "ok" });
    } catch {
      res.status(503).json({
        status: "unavailable",
        error: { code: "DATABASE.UNAVAILABLE", message: "The database does not answer." },
      });
    }
  });

  // Alert intake never shares the sign-in budget: a client's bad tokens elsewhere must not drop its alerts.
  app.use("/webhooks/alertmanager", limits.webhook("alertmanager"), alertmanagerRouter(ctx));
  app.use("/webhooks/jira", limits.webhook("jira"), limits.signIn, jiraRouter(ctx, ctx.jira.webhookSecret));
  app.use("/webhooks/slack", limits.webhook("slack"), limits.signIn, slackRouter(ctx, ctx.slack.signingSecret));
  app.use(
    "/webhooks/statuspage",
    limits.webhook("statuspage"),
    limits.signIn,
    statuspageRouter(ctx, ctx.statusPage.webhookToken),
  );
  app.use("/webhooks/twilio", limits.webhook("twilio"), limits.signIn, twilioRouter(ctx, ctx.twilio.authToken));
  app.use("/forge", limits.webhook("forge"), limits.signIn, forgeRouter(ctx));
  // A page's one-time links: the token in the path is the credential, so guessing shares the sign-in budget.
  app.use("/act", limits.signIn, actLinksRouter(ctx));
  app.use("/signin", limits.signIn, signInLinksRouter(ctx));
  app.use("/calendar", limits.signIn, calendarFeedsRouter(ctx));

  const api = express.Router();
  api.use(limits.signIn);
  api.use(express.json({ limit: API_BODY_LIMIT }), checkedBody());
  api.use((req, _res, next) => {
    const hasBody = Number(req.get("content-length") ?? 0) > 0 || req.get("transfer-encoding") !== undefined;
    if (hasBody && !req.is("application/json")) {
      throw new UnsupportedMediaTypeWebError(
        "REQUEST.UNSUPPORTED_MEDIA_TYPE",
        "Send the body as JSON with `Content-Type: application/json`.",
      );
    }
    next();
  });
  api.use("/session", signInRouter(ctx));
  api.use(authenticate(ctx));
  api.use("/session", signOutRouter(ctx));
  api.use("/incidents/:ref/timeline", timelineRouter(ctx));
  api.use("/incidents/:ref/status-posts", statusPostsRouter(ctx));
  api.use("/incidents/:ref/channel", channelRouter(ctx));
  api.use("/incidents/:ref/postmortem", postmortemRouter(ctx));
  api.use("/incidents/:ref/action-items", incidentActionItemsRouter(ctx));
  api.use("/incidents/:ref", incidentResponseRouter(ctx));
  api.use("/incidents/:ref", crisisRouter(ctx));
  api.use("/incidents", incidentsRouter(ctx));
  api.use("/services", servicesRouter(ctx));
  api.use("/jobs", jobsRouter(ctx));
  api.use("/integrations", integrationsRouter(ctx));
  api.use("/escalation-rules", escalationRulesRouter(ctx));
  api.use("/escalation-policies", escalationPoliciesRouter(ctx));
  api.use("/teams", teamsRouter(ctx));
  api.use("/response-plays", responsePlaysRouter(ctx));
  api.use("/schedules", schedulesRouter(ctx));
  api.use("/users/:id/tokens", userTokensRouter(ctx));
  api.use("/users/:id/calendar-feed", userCalendarFeedRouter(ctx));
  api.use("/users", usersRouter(ctx));
  api.use("/action-items", actionItemsRouter(ctx));
  api.use("/reports", reportsRouter(ctx));
  api.use("/settings", settingsRouter(ctx));
  api.use("/me", meRouter(ctx.sandbox));
  app.use("/api", api);
  app.use(consoleRouter());

  app.use((req, _res, next) => {
    next(
      new RouteNotFoundWebError(
        "ROUTE.NOT_FOUND",
        `No route ${req.method} ${req.originalUrl.split("?")[0]}; see docs/api.md for the API.`,
      ),
    );
  });
  app.use(errorHandler(ctx.log));
  return app;
}
