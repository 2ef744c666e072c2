// JQL → a tree the evaluator walks, parsed once per rule with Atlassian's own grammar
// (@atlassianlabs/jql-ast). NOT is pushed down to the clauses with De Morgan's laws and the operator
// negated, which is how Jira itself rewrites NOT: so `NOT assignee = bob`, like `assignee != bob`,
// never matches an empty assignee (https://support.atlassian.com/jira-software-cloud/docs/jql-operators/#Not-equals).
import { JastBuilder, type Clause, type Operand } from "@atlassianlabs/jql-ast";
import { AppError } from "../errors.ts";
import { clauseValueProblem } from "./jql-values.ts";

export class InvalidJqlDomainError extends AppError {
  readonly kind = "invalid";
  constructor(
    message: string,
    readonly position: { line: number; column: number } | null,
  ) {
    super("JQL.INVALID", message);
  }
}

/** EMPTY inside a value list, e.g. `labels in (EMPTY, x)`; it lower-cases to itself. */
export const EMPTY_MARK = "\u0000empty";

export type JqlOperand =
  /** `values` as written; `lower` lower-cased once, since names compare case-insensitively in JQL. */
  | { kind: "values"; values: string[]; lower: string[] }
  | { kind: "empty" }
  | { kind: "function"; name: string; args: string[] };

export interface JqlClause {
  kind: "clause";
  /** Lower-cased field name or id, e.g. "project", "cf[10010]", "story points". */
  field: string;
  /** Lower-cased operator, already negated when the clause sat under a NOT. */
  operator: string;
  operand: JqlOperand;
  /** The clause as written, for messages. */
  text: string;
}

export type JqlNode = { kind: "and" | "or"; children: JqlNode[] } | JqlClause;

export interface CompiledJql {
  readonly jql: string;
  readonly where: JqlNode | null;
}

const NEGATED: Record<string, string> = {
  "=": "!=",
  "!=": "=",
  in: "not in",
  "not in": "in",
  is: "is not",
  "is not": "is",
  "~": "!~",
  "!~": "~",
  "<": ">=",
  ">=": "<",
  ">": "<=",
  "<=": ">",
  was: "was not",
  "was not": "was",
  "was in": "was not in",
  "was not in": "was in",
  changed: "not changed",
  "not changed": "changed",
};

function invalid(position: { line: number; column: number } | null, what: string): InvalidJqlDomainError {
  const where = position ? ` at line ${position.line}, column ${position.column}` : "";
  return new InvalidJqlDomainError(`Invalid JQL${where}: ${what}`, position);
}

/** Line and column (from 1, as the parser counts them) of a character offset. */
function positionAt(jql: string, offset: number): { line: number; column: number } {
  const lines = jql.slice(0, offset).split("\n");
  return { line: lines.length, column: lines.at(-1)!.length + 1 };
}

/**
 * Parses and compiles a JQL query; dates and numbers it compares must be within range (jql-values.ts).
 * @throws InvalidJqlDomainError with the parser's message and position
 */
export function compileJql(jql: string): CompiledJql {
  const jast = new JastBuilder().build(jql);
  const error = jast.errors[0] as
    { description?: string; message?: string; line?: number; charPositionInLine?: number; cause?: unknown } | undefined;
  // The builder reports anything thrown while parsing as a parse error whose `cause` is what was thrown: a
  // RangeError is the recursive-descent parser running out of stack on deep nesting; anything else is a fault
  // of ours or the parser's, not the user's, and must not be shown to them as if it were a syntax error.
  if (error?.cause instanceof RangeError)
    throw new InvalidJqlDomainError("Invalid JQL: nested too deeply (parentheses or NOT); flatten it.", null);
  if (error?.cause !== undefined) throw error.cause;
  if (error) {
    const position =
      error.line !== undefined ? { line: error.line, column: (error.charPositionInLine ?? 0) + 1 } : null;
    throw invalid(position, error.description ?? error.message ?? "syntax error");
  }
  const where = jast.query?.where;
  return { jql, where: where ? toNode(where as Clause, false, jql) : null };
}

function toNode(clause: Clause, negate: boolean, jql: string): JqlNode {
  const c = clause as any;
  if (c.clauseType === "not") return toNode(c.clause, !negate, jql);
  if (c.clauseType === "compound") {
    const and = c.operator.value === "and";
    // De Morgan: NOT (a AND b) = NOT a OR NOT b.
    return {
      kind: and !== negate ? "and" : "or",
      children: c.clauses.map((child: Clause) => toNode(child, negate, jql)),
    };
  }
  const operator = String(c.operator?.value ?? "").toLowerCase();
  // Entity properties (issue.property[x].y) are never decided locally: keep the whole text as the field.
  const field = String(c.field?.properties?.length ? c.field.text : (c.field?.value ?? "")).toLowerCase();
  const problem = clauseValueProblem(field, c.operand, c.predicates ?? []);
  if (problem) throw invalid(positionAt(jql, problem.offset), problem.message);
  const text = [c.field?.text, c.operator?.text, operandText(c.operand)].filter(Boolean).join(" ");
  return {
    kind: "clause",
    field,
    operator: negate ? (NEGATED[operator] ?? operator) : operator,
    operand: toOperand(c.operand),
    text: negate ? `NOT ${text}` : text,
  };
}

function toOperand(operand: Operand | undefined): JqlOperand {
  const o = operand as any;
  if (!o) return values([]);
  switch (o.operandType) {
    case "keyword":
      return { kind: "empty" };
    case "function":
      return {
        kind: "function",
        name: String(o.function.value).toLowerCase(),
        args: (o.arguments ?? []).map((a: any) => String(a.value)),
      };
    case "list": {
      const items = (o.values ?? []).map(toOperand) as JqlOperand[];
      const fn = items.find((i) => i.kind === "function");
      if (fn) return fn;
      return items.some((i) => i.kind === "empty") && items.every((i) => i.kind !== "values")
        ? { kind: "empty" }
        : values(items.flatMap((i) => (i.kind === "values" ? i.values : [EMPTY_MARK])));
    }
    default:
      return values([String(o.value)]);
  }
}

function values(list: string[]): JqlOperand {
  return { kind: "values", values: list, lower: list.map((v) => v.toLowerCase()) };
}

function operandText(operand: Operand | undefined): string {
  const o = operand as any;
  if (!o) return "";
  if (o.operandType === "list") return `(${(o.values ?? []).map(operandText).join(", ")})`;
  if (o.operandType === "function")
    return `${o.function.text}(${(o.arguments ?? []).map((a: any) => a.text).join(", ")})`;
  return String(o.text ?? o.value);
}
