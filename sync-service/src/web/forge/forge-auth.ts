// Authentication of calls that come from the Forge app (Forge Remote): the Forge Invocation Token is
// verified, and the installation's site becomes (or is found as) a tenant. Every query a Forge call
// makes is scoped to that tenant; nothing in a request body can name another one.
import type { NextFunction, Request, Response } from "express";
import { appTokenOf } from "../../formats/forge/app-token.ts";
import {
  InvalidInvocationTokenError,
  InvocationKeysUnavailableError,
  type ForgeInvocation,
} from "../../ports/invocation-verifier.ts";
import { AppError } from "../../domain/errors.ts";
import type { Principal } from "../../domain/principal.ts";
import { queueUserName } from "../../usecases/access/queue-user-name.ts";
import { administersTracker } from "../../usecases/tickets/tracker-admin.ts";
import type { WebContext } from "../context.ts";
import { UnauthenticatedWebError } from "../errors.ts";

/** The site URL the resolvers pass on (the invocation token names the site only by its cloud id). */
export const SITE_URL_HEADER = "x-firewatch-site-url";
const SITE_URL = /^https:\/\/[a-z0-9][a-z0-9-]*\.(atlassian\.net|jira\.com|jira-dev\.com)$/;

class ForgeKeysUnavailableWebError extends AppError {
  readonly kind = "unavailable";
}

export interface VerifiedCall {
  readonly invocation: ForgeInvocation;
  readonly tenantId: string;
  /** Set when the app is uninstalled from the call's site: only `/forge/events` takes such a call (a re-install). */
  readonly uninstalledAt: Date | null;
}

/** Looks like a JWT (three base64url parts), not a Firewatch API token (`fw_…`). */
export function isJwt(token: string): boolean {
  return /^[\w-]+\.[\w-]+\.[\w-]*$/.test(token);
}

export function bearerOf(req: Request): string | null {
  return /^Bearer\s+(\S+)\s*$/i.exec(req.get("authorization") ?? "")?.[1] ?? null;
}

/**
 * Verifies the request's Forge Invocation Token and records the contact: the site's tenant is created
 * on first contact, and the app token that came along is kept for the jobs. A site the app was
 * uninstalled from is refused unless `allowUninstalled` (a token minted just before the uninstall
 * stays valid for minutes; the site's users and jobs are cut off at the uninstall event).
 * @throws UnauthenticatedWebError saying what is wrong; ForgeKeysUnavailableWebError (503, Forge retries)
 */
export async function verifyForgeCall(ctx: WebContext, req: Request, allowUninstalled = false): Promise<VerifiedCall> {
  if (!ctx.forge)
    throw new UnauthenticatedWebError(
      "FORGE.NOT_CONFIGURED",
      "This Firewatch takes no calls from Forge: set FORGE_APP_ID to your Forge app's id (and FORGE_JWKS_URL if not Forge's own).",
    );
  const token = bearerOf(req);
  if (!token)
    throw new UnauthenticatedWebError(
      "FORGE.TOKEN_REQUIRED",
      "Calls from Forge carry a Forge Invocation Token as `Authorization: Bearer <token>`.",
    );
  let invocation: ForgeInvocation;
  try {
    invocation = await ctx.forge.verify(token);
  } catch (error) {
    if (error instanceof InvalidInvocationTokenError)
      throw new UnauthenticatedWebError("FORGE.INVALID_TOKEN", `Refused: ${error.message}.`);
    if (error instanceof InvocationKeysUnavailableError)
      throw new ForgeKeysUnavailableWebError("FORGE.KEYS_UNAVAILABLE", `${error.message}; try again shortly.`);
    throw error;
  }
  const { tenantId, uninstalledAt } = await recordInvocation(ctx, req, invocation);
  if (uninstalledAt && !allowUninstalled) {
    throw new UnauthenticatedWebError(
      "FORGE.APP_UNINSTALLED",
      "The Firewatch app was uninstalled from this site; install it again to use Firewatch here.",
    );
  }
  return { invocation, tenantId, uninstalledAt };
}

/** The site URL the app's resolver passed on, if it is an Atlassian site's; null otherwise. */
export function siteUrlOf(req: Request): string | null {
  const siteUrl = req.get(SITE_URL_HEADER)?.replace(/\/+$/, "") ?? "";
  return SITE_URL.test(siteUrl) ? siteUrl : null;
}

/** Records a verified invocation's contact: the site's tenant, and the app token that came along. */
export function recordInvocation(ctx: WebContext, req: Request, invocation: ForgeInvocation) {
  return ctx.installations.recordContact(
    {
      cloudId: invocation.cloudId,
      installationId: invocation.installationId,
      product: invocation.product,
      apiBaseUrl: invocation.apiBaseUrl,
      appToken: appTokenOf(req.get("x-forge-oauth-system")),
      siteUrl: siteUrlOf(req),
    },
    ctx.clock.now(),
  );
}

/**
 * The tenant's user behind a verified call a person made (created on first contact). A Jira administrator
 * of the site is a Firewatch admin: Jira says so, asked as the app; nothing in the request can.
 * @throws UnauthenticatedWebError for calls no person made
 */
export async function forgePrincipal(ctx: WebContext, call: VerifiedCall): Promise<Principal> {
  const accountId = call.invocation.accountId;
  if (!accountId)
    throw new UnauthenticatedWebError(
      "FORGE.USER_REQUIRED",
      "This needs a call a person made in Jira or Confluence; the invocation token names no user.",
    );
  const user = await ctx.installations.userOf(call.tenantId, accountId);
  // Once, at first contact: the outbox retries a failed lookup; a name Jira will not tell stays a placeholder.
  if (user.created) await queueUserName(ctx, call.tenantId, user.userId, accountId);
  const role = user.role !== "admin" && (await jiraAdmin(ctx, call.tenantId, accountId)) ? "admin" : user.role;
  return { userId: user.userId, tenantId: call.tenantId, name: user.name, role, trackerAccountId: accountId };
}

/** Whether Jira says the account administers the site; false (with a warning) when Jira cannot be asked, so a Jira outage costs admin pages, not incident work. */
async function jiraAdmin(ctx: WebContext, tenantId: string, accountId: string): Promise<boolean> {
  try {
    return await administersTracker(ctx, tenantId, accountId);
  } catch (error) {
    // The message only: a vendor error may carry the request, and with it the app's token.
    const reason = error instanceof Error ? error.message : String(error);
    ctx.log.warn(
      { tenantId, reason },
      "could not ask Jira whether the user administers the site; acting without admin rights",
    );
    return false;
  }
}

/** Express middleware for `/forge`: every route needs a valid invocation token, or it is a 401. */
export function requireForgeCall(ctx: WebContext, allowUninstalled: (req: Request) => boolean = () => false) {
  return async (req: Request, res: Response, next: NextFunction) => {
    res.locals.forgeCall = await verifyForgeCall(ctx, req, allowUninstalled(req));
    next();
  };
}

export function forgeCallOf(res: Response): VerifiedCall {
  return res.locals.forgeCall as VerifiedCall;
}
