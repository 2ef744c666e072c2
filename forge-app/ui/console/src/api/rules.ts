// The escalation-rule API as the console uses it (sync-service/src/web/routes/escalation-rules-router.ts); the
// shapes are the service's own (sync-service/src/web/api-types.ts), imported as types only.
import type { IssueVerdict } from "../../../../../sync-service/src/web/api-types.ts";

export type {
  BackTest,
  CreateRuleBody,
  EscalationRule,
  IssueVerdict,
  JqlCheck,
  TestDraftBody,
  TestRuleBody,
  UpdateRuleBody,
} from "../../../../../sync-service/src/web/api-types.ts";
export type DecidedBy = IssueVerdict["decidedBy"];

export const RULES_PATH = "/api/escalation-rules";
export const rulePath = (id: string) => `${RULES_PATH}/${encodeURIComponent(id)}`;
/** A saved rule is tested by id; JQL being edited (or a new rule) through POST /test with the JQL. */
export const testPath = (ruleId: string | null) => (ruleId ? `${rulePath(ruleId)}/test` : `${RULES_PATH}/test`);
export const DECIDED_BY: Record<DecidedBy, string> = { firewatch: "Firewatch", jira: "Jira (jql/match)" };
