export { compileJql, InvalidJqlDomainError, type CompiledJql, type JqlNode } from "./jql-compile.ts";
export { evaluateJql, IssueView, type JqlContext, type Verdict } from "./jql-evaluate.ts";
export type { JiraIssueLike } from "./jql-fields.ts";
export { CompiledRuleSet, requiredProjects, type RuleVerdict } from "./rule-set.ts";
