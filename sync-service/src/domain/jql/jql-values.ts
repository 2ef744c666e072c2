// Save-time checks of the values a JQL query compares, so a rule no search could use is refused with the
// position of the value, as Jira refuses it ("Date value '…' for field 'created' is invalid"), instead of
// failing later on every issue event. Only what is certainly wrong is refused: a date whose reach is absurd,
// a number that is not one; anything else Firewatch cannot read is left for Jira to judge.
import { jqlDateProblem } from "./jql-dates.ts";
import { valueKindOf } from "./jql-fields.ts";

/** A bad value and where it starts (a character offset into the query). */
export interface ValueProblem {
  readonly message: string;
  readonly offset: number;
}

/** The JQL grammar's operand nodes (@atlassianlabs/jql-ast), as far as the checks read them. */
interface OperandNode {
  readonly operandType?: string;
  readonly value?: unknown;
  readonly values?: readonly OperandNode[];
  readonly position?: readonly [number, number];
}

// Predicates of the history operators that take a date: `status CHANGED AFTER -1d`, `… DURING (a, b)`.
const DATE_PREDICATES = new Set(["after", "before", "on", "during"]);

/**
 * The first bad value of one clause, or null, worded as Jira words it: `Date value "-99999999999999d" for
 * field "created" reaches more than …`. `field` is lower-cased.
 */
export function clauseValueProblem(
  field: string,
  operand: unknown,
  predicates: readonly { operator?: { value?: string }; operand?: unknown }[],
): ValueProblem | null {
  const kind = valueKindOf(field);
  if (kind === "date")
    return firstProblem(operand as OperandNode | undefined, `Date value %s for field "${field}"`, jqlDateProblem);
  if (kind === "number")
    return firstProblem(operand as OperandNode | undefined, `Value %s for field "${field}"`, numberProblem);
  for (const p of predicates) {
    const predicate = String(p.operator?.value ?? "").toLowerCase();
    if (!DATE_PREDICATES.has(predicate)) continue;
    const problem = firstProblem(
      p.operand as OperandNode | undefined,
      `Date value %s of ${predicate.toUpperCase()}`,
      jqlDateProblem,
    );
    if (problem) return problem;
  }
  return null;
}

/** Checks each value of the operand; `what` names it, `%s` standing for the value. */
function firstProblem(
  operand: OperandNode | undefined,
  what: string,
  check: (value: string) => string | null,
): ValueProblem | null {
  if (!operand) return null;
  if (operand.operandType === "list") {
    for (const item of operand.values ?? []) {
      const problem = firstProblem(item, what, check);
      if (problem) return problem;
    }
    return null;
  }
  if (operand.operandType !== "value") return null; // EMPTY, functions: Jira's to evaluate
  const value = String(operand.value);
  const reason = check(value);
  if (!reason) return null;
  const shown = JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}…` : value);
  return { message: `${what.replace("%s", shown)} ${reason}`, offset: operand.position?.[0] ?? 0 };
}

/** Votes and watchers are counts: a whole number Jira can hold (a Java long; a JavaScript safe integer here). */
function numberProblem(text: string): string | null {
  if (!/^[+-]?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text.trim())) return null; // not a number: Jira judges it
  return Number.isSafeInteger(Number(text)) ? null : `is not a whole number up to ${Number.MAX_SAFE_INTEGER}`;
}
