// What creating and changing escalation rules share: the input, who may, and the name rule.
import { InvalidInputDomainError } from "../../domain/errors.ts";
import type { Severity } from "../../domain/severity.ts";

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

/** The refusal of rule changes to anyone but an admin (requireAdmin). */
export const ADMINS_ONLY = "Only an admin can change escalation rules.";

/** @throws InvalidInputDomainError unless the trimmed name has 1 to 255 characters */
export function validRuleName(name: string): string {
  const trimmed = name.trim();
  if (!trimmed || trimmed.length > 255)
    throw new InvalidInputDomainError("RULE.INVALID_NAME", "A rule name has 1 to 255 characters.");
  return trimmed;
}
