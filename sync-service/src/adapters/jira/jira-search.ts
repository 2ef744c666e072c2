// Asking Jira's search index about issues: the issue created for a link (by its label), JQL matches of one
// issue, and paged JQL search. The index is eventually consistent with writes (below).
import { TicketNotIndexedError } from "../../ports/integration-errors.ts";
import type { RemoteIssue, TicketPort } from "../../ports/ticket-port.ts";
import { toRemoteIssue } from "../../formats/jira/jira-issue-mapper.ts";
import type { JiraCall } from "./jira-connection.ts";
import { ISSUE_FIELDS } from "./jira-mapper.ts";

/**
 * How far /rest/api/3/search/jql may lag a write. The enhanced search is eventually consistent: read-after-write
 * holds only for issue ids passed in `reconcileIssues`, and a created issue's id is what we do not know
 * (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-post).
 * Atlassian gives no bound; seconds in practice, so half a minute leaves a wide margin.
 */
export const SEARCH_SETTLE_MS = 30_000;
/** How soon to ask again about an issue the index does not hold yet: the lag is seconds in practice (above). */
const NOT_INDEXED_RETRY_MS = 3_000;

/** The label that names the Firewatch link (or action item) an issue was created for: one issue per label. */
export function linkLabel(linkId: string): string {
  return `firewatch-link-${linkId}`;
}

export async function findByLinkId(call: JiraCall, linkId: string): Promise<RemoteIssue | null> {
  // By the link's own label, not issue.property[firewatch].linkId: Jira indexes a property for JQL only when an
  // app declares it (the Forge app does; an API-token site has no app), and an unindexed property query answers
  // no error and no match. Labels are always indexed.
  const page = await call((jira) =>
    jira.issueSearch.searchAndReconsileIssuesUsingJqlPost({
      jql: `labels = "${linkLabel(linkId)}"`,
      fields: ISSUE_FIELDS,
      maxResults: 1,
    }),
  );
  const first = page.issues?.[0];
  return first ? toRemoteIssue(first) : null;
}

export async function matchJql(
  call: JiraCall,
  issueId: string,
  jqls: readonly string[],
): ReturnType<TicketPort["matchJql"]> {
  // POST /rest/api/3/jql/match: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-jql-match-post
  // jql/match reads the same eventually consistent index as search, and takes no reconcileIssues: a fresh issue
  // matches nothing. The last query, the issue's own id, tells "not indexed yet" from "no match".
  const result = await call((jira) =>
    jira.issueSearch.matchIssues({ issueIds: [Number(issueId)], jqls: [...jqls, `id = ${Number(issueId)}`] }),
  );
  const matchedIds = (m: { matchedIssues?: unknown[] } | undefined) => (m?.matchedIssues ?? []).map(String);
  if (!matchedIds((result.matches ?? [])[jqls.length]).includes(String(issueId)))
    throw new TicketNotIndexedError("jira", `Jira's search does not hold issue ${issueId} yet`, NOT_INDEXED_RETRY_MS);
  // IssueMatchesForJQL {matchedIssues, errors}: one per query, in the order asked.
  return jqls.map((_, i) => {
    const m = (result.matches ?? [])[i] as { matchedIssues?: unknown[]; errors?: unknown[] } | undefined;
    return { matched: matchedIds(m).includes(String(issueId)), errors: (m?.errors ?? []).map(String) };
  });
}

export async function searchIssues(
  call: JiraCall,
  jql: string,
  max: number,
  reconcile: readonly string[] = [],
): Promise<unknown[]> {
  // Jira may answer fewer issues than asked when every field is asked for; the rest are behind nextPageToken
  // (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-post).
  const issues: unknown[] = [];
  let nextPageToken: string | undefined;
  do {
    const token = nextPageToken;
    const page = await call((jira) =>
      jira.issueSearch.searchAndReconsileIssuesUsingJqlPost({
        jql,
        fields: ["*all"],
        maxResults: max - issues.length,
        ...(token ? { nextPageToken: token } : {}),
        ...(reconcile.length > 0 ? { reconcileIssues: reconcile.map(Number) } : {}),
      }),
    );
    issues.push(...(page.issues ?? []));
    nextPageToken =
      page.isLast === false && (page.issues ?? []).length > 0 ? (page.nextPageToken ?? undefined) : undefined;
  } while (nextPageToken && issues.length < max);
  return issues.slice(0, max);
}
