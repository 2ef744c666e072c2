import type { CompiledJql, JqlNode } from "./jql-compile.ts";
import { evaluateJql, IssueView, type JqlContext, type Verdict } from "./jql-evaluate.ts";
import type { JiraIssueLike } from "./jql-fields.ts";

/**
 * Many rules, evaluated against each issue event. Rules whose query requires `project = X` or
 * `project in (…)` at the top level are indexed by project, so an event only evaluates the rules
 * of its own project plus those that could match any project.
 */
interface Entry<Id> {
  readonly id: Id;
  readonly rule: CompiledJql;
  /** The evaluation that last looked at this rule, so a rule indexed under two names runs once. */
  seen: number;
}

export class CompiledRuleSet<Id> {
  private readonly byProject = new Map<string, Entry<Id>[]>();
  private readonly everywhere: Entry<Id>[] = [];
  private evaluation = 0;

  add(id: Id, rule: CompiledJql): void {
    const entry: Entry<Id> = { id, rule, seen: 0 };
    const projects = requiredProjects(rule);
    if (!projects) this.everywhere.push(entry);
    else for (const p of projects.map((x) => x.toLowerCase())) (this.byProject.get(p) ?? this.byProject.set(p, []).get(p)!).push(entry);
  }

  /**
   * The rules that match `issue` or cannot be decided locally; every rule left out does not match
   * (including indexed rules of other projects, which cannot).
   */
  evaluate(issue: JiraIssueLike, ctx: JqlContext): { id: Id; verdict: Verdict }[] {
    const view = new IssueView(issue, ctx);
    const project = issue.fields?.project as { key?: string; id?: string; name?: string } | undefined;
    const keys = [project?.key, project?.id, project?.name].filter((k): k is string => Boolean(k)).map((k) => k.toLowerCase());
    const stamp = ++this.evaluation;
    const results: { id: Id; verdict: Verdict }[] = [];
    for (const list of [this.everywhere, ...keys.map((k) => this.byProject.get(k) ?? [])]) {
      for (const entry of list) {
        if (entry.seen === stamp) continue;
        entry.seen = stamp;
        const verdict = evaluateJql(entry.rule, view);
        if (!("match" in verdict) || verdict.match) results.push({ id: entry.id, verdict });
      }
    }
    return results;
  }
}

/** The projects (lower-cased) a query is limited to, when one of its top-level AND clauses says so; else null. */
export function requiredProjects(rule: CompiledJql): string[] | null {
  const node: JqlNode | null = rule.where;
  if (!node) return null;
  const clauses = node.kind === "and" ? node.children : [node];
  for (const c of clauses) {
    if (c.kind === "clause" && c.field === "project" && (c.operator === "=" || c.operator === "in") && c.operand.kind === "values") {
      return c.operand.values;
    }
  }
  return null;
}
