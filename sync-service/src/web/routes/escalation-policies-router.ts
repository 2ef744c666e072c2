import { Router } from "express";
import { z } from "zod";
import { POLICY_LIMITS } from "../../domain/escalation-policy.ts";
import { savePolicy } from "../../usecases/oncall/save-policy.ts";
import { deletePolicy, listPolicies } from "../../usecases/oncall/policies.ts";
import { NotFoundUseCaseError } from "../../usecases/shared/errors.ts";
import type { WebContext } from "../context.ts";
import { parseOrThrow } from "../errors.ts";
import { principalOf } from "../middleware/authenticate.ts";
import { id } from "./oncall-requests.ts";

const target = z.strictObject({ type: z.enum(["user", "schedule", "team"]), id: z.uuid() });
const policyLevel = z.strictObject({
  delayMinutes: z.number().int().min(1).max(POLICY_LIMITS.delayMinutes),
  targets: z
    .array(target)
    .min(1)
    .max(POLICY_LIMITS.targetsPerLevel, `a level has at most ${POLICY_LIMITS.targetsPerLevel} targets`),
});
const policyBody = z.strictObject({
  name: z.string().trim().min(1).max(255),
  repeat: z.number().int().min(0).max(5).optional(),
  levels: z.array(policyLevel).min(1).max(POLICY_LIMITS.levels, `a policy has at most ${POLICY_LIMITS.levels} levels`),
});

/** `/api/escalation-policies`: who is paged, level by level, for a service's incidents. */
export function escalationPoliciesRouter(ctx: WebContext): Router {
  const router = Router();
  const deps = { uow: ctx.uow, clock: ctx.clock };

  router.post("/", async (req, res) => {
    res.status(201).json(await savePolicy(deps, principalOf(res), null, parseOrThrow(policyBody, req.body)));
  });
  router.put("/:id", async (req, res) => {
    res.json(
      await savePolicy(
        deps,
        principalOf(res),
        parseOrThrow(id, req.params.id, "policy id"),
        parseOrThrow(policyBody, req.body),
      ),
    );
  });
  router.get("/", async (_req, res) => {
    res.json({ policies: await listPolicies(deps, principalOf(res)) });
  });
  router.delete("/:id", async (req, res) => {
    await deletePolicy(deps, principalOf(res), parseOrThrow(id, req.params.id, "policy id"));
    res.status(204).end();
  });
  router.get("/:id", async (req, res) => {
    const policy = await ctx.uow.run((tx) =>
      tx.oncall.findPolicy(principalOf(res).tenantId, parseOrThrow(id, req.params.id, "policy id")),
    );
    if (!policy) throw new NotFoundUseCaseError("policy", req.params.id);
    res.json(policy);
  });
  return router;
}
