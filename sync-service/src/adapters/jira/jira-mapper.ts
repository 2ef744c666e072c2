// Jira Cloud REST v3 request and answer bodies of the ticket port: the fields a read asks for, and permission checks.
import type {
  IssuePermission,
  PermissionGrants,
  PermissionQuery,
  ProjectPermission,
  SitePermission,
} from "../../ports/ticket-port.ts";

/** The fields every read asks for. */
export const ISSUE_FIELDS = ["summary", "status", "priority", "project", "assignee", "duedate"];

// Permission keys: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/#api-rest-api-3-permissions-get
const SITE_PERMISSION_KEYS: Record<SitePermission, string> = { administer: "ADMINISTER" };
const ISSUE_PERMISSION_KEYS: Record<IssuePermission, string> = { browse: "BROWSE_PROJECTS" };
const PROJECT_PERMISSION_KEYS: Record<ProjectPermission, string> = { create: "CREATE_ISSUES" };

/** The body of Jira's "Get bulk permissions" (POST /rest/api/3/permissions/check) for `query`. */
/** The body of POST /rest/api/3/permissions/check; `projectIds` gives the id of each asked project key that exists. */
export function bulkPermissionsRequest(
  accountId: string,
  query: PermissionQuery,
  projectIds: ReadonlyMap<string, string> = new Map(),
) {
  const ids = (keys: readonly string[]) =>
    keys.flatMap((k) => (projectIds.has(k) ? [Number(projectIds.get(k))] : [])).filter(Number.isSafeInteger);
  return {
    accountId,
    globalPermissions: (query.site ?? []).map((p) => SITE_PERMISSION_KEYS[p]),
    projectPermissions: [
      ...(query.issues ?? []).map((q) => ({
        permissions: [ISSUE_PERMISSION_KEYS[q.permission]],
        issues: q.issueIds.map(Number).filter(Number.isSafeInteger),
      })),
      ...(query.projects ?? []).map((q) => ({
        permissions: [PROJECT_PERMISSION_KEYS[q.permission]],
        projects: ids(q.projectKeys),
      })),
    ],
  };
}

/** Jira's answer, read back into what was asked; a permission Jira leaves out is not granted. */
export function toPermissionGrants(
  query: PermissionQuery,
  answer: {
    globalPermissions?: string[];
    projectPermissions?: { permission?: string; issues?: number[]; projects?: number[] }[];
  },
  projectIds: ReadonlyMap<string, string> = new Map(),
): PermissionGrants {
  const granted = new Set(answer.globalPermissions ?? []);
  const held = (key: string, on: "issues" | "projects") =>
    new Set(
      (answer.projectPermissions ?? []).filter((p) => p.permission === key).flatMap((p) => (p[on] ?? []).map(String)),
    );
  return {
    site: (query.site ?? []).filter((p) => granted.has(SITE_PERMISSION_KEYS[p])),
    issues: (query.issues ?? []).map((q) => ({
      permission: q.permission,
      issueIds: q.issueIds.filter((id) => held(ISSUE_PERMISSION_KEYS[q.permission], "issues").has(id)),
    })),
    projects: (query.projects ?? []).map((q) => ({
      permission: q.permission,
      projectKeys: q.projectKeys.filter(
        (k) => projectIds.has(k) && held(PROJECT_PERMISSION_KEYS[q.permission], "projects").has(projectIds.get(k)!),
      ),
    })),
  };
}
