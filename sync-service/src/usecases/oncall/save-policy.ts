import { randomUUID } from "node:crypto";
import { validPolicy, type EscalationPolicy, type PolicyLevel } from "../../domain/escalation-policy.ts";
import type { Principal } from "../../domain/principal.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { NotFoundUseCaseError } from "../shared/errors.ts";
import { requireAdmin } from "../shared/require-role.ts";
import { ADMINS_ONLY } from "./oncall-errors.ts";

/** Creates or replaces a policy; its user, schedule and team targets must exist. @throws InvalidInputDomainError, NotFoundUseCaseError */
export async function savePolicy(
  deps: UseCaseDeps,
  by: Principal,
  id: string | null,
  input: { name: string; repeat?: number; levels: PolicyLevel[] },
): Promise<EscalationPolicy> {
  requireAdmin(by, ADMINS_ONLY);
  const policy: EscalationPolicy = {
    id: id ?? randomUUID(),
    tenantId: by.tenantId,
    name: input.name.trim(),
    repeat: input.repeat ?? 0,
    levels: input.levels,
  };
  validPolicy(policy.levels, policy.repeat);
  await deps.uow.run(async (tx) => {
    if (id && !(await tx.oncall.findPolicy(by.tenantId, id))) throw new NotFoundUseCaseError("policy", id);
    for (const target of policy.levels.flatMap((l) => l.targets)) {
      const exists =
        target.type === "user"
          ? await tx.oncall.findUser(by.tenantId, target.id)
          : target.type === "team"
            ? await tx.teams.find(by.tenantId, target.id)
            : await tx.oncall.findSchedule(by.tenantId, target.id);
      if (!exists) throw new NotFoundUseCaseError(target.type, target.id);
    }
    await tx.oncall.savePolicy(policy);
  });
  return policy;
}
