// Escalation policies as a list (with the services that use each) and their removal, which a policy still in use
// refuses: a service pointing at a deleted policy would page nobody.
import type { EscalationPolicy } from "../../domain/escalation-policy.ts";
import type { Principal } from "../../domain/principal.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { ConflictUseCaseError, NotFoundUseCaseError } from "../shared/errors.ts";
import { requireAdmin } from "../shared/require-role.ts";
import { ADMINS_ONLY } from "./oncall-errors.ts";

export interface PolicyWithServices extends EscalationPolicy {
  /** The services whose incidents this policy pages for. */
  readonly services: readonly { readonly id: string; readonly name: string }[];
}

/** Every policy of the tenant by name, with its levels and the services using it. */
export async function listPolicies(deps: UseCaseDeps, by: Principal): Promise<PolicyWithServices[]> {
  return deps.uow.run(async (tx) => {
    const [policies, services] = await Promise.all([
      tx.oncall.listPolicies(by.tenantId),
      tx.services.list(by.tenantId),
    ]);
    return policies.map((policy) => ({
      ...policy,
      services: services.filter((s) => s.escalationPolicyId === policy.id).map((s) => ({ id: s.id, name: s.name })),
    }));
  });
}

/** @throws ForbiddenUseCaseError, NotFoundUseCaseError, ConflictUseCaseError (POLICY.IN_USE) naming the services */
export async function deletePolicy(deps: UseCaseDeps, by: Principal, id: string): Promise<void> {
  requireAdmin(by, ADMINS_ONLY);
  await deps.uow.run(async (tx) => {
    const policy = await tx.oncall.findPolicy(by.tenantId, id);
    if (!policy) throw new NotFoundUseCaseError("policy", id);
    const using = (await tx.services.list(by.tenantId)).filter((s) => s.escalationPolicyId === id);
    if (using.length) {
      const names = using.map((s) => JSON.stringify(s.name)).join(", ");
      throw new ConflictUseCaseError(
        "POLICY.IN_USE",
        `Escalation policy ${JSON.stringify(policy.name)} is used by ${using.length === 1 ? "service" : "services"} ${names}; give ${using.length === 1 ? "it" : "them"} another policy (or none) first.`,
      );
    }
    await tx.oncall.deletePolicy(by.tenantId, id);
  });
}
