import { randomBytes } from "node:crypto";
import { Router } from "express";
import { z } from "zod";
import { STANDALONE_TENANT_ID } from "../../domain/tenant-settings.ts";
import { NotFoundUseCaseError } from "../../usecases/shared/errors.ts";
import type { WebContext } from "../context.ts";
import { ForbiddenWebError, parseOrThrow } from "../errors.ts";
import { hashToken, principalOf, requireRole } from "../middleware/authenticate.ts";
import { listApiTokens, revokeApiToken } from "../../usecases/oncall/api-tokens.ts";

const tokenBody = z.strictObject({ name: z.string().trim().min(1).max(255) });
const id = z.uuid({ error: "must be a user id (a UUID)" });

/** `/api/users/{id}/tokens`: API tokens for people, issued by an admin; listed and revoked by the person or an admin. */
export function userTokensRouter(ctx: WebContext): Router {
  const router = Router({ mergeParams: true });
  const deps = { uow: ctx.uow, clock: ctx.clock };

  // The token is shown once; only its SHA-256 hash is stored, as for the admin token.
  router.post("/", async (req, res) => {
    const admin = requireRole(res, "admin");
    // A Forge site's people act only through Forge, as themselves in Jira: a token would work without Forge,
    // outlive their Jira rights and the app's uninstall.
    if (admin.tenantId !== STANDALONE_TENANT_ID) {
      throw new ForbiddenWebError(
        "AUTH.TOKENS_STANDALONE_ONLY",
        "API tokens are for the standalone Firewatch only; people of a Jira site use Firewatch through the Forge app in Jira.",
      );
    }
    const userId = parseOrThrow(id, (req.params as { id?: string }).id, "user id");
    const { name } = parseOrThrow(tokenBody, req.body ?? {});
    const token = `fw_${randomBytes(24).toString("base64url")}`;
    const issued = await ctx.access.issueToken(admin.tenantId, userId, hashToken(token), name);
    if (!issued) throw new NotFoundUseCaseError("user", userId);
    res.status(201).json({ ...issued, userId, token });
  });
  router.get("/", async (req, res) => {
    const userId = parseOrThrow(id, (req.params as { id?: string }).id, "user id");
    res.json({ tokens: await listApiTokens(deps, principalOf(res), userId) });
  });
  router.delete("/:tokenId", async (req, res) => {
    const params = req.params as { id?: string; tokenId?: string };
    const userId = parseOrThrow(id, params.id, "user id");
    const tokenId = parseOrThrow(z.uuid({ error: "must be a token id (a UUID)" }), params.tokenId, "token id");
    await revokeApiToken(deps, principalOf(res), userId, tokenId);
    res.status(204).end();
  });
  return router;
}
