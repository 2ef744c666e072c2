// Each tenant's enabled JQL rules, compiled and indexed, and what happens to a rule that cannot be evaluated:
// it is disabled with the reason on the rule (GET /api/escalation-rules shows it), so it stops failing, and
// it never stops another rule or the rest of the issue event.
import { AppError } from "../../domain/errors.ts";
import type { EscalationRule } from "../../domain/escalation-rule.ts";
import { compileJql, CompiledRuleSet, type CompiledJql } from "../../domain/jql/index.ts";
import type { UnitOfWork } from "../../ports/unit-of-work.ts";
import type { UseCaseDeps } from "../shared/deps.ts";

/** A rule taken out of an evaluation, and why. */
export interface FailedRule {
  readonly rule: EscalationRule;
  readonly reason: string;
}

export interface TenantRules {
  readonly version: string;
  /** The rules that compiled, so the rule set can evaluate them. */
  readonly rules: readonly EscalationRule[];
  readonly compiled: ReadonlyMap<string, CompiledJql>;
  readonly set: CompiledRuleSet<EscalationRule>;
  /** Enabled rules whose stored JQL no longer compiles (saved before a check existed, or written around the API). */
  readonly failed: readonly FailedRule[];
}

/**
 * Each tenant's enabled rules, compiled and indexed, kept across events and built again only when the
 * rules change (a change on any replica shows in the version): an event then costs one small query and
 * the evaluation, not reading and indexing every rule. A rule is parsed again only when its JQL changed.
 */
export class EnabledRulesCache {
  private readonly tenants = new Map<string, TenantRules>();

  async of(uow: UnitOfWork, tenantId: string): Promise<TenantRules> {
    const version = await uow.run((tx) => tx.rules.enabledVersion(tenantId));
    const before = this.tenants.get(tenantId);
    if (before?.version === version) return before;
    const enabled = await uow.run((tx) => tx.rules.listEnabled(tenantId));
    const rules: EscalationRule[] = [];
    const compiled = new Map<string, CompiledJql>();
    const set = new CompiledRuleSet<EscalationRule>();
    const failed: FailedRule[] = [];
    for (const rule of enabled) {
      const known = before?.compiled.get(rule.id);
      try {
        const c = known?.jql === rule.jql ? known : compileJql(rule.jql);
        compiled.set(rule.id, c);
        set.add(rule, c);
        rules.push(rule);
      } catch (error) {
        failed.push({ rule, reason: `its JQL no longer passes the checks made at save: ${reasonOf(error)}` });
      }
    }
    const fresh = { version, rules, compiled, set, failed };
    this.tenants.set(tenantId, fresh);
    return fresh;
  }
}

/** A reason shown to the tenant's admins: an error of our own says what to fix, any other what it is. */
export function reasonOf(error: unknown): string {
  const text =
    error instanceof AppError
      ? error.message
      : error instanceof Error
        ? `${error.name}: ${error.message}`
        : String(error);
  return text.slice(0, 500);
}

/**
 * Disables each failed rule with its reason, unless it changed since it was read (an admin's fix, which the
 * next event evaluates afresh). @returns the ids of the rules disabled here
 */
export async function disableFailedRules(deps: UseCaseDeps, failed: readonly FailedRule[]): Promise<string[]> {
  const disabled: string[] = [];
  for (const { rule, reason } of failed) {
    const done = await deps.uow.run(async (tx) => {
      const current = await tx.rules.lockForFiring(rule.tenantId, rule.id);
      if (!current?.enabled || current.jql !== rule.jql) return false;
      const disabledReason = `${reason}; correct its JQL, then enable it again`;
      await tx.rules.update({ ...current, enabled: false, disabledReason, updatedAt: deps.clock.now() });
      return true;
    });
    if (done) disabled.push(rule.id);
  }
  return disabled;
}
