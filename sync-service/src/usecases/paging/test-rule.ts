// Trying an escalation rule's JQL out: would it fire for one issue, which issues of the last week would it have
// fired for (whether it parses at all: check-jql.ts). Jira is read synchronously here (a read, on an operator's request); what
// cannot be decided locally goes to Jira's POST /rest/api/3/jql/match, as when rules run for real
// (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-jql-match-post).
import type { Clock } from "../../domain/clock.ts";
import { DAY_MS } from "../../domain/clock.ts";
import {
  compileJql,
  evaluateJql,
  requiredProjects,
  type CompiledJql,
  type JiraIssueLike,
} from "../../domain/jql/index.ts";
import type { TicketPort } from "../../ports/ticket-port.ts";
import type { UnitOfWork } from "../../ports/unit-of-work.ts";
import { isOwnIssue, labelledOwn } from "./evaluate-issue-event.ts";
import {
  IssueHiddenUseCaseError,
  readJira,
  JqlRejectedUseCaseError,
  TicketsUnavailableUseCaseError,
} from "./test-rule-errors.ts";

export interface RuleTestDeps {
  readonly tickets: TicketPort;
  readonly clock: Clock;
  readonly uow: UnitOfWork;
  /** The tenant whose site `tickets` reaches. */
  readonly tenantId: string;
  /** Of these issue ids, those the caller may see; absent when the caller sees what Firewatch's account sees. */
  readonly visibleTo?: (issueIds: readonly string[]) => Promise<ReadonlySet<string>>;
}

export interface IssueVerdict {
  readonly issueKey: string;
  readonly summary: string;
  readonly wouldFire: boolean;
  /** "firewatch" when decided locally, "jira" when Jira's jql/match had to answer. */
  readonly decidedBy: "firewatch" | "jira";
}

export interface BackTest {
  readonly since: string;
  readonly examined: number;
  readonly wouldFire: number;
  readonly issues: readonly { key: string; summary: string; wouldFire: boolean; decidedBy: "firewatch" | "jira" }[];
}

export const BACK_TEST_DAYS = 7;
const BACK_TEST_MAX = 100;

type RawIssue = JiraIssueLike & { id: string; key: string; fields?: Record<string, unknown> };

/** @throws InvalidJqlDomainError, IssueNotFoundUseCaseError, IssueHiddenUseCaseError, TicketsUnavailableUseCaseError */
export async function testRuleOnIssue(deps: RuleTestDeps, jql: string, issueKey: string): Promise<IssueVerdict> {
  const compiled = compileJql(jql);
  const issue = await readJira(async () => {
    // The search gives the issue in the shape JQL is evaluated on; `get` first, so an unknown key is a 404
    // (Jira answers a search for an unknown key with a 400).
    const found = await deps.tickets.get(issueKey);
    if (deps.visibleTo && !(await deps.visibleTo([found.id])).has(found.id))
      throw new IssueHiddenUseCaseError(issueKey);
    return (await deps.tickets.search(`id = ${found.id}`, 1, [found.id]))[0] as RawIssue | undefined;
  }, issueKey);
  if (!issue)
    throw new TicketsUnavailableUseCaseError(
      "JIRA.NOT_INDEXED",
      `Jira's search does not show ${issueKey} yet; try again in a moment.`,
    );
  const { wouldFire, decidedBy } = await verdict(deps, compiled, issue);
  return { issueKey: issue.key, summary: String(issue.fields?.summary ?? ""), wouldFire, decidedBy };
}

/**
 * The issues updated in the last 7 days (at most 100, latest first) and whether the rule would fire for each;
 * only those the caller may see, when `visibleTo` says.
 * With projects the search is `project in (…) ORDER BY updated DESC` and the 7 days are applied here: the same
 * first 100 issues as `… AND updated >= -7d`, measured on Firewatch's clock (the Jira emulator also knows no
 * `updated` clause). Without projects Jira needs the time bound itself (it refuses unbounded JQL).
 * @throws InvalidJqlDomainError, TicketsUnavailableUseCaseError
 */
export async function backTestRule(deps: RuleTestDeps, jql: string): Promise<BackTest> {
  const compiled = compileJql(jql);
  const since = new Date(deps.clock.now().getTime() - BACK_TEST_DAYS * DAY_MS);
  const projects = requiredProjects(compiled);
  const query = projects
    ? `project in (${projects.map((p) => JSON.stringify(p)).join(", ")}) ORDER BY updated DESC`
    : `updated >= -${BACK_TEST_DAYS}d ORDER BY updated DESC`;
  const found = (await readJira(() => deps.tickets.search(query, BACK_TEST_MAX))) as RawIssue[];
  const seen = deps.visibleTo ? await readJira(() => deps.visibleTo!(found.map((issue) => String(issue.id)))) : null;
  const recent = found.filter((issue) => updatedAt(issue) >= since.getTime() && (!seen || seen.has(String(issue.id))));
  const issues = [];
  for (const issue of recent) {
    issues.push({
      key: issue.key,
      summary: String(issue.fields?.summary ?? ""),
      ...(await verdict(deps, compiled, issue)),
    });
  }
  return {
    since: since.toISOString(),
    examined: issues.length,
    wouldFire: issues.filter((i) => i.wouldFire).length,
    issues,
  };
}

async function verdict(
  deps: RuleTestDeps,
  compiled: CompiledJql,
  issue: RawIssue,
): Promise<Pick<IssueVerdict, "wouldFire" | "decidedBy">> {
  const ownIssue = { wouldFire: false, decidedBy: "firewatch" } as const;
  if (labelledOwn(issue)) return ownIssue;
  const local = evaluateJql(compiled, issue, { now: deps.clock.now(), timeZone: "UTC" });
  let result: Pick<IssueVerdict, "wouldFire" | "decidedBy">;
  if ("match" in local) result = { wouldFire: local.match, decidedBy: "firewatch" };
  else {
    const [answer] = await readJira(() => deps.tickets.matchJql(String(issue.id), [compiled.jql]));
    if (answer && answer.errors.length > 0) throw new JqlRejectedUseCaseError(answer.errors);
    result = { wouldFire: answer?.matched === true, decidedBy: "jira" };
  }
  // The action items are asked only about issues the rule would fire for.
  return result.wouldFire && (await isOwnIssue(deps.uow, deps.tenantId, issue)) ? ownIssue : result;
}

/** Jira's `updated` ("2026-03-02T10:00:00.000+0000"); an issue without one counts as recent. */
function updatedAt(issue: RawIssue): number {
  const value = Date.parse(String(issue.fields?.updated ?? ""));
  return Number.isNaN(value) ? Number.POSITIVE_INFINITY : value;
}
