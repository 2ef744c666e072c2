import { randomUUID } from "node:crypto";
import type { EscalationRule } from "../../domain/escalation-rule.ts";
import { InvalidInputDomainError } from "../../domain/errors.ts";
import { compileJql } from "../../domain/jql/index.ts";
import type { Principal } from "../../domain/principal.ts";
import type { Severity } from "../../domain/severity.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { NotFoundUseCaseError } from "../shared/errors.ts";
import { requireAdmin } from "../shared/require-role.ts";

export interface RuleInput {
  readonly name?: string;
  readonly jql?: string;
  readonly serviceId?: string;
  readonly severity?: Severity | null;
  readonly enabled?: boolean;
  readonly autoResolve?: boolean;
  readonly maxFires?: number;
  readonly windowMinutes?: number;
}

const ADMINS_ONLY = "Only an admin can change escalation rules.";

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
      name: validName(input.name),
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
      name: input.name === undefined ? current.name : validName(input.name),
      jql: input.jql?.trim() ?? current.jql,
      enabled,
      disabledReason: enabled ? null : current.disabledReason,
      updatedAt: deps.clock.now(),
    };
    await tx.rules.update(next);
    return next;
  });
}

export async function deleteRule(deps: UseCaseDeps, by: Principal, id: string): Promise<void> {
  requireAdmin(by, ADMINS_ONLY);
  await deps.uow.run(async (tx) => {
    if (!(await tx.rules.findById(by.tenantId, id))) throw new NotFoundUseCaseError("rule", id);
    await tx.rules.delete(by.tenantId, id);
  });
}

function validName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 255)
    throw new InvalidInputDomainError("RULE.INVALID_NAME", "A rule name has 1 to 255 characters.");
  return trimmed;
}
