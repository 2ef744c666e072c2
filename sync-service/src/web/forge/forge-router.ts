// `/forge`: what the Forge app sends the service over Forge Remote. Product events and the scheduled
// trigger come straight from Forge (manifest.yml `endpoint` modules); resolver calls come from the app's
// resolver function after it checked the user's permission in Jira or Confluence. Every route needs a
// valid Forge Invocation Token (401 otherwise) and acts in the tenant of the token's site.
import express, { Router, type NextFunction, type Request, type Response } from "express";
import {
  forgeDeliveryKey,
  forgeIssueEvent,
  ISSUE_EVENT_TYPES,
  LIFECYCLE_EVENT_TYPES,
} from "../../formats/forge/forge-event-mapper.ts";
import { globalPageUrl } from "../../formats/forge/global-page.ts";
import { restoreSite } from "../../usecases/access/restore-site.ts";
import { uninstallSite } from "../../usecases/access/uninstall-site.ts";
import { reconcileInstallation } from "../../usecases/postmortem/forge-reconcile.ts";
import { recordTicketDelivery } from "../../usecases/tickets/record-ticket-delivery.ts";
import type { WebContext } from "../context.ts";
import { BadRequestWebError, ForbiddenWebError, RouteNotFoundWebError, describeIssues } from "../errors.ts";
import { checkedBody } from "../middleware/input-guard.ts";
import {
  forgeCallOf,
  forgePrincipal,
  recordInvocation,
  requireForgeCall,
  siteUrlOf,
  type VerifiedCall,
} from "./forge-auth.ts";
import type { ConsoleLinks } from "./forge-resolver.ts";
import { FORGE_RESOLVERS } from "./forge-resolvers.ts";

/**
 * Product events and scheduled triggers are Forge's own invocations: their token names no user
 * (`principal` is set only when a person acted, https://developer.atlassian.com/platform/forge/remote/essentials/#the-forge-invocation-token--fit-).
 * A token that names one came from a resolver a person ran, so it may not queue events or reconcile.
 * @throws ForbiddenWebError for a person's token
 */
function requireAppInvocation(_req: Request, res: Response, next: NextFunction) {
  if (forgeCallOf(res).invocation.accountId !== null) {
    throw new ForbiddenWebError(
      "FORGE.APP_INVOCATION_REQUIRED",
      "Product events and scheduled triggers come from Forge itself; this invocation token was made for a user, so it is refused here.",
    );
  }
  next();
}

/** Forge gives a remote 5 s for an event (https://developer.atlassian.com/platform/forge/forge-remote-invocation-contract): record, queue, answer. */
export function forgeRouter(ctx: WebContext): Router {
  const router = Router();
  // An event for an uninstalled site gets through: it may be the re-install.
  router.use(requireForgeCall(ctx, (req) => req.path === "/events"));
  router.use(express.json({ limit: "1mb" }), checkedBody());

  router.post("/events", requireAppInvocation, async (req, res) => {
    const type = (req.body as { eventType?: unknown } | undefined)?.eventType;
    if ((LIFECYCLE_EVENT_TYPES as readonly unknown[]).includes(type)) {
      return void res.json({
        status: await lifecycleEvent(ctx, req, res, type as (typeof LIFECYCLE_EVENT_TYPES)[number]),
        eventType: type,
      });
    }
    const { uninstalledAt } = forgeCallOf(res);
    // A product event Forge sent before the uninstall, delivered (or retried) after it: nothing to do.
    if (uninstalledAt) return void res.json({ status: "ignored", reason: "the app is uninstalled from this site" });
    if (!(ISSUE_EVENT_TYPES as readonly unknown[]).includes(type)) {
      throw new BadRequestWebError(
        "FORGE.UNKNOWN_EVENT",
        `Firewatch handles ${[...ISSUE_EVENT_TYPES, ...LIFECYCLE_EVENT_TYPES].join(", ")}; got eventType ${JSON.stringify(type ?? null)}.`,
      );
    }
    const parsed = forgeIssueEvent.safeParse(req.body);
    if (!parsed.success)
      throw new BadRequestWebError("FORGE.INVALID_EVENT", `Not a Jira issue event: ${describeIssues(parsed.error)}.`);
    const { tenantId, invocation } = forgeCallOf(res);
    const deliveryId = forgeDeliveryKey(invocation.cloudId, parsed.data);
    const recorded = await recordTicketDelivery(
      ctx,
      "forge",
      deliveryId,
      { receivedAt: ctx.clock.now().toISOString(), event: req.body },
      tenantId,
    );
    res.status(recorded ? 202 : 200).json({ status: recorded ? "accepted" : "duplicate", deliveryId });
  });

  router.post("/scheduled", requireAppInvocation, async (_req, res) => {
    const { tenantId } = forgeCallOf(res);
    await reconcileInstallation(ctx, tenantId);
    res.status(202).json({ status: "accepted" });
  });

  router.post("/resolvers/:name", async (req, res) => {
    const resolver = Object.hasOwn(FORGE_RESOLVERS, req.params.name) ? FORGE_RESOLVERS[req.params.name] : undefined;
    if (!resolver)
      throw new RouteNotFoundWebError(
        "FORGE.UNKNOWN_RESOLVER",
        `No resolver ${JSON.stringify(req.params.name)}; the app knows ${Object.keys(FORGE_RESOLVERS).join(", ")}.`,
      );
    const call = forgeCallOf(res);
    const principal = await forgePrincipal(ctx, call);
    res.json(await resolver(ctx, principal, req.body ?? {}, await consoleLinks(ctx, req, call)));
  });

  router.use((req, _res, next) =>
    next(
      new RouteNotFoundWebError(
        "ROUTE.NOT_FOUND",
        `No route ${req.method} ${req.originalUrl.split("?")[0]} for the Forge app.`,
      ),
    ),
  );
  return router;
}

/**
 * Links to the console in the resolver's answers lead to the app's global page on the caller's site (the Forge
 * environment the call came from), never to the standalone console, where a Forge site's people cannot sign in.
 * Null while the site's URL is unknown (the app passes it on with every resolver call).
 */
async function consoleLinks(ctx: WebContext, req: Request, call: VerifiedCall): Promise<ConsoleLinks> {
  const siteUrl = siteUrlOf(req) ?? (await ctx.installations.profile(call.tenantId))?.siteUrl ?? null;
  const { appId, environment } = call.invocation;
  return {
    url: (path) =>
      siteUrl && environment ? globalPageUrl({ siteUrl, appId, environmentId: environment }, path) : null,
  };
}

/**
 * Installing records the contact (requireForgeCall did; a re-install first restores the site, then stores
 * the token that came with it); upgrading needs nothing; uninstalling cuts the site off (usecases/access/uninstall-site.ts).
 */
async function lifecycleEvent(
  ctx: WebContext,
  req: Request,
  res: Response,
  type: (typeof LIFECYCLE_EVENT_TYPES)[number],
): Promise<string> {
  const { tenantId, uninstalledAt, invocation } = forgeCallOf(res);
  const deps = {
    installations: ctx.installations,
    clock: ctx.clock,
    uninstalledRetentionMs: ctx.uninstalledRetentionMs,
  };
  if (type === "avi:forge:uninstalled:app") {
    if (!uninstalledAt) await uninstallSite(deps, tenantId);
    return "uninstalled";
  }
  if (type === "avi:forge:installed:app" && uninstalledAt) {
    await restoreSite(deps, tenantId);
    await recordInvocation(ctx, req, invocation);
    return "restored";
  }
  return uninstalledAt ? "ignored" : "ok";
}
