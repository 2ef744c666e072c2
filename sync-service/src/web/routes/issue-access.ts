// What a person who came through the Forge app may see of their Jira. Firewatch reads Jira as the app, which
// sees every project; so each route that shows or acts on an issue for such a person first asks Jira, as
// the app, whether that person's account may browse it (POST /rest/api/3/permissions/check with their
// accountId: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/#api-rest-api-3-permissions-check-post),
// remembered for a minute. API-token users of the standalone tenant see what Firewatch's Jira account sees.
import type { Principal } from "../../domain/principal.ts";
import { TicketNotFoundError } from "../../ports/integration-errors.ts";
import { findIncident } from "../../usecases/shared/find-incident.ts";
import { browsableIssueIds, createsIssuesIn } from "../../usecases/tickets/tracker-admin.ts";
import { IssueHiddenUseCaseError, IssueNotFoundUseCaseError } from "../../usecases/paging/test-rule-errors.ts";
import type { WebContext } from "../context.ts";
import { ForbiddenWebError } from "../errors.ts";

/** A filter to the issue ids the caller may browse; undefined when the caller sees what Firewatch sees. */
export function browseFilterOf(
  ctx: WebContext,
  principal: Principal,
): ((issueIds: readonly string[]) => Promise<ReadonlySet<string>>) | undefined {
  const accountId = principal.trackerAccountId;
  if (!accountId) return undefined;
  return (issueIds) => browsableIssueIds(ctx, principal.tenantId, accountId, issueIds);
}

/**
 * Refuses an issue (by key) that the caller may not browse.
 * @throws IssueNotFoundUseCaseError for an issue that does not exist; IssueHiddenUseCaseError
 */
export async function requireBrowsableIssue(ctx: WebContext, principal: Principal, issueKey: string): Promise<void> {
  const visible = browseFilterOf(ctx, principal);
  if (!visible) return;
  let issueId: string;
  try {
    issueId = (await (await ctx.tickets.forTenant(principal.tenantId)).get(issueKey)).id;
  } catch (error) {
    if (error instanceof TicketNotFoundError) throw new IssueNotFoundUseCaseError(issueKey);
    throw error;
  }
  if (!(await visible([issueId])).has(issueId)) throw new IssueHiddenUseCaseError(issueKey);
}

/**
 * Refuses an incident's details (detail, timeline, linked issues) to a caller who may not browse one of
 * its linked Jira issues: the timeline carries the issue's comments and changes, the incident often its
 * summary as title. Refused whole rather than trimmed: what is left would still say what happened.
 * @throws NotFoundUseCaseError for an unknown incident; ForbiddenWebError (ISSUE.BROWSE_REQUIRED)
 */
export async function requireBrowsableIncident(ctx: WebContext, principal: Principal, ref: string): Promise<void> {
  const visible = browseFilterOf(ctx, principal);
  if (!visible) return;
  const links = await ctx.uow.run(async (tx) => tx.links.listOf((await findIncident(tx, principal.tenantId, ref)).id));
  const ids = links.map((l) => l.issueId).filter((id): id is string => id !== null);
  if (!ids.length) return;
  const seen = await visible(ids);
  if (ids.some((id) => !seen.has(id))) {
    throw new ForbiddenWebError(
      "ISSUE.BROWSE_REQUIRED",
      "This incident is linked to a Jira issue you do not have permission to see; ask a Jira administrator for access to its project.",
    );
  }
}

/**
 * Refuses a request that would make Firewatch create a Jira issue (as the app) in a project where the caller may
 * not create issues (Jira's Create issues). Nothing to check for API-token users of the standalone tenant.
 * @throws ForbiddenWebError (ISSUE.CREATE_REQUIRED)
 */
export async function requireIssueCreation(ctx: WebContext, principal: Principal, projectKey: string): Promise<void> {
  const accountId = principal.trackerAccountId;
  if (!accountId || (await createsIssuesIn(ctx, principal.tenantId, accountId, projectKey))) return;
  throw new ForbiddenWebError(
    "ISSUE.CREATE_REQUIRED",
    `You do not have permission to create issues in the Jira project ${projectKey}; ask a Jira administrator for "Create issues" there, or choose another project.`,
  );
}

/**
 * Of these incidents, the ones the caller may see in lists: those whose every linked Jira issue they may browse
 * (the same rule as `requireBrowsableIncident`, asked in one go). All of them for callers who see what Firewatch sees.
 * While Jira cannot be asked, the list still answers, without the incidents linked to an issue (nothing is granted
 * on a failed question, and the next list asks again).
 */
export async function visibleIncidents<T extends { readonly id: string }>(
  ctx: WebContext,
  principal: Principal,
  incidents: readonly T[],
): Promise<T[]> {
  const visible = browseFilterOf(ctx, principal);
  if (!visible || incidents.length === 0) return [...incidents];
  const issueIds = await ctx.uow.run((tx) => tx.links.issueIdsOf(incidents.map((i) => i.id)));
  const linked = [...new Set([...issueIds.values()].flat())];
  let seen: ReadonlySet<string> = new Set();
  try {
    if (linked.length > 0) seen = await visible(linked);
  } catch (error) {
    ctx.log.warn(
      { err: error, tenantId: principal.tenantId },
      "Jira could not say which issues the person may browse; incidents linked to issues are left out of their list",
    );
  }
  return incidents.filter((i) => (issueIds.get(i.id) ?? []).every((id) => seen.has(id)));
}
