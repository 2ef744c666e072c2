import { Router } from "express";
import { z } from "zod";
import { readDefaultService, setDefaultService } from "../../usecases/incidents/default-service.ts";
import type { WebContext } from "../context.ts";
import { parseOrThrow } from "../errors.ts";
import { principalOf, requireRole } from "../middleware/authenticate.ts";

/** `PUT /api/settings/incidents`. */
export const incidentSettingsBody = z.strictObject({
  defaultServiceId: z.uuid({ error: "must be a service id (a UUID), or null for none" }).nullable(),
});

/** `/api/settings/incidents`: how incidents are declared (the service one is on when the declarer names none). */
export function settingsRouter(ctx: WebContext): Router {
  const router = Router();
  const deps = { uow: ctx.uow, clock: ctx.clock };

  router.get("/incidents", async (_req, res) => {
    res.json({ defaultServiceId: await readDefaultService(deps, principalOf(res)) });
  });

  router.put("/incidents", async (req, res) => {
    const { defaultServiceId } = parseOrThrow(incidentSettingsBody, req.body ?? {});
    await setDefaultService(deps, requireRole(res, "admin"), defaultServiceId);
    res.json({ defaultServiceId });
  });
  return router;
}
