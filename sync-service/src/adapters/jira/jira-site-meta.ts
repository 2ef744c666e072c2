// What a Jira site offers that Firewatch's settings name: its projects, the issue types a project offers for create,
// and its priorities. Shared by the ticket port (the Forge admin page checks a save against the site) and
// `firewatch jira check`. Each list is paged as Jira pages it.
import { TicketNotFoundError } from "../../ports/integration-errors.ts";
import type { JiraCall } from "./jira-connection.ts";

/** Jira's largest page for these lists; a site with more is rare, and the loops below follow `isLast`/`total`. */
const PAGE = 100;

/**
 * Keys of the projects the caller may browse, at most `max`, by key.
 * GET /rest/api/3/project/search: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-projects/#api-rest-api-3-project-search-get
 */
export async function projectKeys(call: JiraCall, max: number): Promise<string[]> {
  const page = await call((jira) =>
    jira.projects.searchProjects({ startAt: 0, maxResults: Math.min(max, PAGE), orderBy: "key" }),
  );
  return (page.values ?? []).map((p) => String(p.key)).slice(0, max);
}

/**
 * Names of the issue types the project offers the caller for create; null when there is no such project or the
 * caller may not see it (Jira answers 404 for both). An empty list: the caller lacks Create issues in it.
 * GET /rest/api/3/project/{key}: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-projects/#api-rest-api-3-project-projectidorkey-get
 * GET /rest/api/3/issue/createmeta/{key}/issuetypes: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-createmeta-projectidorkey-issuetypes-get
 */
export async function createIssueTypes(call: JiraCall, projectKey: string): Promise<string[] | null> {
  try {
    await call((jira) => jira.projects.getProject({ projectIdOrKey: projectKey }));
  } catch (error) {
    if (error instanceof TicketNotFoundError) return null;
    throw error;
  }
  const names: string[] = [];
  for (let startAt = 0; ;) {
    const page = (await call((jira) =>
      jira.issues.getCreateIssueMetaIssueTypes({ projectIdOrKey: projectKey, startAt, maxResults: PAGE }),
    )) as {
      issueTypes?: { name?: string }[];
      total?: number;
    };
    const types = page.issueTypes ?? [];
    names.push(...types.map((t) => String(t.name)));
    startAt += types.length;
    if (types.length === 0 || startAt >= (page.total ?? 0)) return names;
  }
}

/**
 * Names of every priority the site has.
 * GET /rest/api/3/priority/search: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-priorities/#api-rest-api-3-priority-search-get
 */
export async function priorityNames(call: JiraCall): Promise<string[]> {
  const names: string[] = [];
  for (let startAt = 0; ;) {
    const page = await call((jira) =>
      jira.issuePriorities.searchPriorities({ startAt: String(startAt), maxResults: String(PAGE) }),
    );
    const values = page.values ?? [];
    names.push(...values.map((p) => String(p.name)));
    startAt += values.length;
    if (values.length === 0 || page.isLast !== false) return names;
  }
}
