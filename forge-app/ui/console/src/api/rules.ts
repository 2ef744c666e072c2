// Shapes of the escalation-rule API as the console reads them (sync-service/src/web/routes/escalation-rules-router.ts).

export interface EscalationRule {
  readonly id: string;
  readonly name: string;
  readonly jql: string;
  readonly serviceId: string;
  /** null: the service's default severity. */
  readonly severity: string | null;
  readonly enabled: boolean;
  readonly disabledReason: string | null;
  readonly autoResolve: boolean;
  readonly maxFires: number;
  readonly windowMinutes: number;
  readonly updatedAt: string;
}

export interface RuleBody {
  name: string;
  jql: string;
  serviceId: string;
  severity: string | null;
  enabled: boolean;
  autoResolve: boolean;
  maxFires: number;
  windowMinutes: number;
}

/** POST /api/escalation-rules/validate */
export type JqlCheck =
  | { readonly valid: true; readonly projects: string[] | null }
  | {
      readonly valid: false;
      readonly error: { readonly message: string; readonly line: number | null; readonly column: number | null };
    };

export type DecidedBy = "firewatch" | "jira";

/** POST …/test with an issue key. */
export interface IssueVerdict {
  readonly issueKey: string;
  readonly summary: string;
  readonly wouldFire: boolean;
  readonly decidedBy: DecidedBy;
}

/** POST …/test without an issue key: the issues updated since `since`. */
export interface BackTest {
  readonly rule: string | null;
  readonly since: string;
  readonly examined: number;
  readonly wouldFire: number;
  readonly issues: { key: string; summary: string; wouldFire: boolean; decidedBy: DecidedBy }[];
}

export const RULES_PATH = "/api/escalation-rules";
export const rulePath = (id: string) => `${RULES_PATH}/${encodeURIComponent(id)}`;
/** A saved rule is tested by id; JQL being edited (or a new rule) through POST /test with the JQL. */
export const testPath = (ruleId: string | null) => (ruleId ? `${rulePath(ruleId)}/test` : `${RULES_PATH}/test`);
export const DECIDED_BY: Record<DecidedBy, string> = { firewatch: "Firewatch", jira: "Jira (jql/match)" };
