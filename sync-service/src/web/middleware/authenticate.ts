import { createHash } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import { STANDALONE_TENANT_ID } from "../../domain/tenant-settings.ts";
import { hasRole, type Principal, type UserRole } from "../../domain/principal.ts";
import type { WebContext } from "../context.ts";
import { ForbiddenWebError, UnauthenticatedWebError } from "../errors.ts";
import { bearerOf, forgePrincipal, isJwt, verifyForgeCall } from "../forge/forge-auth.ts";
import { sessionPrincipal } from "../../usecases/access/console-sessions.ts";
import {
  clearSessionCookie,
  CONSOLE_HEADER,
  CONSOLE_HEADER_VALUE,
  mayWriteWithCookie,
  sessionCookieOf,
} from "./session-cookie.ts";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Requires `Authorization: Bearer <token>`: a Firewatch API token of the standalone tenant, looked up by its SHA-256 hash, or (when
 * the Forge app is configured) a Forge Invocation Token from the app's resolvers, which acts as the Jira
 * user who made the call, in the tenant of their site. Without one, the console's `fw_session` cookie signs in
 * (session-cookie.ts), and a write made with it needs the console header.
 */
export function authenticate(ctx: WebContext) {
  const deps = { uow: ctx.uow, clock: ctx.clock };
  return async (req: Request, res: Response, next: NextFunction) => {
    const token = bearerOf(req);
    const cookie = token ? null : sessionCookieOf(req);
    if (cookie !== null) {
      const principal = cookie ? await sessionPrincipal(deps, cookie) : "expired";
      if (principal === "expired") {
        clearSessionCookie(req, res, ctx.publicUrl);
        throw new UnauthenticatedWebError(
          "AUTH.SESSION_EXPIRED",
          "Your console session has ended (signed out, or unused too long); sign in again with an API token or a page's link.",
        );
      }
      if (!mayWriteWithCookie(req)) {
        throw new ForbiddenWebError(
          "AUTH.CONSOLE_HEADER_REQUIRED",
          `A change made with the session cookie needs the header \`${CONSOLE_HEADER}: ${CONSOLE_HEADER_VALUE}\`; scripts send \`Authorization: Bearer <token>\` instead.`,
        );
      }
      res.locals.principal = principal;
      return next();
    }
    if (!token) {
      throw new UnauthenticatedWebError("AUTH.TOKEN_REQUIRED", "Send an API token as `Authorization: Bearer <token>`.");
    }
    if (ctx.forge && isJwt(token)) {
      res.locals.principal = await forgePrincipal(ctx, await verifyForgeCall(ctx, req));
      return next();
    }
    const principal = await ctx.access.findPrincipal(hashToken(token));
    if (!principal) throw new UnauthenticatedWebError("AUTH.INVALID_TOKEN", "The API token is unknown or revoked.");
    // API tokens are the standalone tenant's. One minted for a Forge site's person before that was refused
    // would act without Forge, past their Jira rights and the app's uninstall: it no longer signs anyone in.
    if (principal.tenantId !== STANDALONE_TENANT_ID) {
      throw new UnauthenticatedWebError(
        "AUTH.TOKEN_NOT_FOR_SITE_USERS",
        "API tokens work for the standalone Firewatch only; people of a Jira site use Firewatch through the Forge app in Jira.",
      );
    }
    res.locals.principal = principal;
    next();
  };
}

export function principalOf(res: Response): Principal {
  return res.locals.principal as Principal;
}

/** @throws ForbiddenWebError when the caller's role is below `role` */
export function requireRole(res: Response, role: UserRole): Principal {
  const principal = principalOf(res);
  if (!hasRole(principal, role)) {
    throw new ForbiddenWebError(
      "AUTH.ROLE_REQUIRED",
      `This needs the ${role} role; your token's user is a ${principal.role}.`,
    );
  }
  return principal;
}
