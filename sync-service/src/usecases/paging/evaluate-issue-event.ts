import { randomUUID } from "node:crypto";
import type { AlertEvent } from "../../domain/alert.ts";
import {
  alertSeverityFor,
  firingLimitReason,
  isFirewatchIssue,
  ruleAlertKey,
  ruleTransition,
  type EscalationRule,
} from "../../domain/escalation-rule.ts";
import type { JiraIssueLike } from "../../domain/jql/index.ts";
import type { AlertIntakeUnitOfWork, UnitOfWork } from "../../ports/unit-of-work.ts";
import { addLink } from "../tickets/ticket-deps.ts";
import { applyAlertEvent } from "../alerts/ingest-alert-event.ts";
import { callTracker, type TicketDeps } from "../tickets/ticket-deps.ts";
import { disableFailedRules, type EnabledRulesCache, type FailedRule, type TenantRules } from "./enabled-rules.ts";

export { EnabledRulesCache } from "./enabled-rules.ts";

export interface RuleDeps extends TicketDeps {
  readonly intake: AlertIntakeUnitOfWork;
  /** The time zone JQL dates are read in (Jira reads them in the searching user's zone). */
  readonly jqlTimeZone: string;
  readonly enabledRules: EnabledRulesCache;
}

export interface RuleFired {
  readonly ruleId: string;
  readonly transition: "entered" | "left" | "disabled";
  readonly incidentId: string | null;
}

/**
 * Evaluates every enabled rule against a created or updated issue. Entering a rule's result set opens
 * (or joins) an incident on the rule's service with alert key rule:<rule>:<issue> and links the issue;
 * leaving it resolves that alert when the rule says so. What cannot be decided locally is asked of
 * Jira's /rest/api/3/jql/match, never guessed. Idempotent: a re-run after a crash finds the open alert.
 * A rule that cannot be evaluated is disabled with the reason; the others are evaluated as usual.
 */
export async function evaluateIssueEvent(
  deps: RuleDeps,
  tenantId: string,
  issue: JiraIssueLike,
  deleted = false,
): Promise<RuleFired[]> {
  const issueId = String(issue.id);
  if (labelledOwn(issue)) return [];
  // Only the rules of the tenant whose site the issue is on: issue ids repeat across sites.
  const rules = await deps.enabledRules.of(deps.uow, tenantId);
  const matching = await deps.uow.run((tx) => tx.rules.matchingFor(issueId));
  const { results, failed } = deleted
    ? { results: rules.rules.map((r) => ({ rule: r, matches: false })), failed: [] }
    : await decide(deps, tenantId, rules, issue);
  const disabled = await disableFailedRules(deps, [...rules.failed, ...failed]);
  const fired: RuleFired[] = disabled.map((ruleId) => ({ ruleId, transition: "disabled", incidentId: null }));
  const changes = results.map(({ rule, matches }) => ({
    rule,
    transition: ruleTransition(matching.has(rule.id), matches),
  }));
  // The action items are asked only when a rule would fire, not on every issue event.
  if (changes.some((c) => c.transition === "entered") && (await isOwnIssue(deps.uow, tenantId, issue))) return fired;
  for (const { rule, transition } of changes) {
    if (transition === "entered") fired.push(await enter(deps, rule, issue));
    else if (transition === "left") fired.push(await leave(deps, rule, issue));
  }
  return fired;
}

/**
 * Whether Firewatch filed this issue itself (an incident's issue, an action item's), which rules never fire
 * on: by its label, which it carries from the create request on, or, should someone remove the label, by
 * the action item that owns it.
 */
export async function isOwnIssue(uow: UnitOfWork, tenantId: string, issue: JiraIssueLike): Promise<boolean> {
  return (
    labelledOwn(issue) || (await uow.run((tx) => tx.postmortems.itemsByIssueId(tenantId, String(issue.id)))).length > 0
  );
}

/** Firewatch's own issue by its label alone: free, so checked before any work; `isOwnIssue` also asks the action items. */
export function labelledOwn(issue: JiraIssueLike): boolean {
  return isFirewatchIssue((issue.fields?.labels as string[] | undefined) ?? []);
}

