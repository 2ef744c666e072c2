import { Router } from "express";
import { z } from "zod";
import { STANDALONE_TENANT_ID } from "../../domain/tenant-settings.ts";
import { endSession, endSessions, startSession } from "../../usecases/access/console-sessions.ts";
import type { WebContext } from "../context.ts";
import { parseOrThrow, UnauthenticatedWebError } from "../errors.ts";
import { hashToken, principalOf } from "../middleware/authenticate.ts";
import { clearSessionCookie, sessionCookieOf, setSessionCookie } from "../middleware/session-cookie.ts";
import { presentMe } from "../presenters.ts";

const signInBody = z.strictObject({ token: z.string().trim().min(1).max(512) });

/**
 * `POST /api/session` (`{"token": "<API token>"}`, no Authorization): signs the console in with a `fw_session`
 * cookie, answering as `GET /api/me`. Mounted before authentication: the token in the body is the credential.
 */
export function signInRouter(ctx: WebContext): Router {
  const router = Router();
  const deps = { uow: ctx.uow, clock: ctx.clock };
  router.post("/", async (req, res) => {
    const { token } = parseOrThrow(signInBody, req.body ?? {});
    const principal = await ctx.access.findPrincipal(hashToken(token));
    if (!principal) throw new UnauthenticatedWebError("AUTH.INVALID_TOKEN", "The API token is unknown or revoked.");
    if (principal.tenantId !== STANDALONE_TENANT_ID) {
      throw new UnauthenticatedWebError(
        "AUTH.TOKEN_NOT_FOR_SITE_USERS",
        "API tokens work for the standalone Firewatch only; people of a Jira site use Firewatch through the Forge app in Jira.",
      );
    }
    const session = await startSession(deps, principal);
    setSessionCookie(req, res, ctx.publicUrl, session.token, session.maxAgeMs);
    res.status(201).json(presentMe(principal, ctx.sandbox));
  });
  return router;
}

/**
 * `DELETE /api/session` (cookie or Bearer): signs the caller out everywhere, ending every session of theirs.
 * `DELETE /api/session/current`: signs out this browser only (the session of the cookie sent).
 */
export function signOutRouter(ctx: WebContext): Router {
  const router = Router();
  const deps = { uow: ctx.uow, clock: ctx.clock };
  router.delete("/current", async (req, res) => {
    const cookie = sessionCookieOf(req);
    if (cookie) await endSession(deps, cookie);
    clearSessionCookie(req, res, ctx.publicUrl);
    res.status(204).end();
  });
  router.delete("/", async (req, res) => {
    await endSessions(deps, principalOf(res));
    clearSessionCookie(req, res, ctx.publicUrl);
    res.status(204).end();
  });
  return router;
}
