// Permission checks the resolvers make as the user (asUser), before anything reaches the service:
// Jira's "Get my permissions" (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/#api-rest-api-3-mypermissions-get)
// and Confluence's page read (a page the user cannot view answers 404 or 403).
import { asUser, route } from "@forge/api";

export interface IssueAccess {
  readonly browse: boolean;
  readonly edit: boolean;
}

interface MyPermissions {
  permissions?: Record<string, { havePermission?: boolean }>;
}

async function myPermissions(path: ReturnType<typeof route>): Promise<MyPermissions> {
  const response = await asUser().requestJira(path, { headers: { Accept: "application/json" } });
  // An issue the user may not see is a 404 here, not a "no".
  if (!response.ok) return {};
  return (await response.json()) as MyPermissions;
}

const has = (found: MyPermissions, key: string) => found.permissions?.[key]?.havePermission === true;

/** What the current user may do with the issue. */
export async function issueAccess(issueId: string): Promise<IssueAccess> {
  const found = await myPermissions(
    route`/rest/api/3/mypermissions?issueId=${issueId}&permissions=${"BROWSE_PROJECTS,EDIT_ISSUES"}`,
  );
  return { browse: has(found, "BROWSE_PROJECTS"), edit: has(found, "BROWSE_PROJECTS") && has(found, "EDIT_ISSUES") };
}

/** Whether the current user administers Jira (the ADMINISTER global permission). */
export async function isJiraAdmin(): Promise<boolean> {
  return has(await myPermissions(route`/rest/api/3/mypermissions?permissions=${"ADMINISTER"}`), "ADMINISTER");
}

/** The issue's summary as the user sees it, or null when they cannot see the issue. */
export async function issueSummary(issueId: string): Promise<string | null> {
  const response = await asUser().requestJira(route`/rest/api/3/issue/${issueId}?fields=summary`, {
    headers: { Accept: "application/json" },
  });
  if (!response.ok) return null;
  const issue = (await response.json()) as { fields?: { summary?: string } };
  return issue.fields?.summary ?? "";
}

/** Whether the current user can view the Confluence page. */
export async function canViewPage(pageId: string): Promise<boolean> {
  const response = await asUser().requestConfluence(route`/wiki/api/v2/pages/${pageId}`, {
    headers: { Accept: "application/json" },
  });
  return response.ok;
}
