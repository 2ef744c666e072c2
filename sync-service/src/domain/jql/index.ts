export { compileJql, InvalidJqlDomainError, type CompiledJql, type JqlNode } from "./jql-compile.ts";
export { evaluateJql, type Verdict } from "./jql-evaluate.ts";
export { IssueView, type JqlContext } from "./jql-issue-view.ts";
export type { JiraIssueLike } from "./jql-fields.ts";
export { CompiledRuleSet, requiredProjects, type RuleVerdict } from "./rule-set.ts";
