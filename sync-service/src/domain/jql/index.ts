export { compileJql, InvalidJqlDomainError, type CompiledJql, type JqlNode } from "./jql-compile.ts";
export { evaluateJql, type JqlContext, type Verdict } from "./jql-evaluate.ts";
export type { JiraIssueLike } from "./jql-fields.ts";
