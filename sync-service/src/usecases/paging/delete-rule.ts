import type { Principal } from "../../domain/principal.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { NotFoundUseCaseError } from "../shared/errors.ts";
import { requireAdmin } from "../shared/require-role.ts";
import { ADMINS_ONLY } from "./rule-input.ts";

/** @throws ForbiddenUseCaseError, NotFoundUseCaseError */
export async function deleteRule(deps: UseCaseDeps, by: Principal, id: string): Promise<void> {
  requireAdmin(by, ADMINS_ONLY);
  await deps.uow.run(async (tx) => {
    if (!(await tx.rules.findById(by.tenantId, id))) throw new NotFoundUseCaseError("rule", id);
    await tx.rules.delete(by.tenantId, id);
  });
}
