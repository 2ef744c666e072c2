import { Router } from "express";
import type { SandboxInfo } from "../context.ts";
import { principalOf } from "../middleware/authenticate.ts";
import { presentMe } from "../presenters.ts";

/** `GET /api/me`: who the caller is (and, in a sandbox only, the sandbox's links); the console signs in with this. */
export function meRouter(sandbox?: SandboxInfo): Router {
  const router = Router();
  router.get("/", (_req, res) => {
    res.json(presentMe(principalOf(res), sandbox));
  });
  return router;
}
