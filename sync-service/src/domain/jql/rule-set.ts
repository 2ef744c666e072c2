import { EMPTY_MARK, type CompiledJql, type JqlNode } from "./jql-compile.ts";
import { evaluateJql, type Verdict } from "./jql-evaluate.ts";
import { IssueView, type JqlContext } from "./jql-issue-view.ts";
import { namedFieldOf, type FieldValue, type JiraIssueLike } from "./jql-fields.ts";

/**
 * Many rules, evaluated against each issue event. Most rules require some value of the issue
 * (`project = CI AND labels = build-failed …` cannot match without the label build-failed), so each
 * rule is indexed under the values one of its required clauses names, and an event evaluates only the
 * rules indexed under a value the issue has, plus those with no such clause. As in a search engine's
 * percolator: the index only decides which rules to look at, never a verdict.
 */
interface Entry<Id> {
  readonly id: Id;
  readonly rule: CompiledJql;
  /** The evaluation that last looked at this rule, so a rule indexed under several values runs once. */
  seen: number;
}

/** A rule's verdict, or why evaluating it threw: such a rule matches nothing, and the others go on. */
export type RuleVerdict = Verdict | { readonly failed: string };

/** The issue must have one of these values (`field` canonical, `value` lower-cased) for the rule to match. */
type Requirement = { readonly field: string; readonly values: readonly string[] };

// Which required clause to index a rule under when it has several: the one that rules out most issues.
// Labels and components say more about an issue than its project; its project more than its type,
// priority or status, which most issues share with many others.
const SELECTIVITY: Record<string, number> = {
  labels: 0,
  components: 0,
  fixVersions: 0,
  versions: 0,
  assignee: 1,
  reporter: 1,
  creator: 1,
  project: 2,
  issuetype: 3,
  priority: 3,
  status: 3,
  statusCategory: 4,
};

export class CompiledRuleSet<Id> {
  /** `field \0 value` → the rules indexed under it. */
  private readonly index = new Map<string, Entry<Id>[]>();
  /** The (canonical) fields some rule is indexed under. */
  private readonly indexedFields = new Set<string>();
  private readonly everywhere: Entry<Id>[] = [];
  private evaluation = 0;
  /** How many rules the last evaluation looked at (the rest the index ruled out). */
  lastEvaluated = 0;

  add(id: Id, rule: CompiledJql): void {
    const entry: Entry<Id> = { id, rule, seen: 0 };
    const required = rule.where ? requirement(rule.where) : null;
    if (!required) return void this.everywhere.push(entry);
    for (const { field, values } of required) {
      this.indexedFields.add(field);
      for (const value of values) {
        const key = `${field}\u0000${value}`;
        (this.index.get(key) ?? this.index.set(key, []).get(key)!).push(entry);
      }
    }
  }

  /**
   * The rules that match `issue`, cannot be decided locally, or failed; every rule left out does not match
   * (none of the values one of its required clauses names is the issue's). Never throws.
   */
  evaluate(issue: JiraIssueLike, ctx: JqlContext): { id: Id; verdict: RuleVerdict }[] {
    const view = new IssueView(issue, ctx);
    const stamp = ++this.evaluation;
    const results: { id: Id; verdict: RuleVerdict }[] = [];
    let looked = 0;
    const run = (list: readonly Entry<Id>[]) => {
      for (const entry of list) {
        if (entry.seen === stamp) continue;
        entry.seen = stamp;
        looked++;
        const verdict = safely(entry.rule, view);
        if (!("match" in verdict) || verdict.match) results.push({ id: entry.id, verdict });
      }
    };
    run(this.everywhere);
    for (const field of this.indexedFields) {
      const value = safeField(view, field);
      if (value.kind !== "named") continue;
      for (const names of value.values) for (const name of names) run(this.index.get(`${field}\u0000${name}`) ?? []);
    }
    this.lastEvaluated = looked;
    return results;
  }
}

/** An issue field the index reads; one it cannot read holds no value (the rules under it then look no further). */
function safeField(view: IssueView, field: string): FieldValue {
  try {
    return view.field(field);
  } catch {
    return { kind: "unknown", reason: "unreadable" };
  }
}

/** One rule's verdict; a rule that throws (however its JQL got stored) fails alone, not the whole event. */
function safely(rule: CompiledJql, view: IssueView): RuleVerdict {
  try {
    return evaluateJql(rule, view);
  } catch (error) {
    return { failed: error instanceof Error ? `${error.name}: ${error.message}` : String(error) };
  }
}

/**
 * What the issue must have for `node` to match, as alternatives: each requirement is one field and the
 * values it may have; the node can only match when the issue meets at least one of them. Null when
 * nothing is required (a NOT, an EMPTY, a function, a text search, a field that is not named values).
 * Only `=` and `IN` on named values qualify: the evaluator decides them from the issue alone, exactly by
 * whether one of the issue's names is among the values, so the index and the evaluator agree.
 */
function requirement(node: JqlNode): Requirement[] | null {
  if (node.kind === "clause") {
    const field = namedFieldOf(node.field);
    // resolution = Unresolved means an empty resolution: left to the evaluator.
    if (!field || field === "resolution" || (node.operator !== "=" && node.operator !== "in")) return null;
    if (node.operand.kind !== "values" || node.operand.lower.includes(EMPTY_MARK) || node.operand.lower.length === 0)
      return null;
    return [{ field, values: node.operand.lower }];
  }
  if (node.kind === "or") {
    // Every branch must require something: then the issue meets one of their requirements.
    const all: Requirement[] = [];
    for (const child of node.children) {
      const r = requirement(child);
      if (!r) return null;
      all.push(...r);
    }
    return all;
  }
  // AND: any one child's requirement holds for the whole; take the most selective.
  let best: Requirement[] | null = null;
  for (const child of node.children) {
    const r = requirement(child);
    if (r && (!best || cost(r) < cost(best))) best = r;
  }
  return best;
}

/** How many issues a requirement lets through, roughly: the least selective field, then how many values. */
function cost(r: readonly Requirement[]): number {
  return Math.max(...r.map((x) => SELECTIVITY[x.field] ?? 5)) * 1_000 + r.reduce((n, x) => n + x.values.length, 0);
}

/** The projects (lower-cased) a query is limited to, when one of its top-level AND clauses says so; else null. */
export function requiredProjects(rule: CompiledJql): string[] | null {
  const node: JqlNode | null = rule.where;
  if (!node) return null;
  const clauses = node.kind === "and" ? node.children : [node];
  for (const c of clauses) {
    if (
      c.kind === "clause" &&
      c.field === "project" &&
      (c.operator === "=" || c.operator === "in") &&
      c.operand.kind === "values"
    ) {
      return c.operand.values;
    }
  }
  return null;
}
