import type { CompiledJql, JqlNode } from "./jql-compile.ts";
import { evaluateJql, IssueView, type JqlContext, type Verdict } from "./jql-evaluate.ts";
import type { JiraIssueLike } from "./jql-fields.ts";

/**
 * Many rules, evaluated against each issue event. Rules whose query requires `project = X` or
 * `project in (…)` at the top level are indexed by project, so an event only evaluates the rules
 * of its own project plus those that could match any project.
 */
export class CompiledRuleSet<Id> {
  private readonly byProject = new Map<string, { id: Id; rule: CompiledJql }[]>();
  private readonly everywhere: { id: Id; rule: CompiledJql }[] = [];

  add(id: Id, rule: CompiledJql): void {
    const projects = requiredProjects(rule);
    if (!projects) this.everywhere.push({ id, rule });
    else for (const p of projects.map((x) => x.toLowerCase())) (this.byProject.get(p) ?? this.byProject.set(p, []).get(p)!).push({ id, rule });
  }

  /** Every rule's verdict on `issue`, leaving out indexed rules of other projects (they cannot match). */
  evaluate(issue: JiraIssueLike, ctx: JqlContext): { id: Id; verdict: Verdict }[] {
    const view = new IssueView(issue, ctx);
    const project = issue.fields?.project as { key?: string; id?: string; name?: string } | undefined;
    const keys = [project?.key, project?.id, project?.name].filter((k): k is string => Boolean(k)).map((k) => k.toLowerCase());
    const seen = new Set<Id>();
    const results: { id: Id; verdict: Verdict }[] = [];
    for (const list of [this.everywhere, ...keys.map((k) => this.byProject.get(k) ?? [])]) {
      for (const { id, rule } of list) {
        if (seen.has(id)) continue;
        seen.add(id);
        results.push({ id, verdict: evaluateJql(rule, view) });
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
