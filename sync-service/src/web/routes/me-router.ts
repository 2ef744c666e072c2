import { Router } from "express";
import { principalOf } from "../middleware/authenticate.ts";
import { presentMe } from "../presenters.ts";

/** `GET /api/me`: who the caller is; the console signs in with this. */
export function meRouter(): Router {
  const router = Router();
  router.get("/", (_req, res) => {
    res.json(presentMe(principalOf(res)));
  });
  return router;
}
