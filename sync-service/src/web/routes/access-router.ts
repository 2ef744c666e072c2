import { randomBytes } from "node:crypto";
import { Router } from "express";
import { z } from "zod";
import { NotFoundUseCaseError } from "../../usecases/errors.ts";
import type { WebContext } from "../context.ts";
import { parseOrThrow } from "../errors.ts";
import { hashToken, principalOf, requireRole } from "../middleware/authenticate.ts";

const tokenBody = z.strictObject({ name: z.string().trim().min(1).max(255) });
const id = z.uuid({ error: "must be a user id (a UUID)" });

/** Who the caller is (the console signs in with this), and API tokens for people. */
export function accessRouter(ctx: WebContext): Router {
  const router = Router();

  router.get("/me", (_req, res) => {
    const { userId, name, role } = principalOf(res);
    res.json({ userId, name, role });
  });

  // The token is shown once; only its SHA-256 hash is stored, as for the admin token.
  router.post("/users/:id/tokens", async (req, res) => {
    const admin = requireRole(res, "admin");
    const userId = parseOrThrow(id, req.params.id, "user id");
    const { name } = parseOrThrow(tokenBody, req.body ?? {});
    const token = `fw_${randomBytes(24).toString("base64url")}`;
    if (!(await ctx.access.issueToken(admin.tenantId, userId, hashToken(token), name))) throw new NotFoundUseCaseError("user", userId);
    res.status(201).json({ userId, name, token });
  });
  return router;
}
