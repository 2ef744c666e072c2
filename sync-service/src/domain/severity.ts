export const SEVERITIES = ["SEV1", "SEV2", "SEV3", "SEV4"] as const;
export type Severity = (typeof SEVERITIES)[number];

/** PagerDuty Events v2 `payload.severity` values, most to least severe. */
export const ALERT_SEVERITIES = ["critical", "error", "warning", "info"] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/** critical → SEV1 … info → SEV4, the mapping PagerDuty users expect from event severity to urgency. */
export function severityFromAlert(severity: AlertSeverity): Severity {
  return SEVERITIES[ALERT_SEVERITIES.indexOf(severity)] ?? "SEV4";
}

/** SEV1 → critical … SEV4 → info: the event severity an incident severity stands for (severityFromAlert's inverse). */
export function alertSeverityOf(severity: Severity): AlertSeverity {
  return ALERT_SEVERITIES[SEVERITIES.indexOf(severity)] ?? "info";
}

export function isMoreSevere(a: Severity, b: Severity): boolean {
  return SEVERITIES.indexOf(a) < SEVERITIES.indexOf(b);
}
