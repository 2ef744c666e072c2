import type { EscalationRule } from "../../domain/escalation-rule.ts";
import { compileJql } from "../../domain/jql/index.ts";
import type { Principal } from "../../domain/principal.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { NotFoundUseCaseError } from "../shared/errors.ts";
import { requireAdmin } from "../shared/require-role.ts";
import { ADMINS_ONLY, validRuleName, type RuleInput } from "./rule-input.ts";

/** Enabling a rule again clears the reason it was disabled. @throws as createRule */
export async function updateRule(
  deps: UseCaseDeps,
  by: Principal,
  id: string,
  input: RuleInput,
): Promise<EscalationRule> {
  requireAdmin(by, ADMINS_ONLY);
  if (input.jql !== undefined) compileJql(input.jql);
  return deps.uow.run(async (tx) => {
    const current = await tx.rules.findById(by.tenantId, id);
    if (!current) throw new NotFoundUseCaseError("rule", id);
    if (input.serviceId && !(await tx.services.findById(by.tenantId, input.serviceId)))
      throw new NotFoundUseCaseError("service", input.serviceId);
    const enabled = input.enabled ?? current.enabled;
    // Enabled again as it is: its stored JQL must pass today's checks (it may be why it was disabled).
    if (input.jql === undefined && enabled && !current.enabled) compileJql(current.jql);
    const next: EscalationRule = {
      ...current,
      ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)),
      name: input.name === undefined ? current.name : validRuleName(input.name),
      jql: input.jql?.trim() ?? current.jql,
      enabled,
      disabledReason: enabled ? null : current.disabledReason,
      updatedAt: deps.clock.now(),
    };
    await tx.rules.update(next);
    return next;
  });
}
