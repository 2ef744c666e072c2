import { randomUUID } from "node:crypto";
import type { EscalationRule } from "../../domain/escalation-rule.ts";
import { compileJql } from "../../domain/jql/index.ts";
import type { Principal } from "../../domain/principal.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { NotFoundUseCaseError } from "../shared/errors.ts";
import { requireAdmin } from "../shared/require-role.ts";
import { ADMINS_ONLY, validRuleName, type RuleInput } from "./rule-input.ts";

/** @throws InvalidJqlDomainError with the parser's message and position, ForbiddenUseCaseError, NotFoundUseCaseError */
export async function createRule(
  deps: UseCaseDeps,
  by: Principal,
  input: RuleInput & { name: string; jql: string; serviceId: string },
): Promise<EscalationRule> {
  requireAdmin(by, ADMINS_ONLY);
  compileJql(input.jql);
  return deps.uow.run(async (tx) => {
    if (!(await tx.services.findById(by.tenantId, input.serviceId)))
      throw new NotFoundUseCaseError("service", input.serviceId);
    const now = deps.clock.now();
    const rule: EscalationRule = {
      id: randomUUID(),
      tenantId: by.tenantId,
      name: validRuleName(input.name),
      jql: input.jql.trim(),
      serviceId: input.serviceId,
      severity: input.severity ?? null,
      enabled: input.enabled ?? true,
      autoResolve: input.autoResolve ?? true,
      maxFires: input.maxFires ?? 20,
      windowMinutes: input.windowMinutes ?? 10,
      disabledReason: null,
      createdAt: now,
      updatedAt: now,
    };
    await tx.rules.insert(rule);
    return rule;
  });
}
