// Evaluates compiled JQL against one issue, as Jira would, or says why it cannot without Jira.
// Semantics pinned by jql.test.ts, each case citing Atlassian's JQL reference.
import { EMPTY_MARK, type CompiledJql, type JqlClause, type JqlNode } from "./jql-compile.ts";
import type { FieldValue, JiraIssueLike, Named } from "./jql-fields.ts";
import { IssueView, type JqlContext } from "./jql-issue-view.ts";
import { textMatches } from "./jql-text.ts";

export type Verdict = { readonly match: boolean } | { readonly undecidable: string };

const yes: Verdict = { match: true };
const no: Verdict = { match: false };
/** Shared verdict objects: evaluation allocates nothing per clause on the hot path. */
const verdict = (match: boolean): Verdict => (match ? yes : no);
const lower = (s: string) => s.toLowerCase();

/** Evaluates one rule; pass an IssueView when many rules look at the same issue. */
export function evaluateJql(compiled: CompiledJql, issue: JiraIssueLike | IssueView, ctx?: JqlContext): Verdict {
  const view = issue instanceof IssueView ? issue : new IssueView(issue, ctx!);
  return compiled.where ? node(compiled.where, view) : yes;
}

function node(n: JqlNode, issue: IssueView): Verdict {
  if (n.kind === "clause") return clause(n, issue);
  let unknown: Verdict | null = null;
  for (const child of n.children) {
    const v = node(child, issue);
    if ("undecidable" in v) unknown ??= v;
    else if (v.match === (n.kind === "or")) return v; // AND stops at false, OR at true
  }
  return unknown ?? (n.kind === "and" ? yes : no);
}

function undecidable(c: JqlClause, why: string): Verdict {
  return { undecidable: `${c.text}: ${why}` };
}

const HISTORY = new Set(["was", "was not", "was in", "was not in", "changed", "not changed"]);

function clause(c: JqlClause, issue: IssueView): Verdict {
  const ctx = issue.ctx;
  if (HISTORY.has(c.operator)) return undecidable(c, "history operators need the issue's change history");
  const value = issue.field(c.field);
  if (value.kind === "unknown") return undecidable(c, value.reason);
  const op = c.operand;
  if (op.kind === "function") {
    if (op.name === "now" && value.kind === "date") return compare(c, value.date?.getTime() ?? null, ctx.now.getTime());
    return undecidable(c, `the function ${op.name}() is evaluated by Jira`);
  }
  if (op.kind === "empty" || c.operator === "is" || c.operator === "is not") {
    if (op.kind !== "empty") return undecidable(c, "IS takes EMPTY or NULL");
    const empty = isEmpty(value);
    return verdict(
      c.operator === "is" || c.operator === "="
        ? empty
        : c.operator === "is not" || c.operator === "!="
          ? !empty
          : false,
    );
  }
  switch (value.kind) {
    case "text":
      return text(c, issue.words(c.field, value.text), op.values);
    case "date":
      return dates(c, value.date, op.values, issue);
    case "number":
      return numbers(c, value.value, op.values);
    case "key":
      return keys(c, value, op.lower);
    case "named":
      return namedValues(c, value.values, op.lower, ctx);
  }
}

function isEmpty(v: FieldValue): boolean {
  switch (v.kind) {
    case "named":
      return v.values.length === 0;
    case "text":
      return v.text.trim() === "";
    case "date":
      return v.date === null;
    case "number":
      return v.value === null;
    default:
      return false;
  }
}

/** =, !=, IN, NOT IN on values with several names; != and NOT IN never match an empty field. */
function equality(operator: string, values: readonly Named[], wanted: readonly string[]): boolean | null {
  // Field names are lower-cased when read, operand values when compiled. Plain loops: this runs for
  // every clause of every rule on every event.
  let hit = false;
  for (let i = 0; i < values.length && !hit; i++) {
    const names = values[i]!;
    for (let j = 0; j < names.length && !hit; j++) hit = wanted.includes(names[j]!);
  }
  const emptyWanted = values.length === 0 && wanted.includes(EMPTY_MARK);
  switch (operator) {
    case "=":
    case "in":
      return hit || emptyWanted;
    case "!=":
    case "not in":
      return values.length > 0 && !hit;
    default:
      return null;
  }
}

