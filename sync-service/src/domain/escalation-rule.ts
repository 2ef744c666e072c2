import type { AlertSeverity, Severity } from "./severity.ts";

/** A JQL rule that opens an incident when a Jira issue enters its result set (state-based, not per update). */
export interface EscalationRule {
  readonly id: string;
  readonly tenantId: string;
  readonly name: string;
  readonly jql: string;
  readonly serviceId: string;
  /** The incident's severity; the service's default when null. */
  readonly severity: Severity | null;
  readonly enabled: boolean;
  /** Resolve the rule's alert when the issue leaves the result set. */
  readonly autoResolve: boolean;
  /** More than `maxFires` firings within `windowMinutes` disables the rule (as PagerDuty does for noisy rules). */
  readonly maxFires: number;
  readonly windowMinutes: number;
  readonly disabledReason: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** The label on the Jira issue Firewatch creates for an incident. */
export const INCIDENT_ISSUE_LABEL = "firewatch-incident";
/** The label on the Jira issue Firewatch creates for a postmortem's action item. */
export const ACTION_ITEM_ISSUE_LABEL = "firewatch-action-item";

/**
 * Rules never fire on the issues Firewatch files itself: an incident's issue would open another incident
 * for the same outage, and an action item (backlog work) would page the on-call person.
 */
export function isFirewatchIssue(labels: readonly string[]): boolean {
  return labels.includes(INCIDENT_ISSUE_LABEL) || labels.includes(ACTION_ITEM_ISSUE_LABEL);
}

/** What a new evaluation means for one issue: it entered the result set, left it, or neither. */
export function ruleTransition(wasMatching: boolean, matches: boolean): "entered" | "left" | null {
  if (matches === wasMatching) return null;
  return matches ? "entered" : "left";
}

/** The alert key that ties a rule's incident to one issue: one incident per rule and issue while open. */
export function ruleAlertKey(ruleId: string, issueId: string): string {
  return `rule:${ruleId}:${issueId}`;
}

/** @returns the reason to disable the rule if one more firing would exceed its limit, else null */
export function firingLimitReason(
  rule: Pick<EscalationRule, "maxFires" | "windowMinutes">,
  firedInWindow: number,
): string | null {
  return firedInWindow >= rule.maxFires
    ? `fired more than ${rule.maxFires} times in ${rule.windowMinutes} minutes; check its JQL, then enable it again`
    : null;
}

const ALERT_SEVERITY: Record<Severity, AlertSeverity> = {
  SEV1: "critical",
  SEV2: "error",
  SEV3: "warning",
  SEV4: "info",
};

export function alertSeverityFor(severity: Severity): AlertSeverity {
  return ALERT_SEVERITY[severity];
}