/** Each rule's verdict on the issue, and the rules whose evaluation threw (left out of the verdicts: unknown is not "left"). */
async function decide(deps: RuleDeps, tenantId: string, { rules, set }: TenantRules, issue: JiraIssueLike) {
  const verdicts = set.evaluate(issue, { now: deps.clock.now(), timeZone: deps.jqlTimeZone });
  const failed: FailedRule[] = verdicts.flatMap((v) =>
    "failed" in v.verdict ? [{ rule: v.id, reason: `evaluating its JQL failed: ${v.verdict.failed}` }] : [],
  );
  const undecided = verdicts.filter((v) => "undecidable" in v.verdict).map((v) => v.id);
  const remote = undecided.length
    ? await callTracker(deps, tenantId, (jira) =>
        jira.matchJql(
          String(issue.id),
          undecided.map((r) => r.jql),
        ),
      )
    : [];
  // A query Jira could not evaluate is a broken rule (shown with its reason), never a silent "no match".
  undecided.forEach((rule, i) => {
    const errors = remote[i]?.errors ?? [];
    if (errors.length > 0) failed.push({ rule, reason: `Jira could not evaluate its JQL: ${errors.join("; ")}` });
  });
  const evaluated = new Map(
    verdicts.map((v) => [
      v.id,
      "match" in v.verdict ? v.verdict.match : remote[undecided.indexOf(v.id)]?.matched === true,
    ]),
  );
  const broken = new Set(failed.map((f) => f.rule));
  // Rules left out by the index cannot match this issue.
  return {
    results: rules.filter((rule) => !broken.has(rule)).map((rule) => ({ rule, matches: evaluated.get(rule) ?? false })),
    failed,
  };
}

async function enter(deps: RuleDeps, rule: EscalationRule, issue: JiraIssueLike): Promise<RuleFired> {
  const issueId = String(issue.id);
  const now = deps.clock.now();
  const since = new Date(now.getTime() - rule.windowMinutes * 60_000);
  const limited = await deps.uow.run(async (tx) => {
    const current = await tx.rules.lockForFiring(rule.tenantId, rule.id);
    // Disabled (its limit reached by an issue handled meanwhile) or deleted since the rules were read.
    if (!current?.enabled) return true;
    const reason = firingLimitReason(current, await tx.rules.firingsSince(rule.id, since));
    if (reason) {
      await tx.rules.update({ ...current, enabled: false, disabledReason: reason, updatedAt: now });
      return true;
    }
    await tx.rules.recordFiring(rule.id, issueId, now);
    return false;
  });
  if (limited) return { ruleId: rule.id, transition: "disabled", incidentId: null };
  const service = (await deps.uow.run((tx) => tx.services.get(rule.serviceId)))!;
  const fields = issue.fields ?? {};
  const outcome = await deps.intake.run((tx) =>
    applyAlertEvent(
      tx,
      now,
      service.integrationKey,
      ruleEvent(rule, issue, "trigger", alertSeverityFor(rule.severity ?? service.defaultSeverity), now),
    ),
  );
  await deps.uow.run(async (tx) => {
    const links = await tx.links.listOf(outcome.incidentId!);
    if (!links.some((l) => l.state !== "dropped" && (l.issueId === issueId || l.issueKey === issue.key))) {
      const key = String(issue.key);
      // With its id at once: the issue's next changes (a comment a second later) reach the incident while Jira is
      // still being asked for the rest.
      await addLink(tx, {
        incidentId: outcome.incidentId!,
        kind: "linked",
        isOrigin: !links.some((l) => l.isOrigin),
        issueId,
        issueKey: key,
        projectKey: fields.project?.key ?? key.split("-")[0],
      });
    }
    await tx.rules.setMatching(rule.id, issueId, true, now);
  });
  return { ruleId: rule.id, transition: "entered", incidentId: outcome.incidentId };
}

async function leave(deps: RuleDeps, rule: EscalationRule, issue: JiraIssueLike): Promise<RuleFired> {
  const now = deps.clock.now();
  let incidentId: string | null = null;
  if (rule.autoResolve) {
    const service = (await deps.uow.run((tx) => tx.services.get(rule.serviceId)))!;
    incidentId = (
      await deps.intake.run((tx) =>
        applyAlertEvent(tx, now, service.integrationKey, ruleEvent(rule, issue, "resolve", "info", now)),
      )
    ).incidentId;
  }
  await deps.uow.run((tx) => tx.rules.setMatching(rule.id, String(issue.id), false, now));
  return { ruleId: rule.id, transition: "left", incidentId };
}

function ruleEvent(
  rule: EscalationRule,
  issue: JiraIssueLike,
  action: "trigger" | "resolve",
  severity: AlertEvent["severity"],
  now: Date,
): AlertEvent {
  const summary = String(issue.fields?.summary ?? "");
  return {
    origin: "jira",
    eventId: randomUUID(),
    action,
    dedupKey: ruleAlertKey(rule.id, String(issue.id)),
    summary: `${issue.key}: ${summary}`.slice(0, 1024),
    source: `rule "${rule.name}"`,
    severity,
    occurredAt: now,
    details: { ruleId: rule.id, ruleName: rule.name, jql: rule.jql, issueKey: issue.key, issueId: String(issue.id) },
  };
}