function namedValues(c: JqlClause, values: readonly Named[], given: string[], ctx: JqlContext): Verdict {
  // "resolution = Unresolved" is Jira's name for an empty resolution.
  const wanted = c.field === "resolution" ? given.map((w) => (lower(w) === "unresolved" ? EMPTY_MARK : w)) : given;
  const eq = equality(c.operator, values, wanted);
  if (eq !== null) return verdict(eq);
  if (c.field === "priority" && ["<", ">", "<=", ">="].includes(c.operator)) {
    if (!ctx.priorities?.length) return undecidable(c, "ordering priorities needs the site's priority list");
    const rank = (name: string) => ctx.priorities!.findIndex((p) => lower(p) === lower(name));
    const mine = values[0] ? Math.max(...values[0].map(rank)) : -1;
    const theirs = rank(wanted[0] ?? "");
    if (mine < 0) return no;
    if (theirs < 0) return undecidable(c, `"${wanted[0]}" is not one of the site's priorities`);
    // Higher priority = earlier in the list: "priority > Medium" means more urgent than Medium.
    return compare(c, -mine, -theirs);
  }
  return undecidable(c, `the operator ${c.operator} is not decided locally for ${c.field}`);
}

function text(c: JqlClause, words: string[], wanted: string[]): Verdict {
  if (c.operator !== "~" && c.operator !== "!~")
    return undecidable(c, `Jira does not support ${c.operator} on text fields`);
  if (words.length === 0) return no;
  const result = textMatches(words, wanted[0] ?? "");
  if (result === "maybe")
    return undecidable(c, "text search uses Jira's stemming; only exact words are decided locally");
  return verdict(c.operator === "~" ? result : !result);
}

function compare(c: JqlClause, have: number | null, want: number): Verdict {
  if (have === null) return no;
  switch (c.operator) {
    case "=":
      return verdict(have === want);
    case "!=":
      return verdict(have !== want);
    case "<":
      return verdict(have < want);
    case ">":
      return verdict(have > want);
    case "<=":
      return verdict(have <= want);
    case ">=":
      return verdict(have >= want);
    default:
      return undecidable(c, `the operator ${c.operator} is not decided locally here`);
  }
}

function dates(c: JqlClause, date: Date | null, wanted: string[], issue: IssueView): Verdict {
  const points = wanted.map((w) => issue.date(w));
  if (points.some((p) => p === null)) return undecidable(c, `"${wanted.join(", ")}" is not a date Firewatch reads`);
  if (c.operator === "in" || c.operator === "not in") {
    const hit = date !== null && points.some((p) => p!.getTime() === date.getTime());
    return verdict(date !== null && (c.operator === "in" ? hit : !hit));
  }
  return compare(c, date?.getTime() ?? null, points[0]!.getTime());
}

function numbers(c: JqlClause, have: number | null, wanted: string[]): Verdict {
  const nums = wanted.map(Number);
  if (nums.some(Number.isNaN)) return undecidable(c, `"${wanted.join(", ")}" is not a number`);
  if (c.operator === "in" || c.operator === "not in")
    return verdict(have !== null && nums.includes(have) === (c.operator === "in"));
  return compare(c, have, nums[0]!);
}

/** Issue keys compare within a project by number: "key > CI-10" (https://support.atlassian.com/jira-software-cloud/docs/jql-fields/#Issue-key). */
function keys(c: JqlClause, issue: { key: string; id: string }, wanted: string[]): Verdict {
  const names: Named[] = [[issue.key.toLowerCase(), issue.id]];
  const eq = equality(c.operator, names, wanted);
  if (eq !== null) return verdict(eq);
  const [project, number] = issue.key.split("-");
  const [otherProject, other] = (wanted[0] ?? "").toUpperCase().split("-");
  if (!other || project !== otherProject) return no;
  return compare(c, Number(number), Number(other));
}
