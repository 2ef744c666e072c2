// POST /rest/api/3/permissions/check — "Get bulk permissions"
// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/#api-rest-api-3-permissions-check-post
// Without `accountId` it answers for the caller. Asking about someone else needs Administer Jira, except
// for an app calling as itself (Connect's app server, a Forge app's system token), which may ask about
// anyone. 400 for an unknown account, a global permission that is not one, an unknown project permission,
// a `projectPermissions` entry without permissions, or more than 1000 valid project or issue ids; unknown
// project and issue ids and nulls are ignored. Grants come back per permission, with the projects and
// issues it holds on (an entry only where something is granted).
import type { Route, RouteContext, RouteResult } from "./http.ts";
import { GLOBAL_PERMISSIONS, PERMISSIONS } from "./seed.ts";
import { jiraError, type JiraUser } from "./types.ts";
import { findProject, isObject } from "./validate.ts";

const MAX_IDS = 1000;

const present = <T>(values: unknown, what: string, is: (v: unknown) => v is T): T[] => {
  if (values === undefined || values === null) return [];
  if (!Array.isArray(values)) throw jiraError(400, [`Can not deserialize ${what}: expected an array.`]);
  return values
    .filter((v) => v !== null)
    .map((v) => {
      if (!is(v)) throw jiraError(400, [`Can not deserialize ${what}: unexpected value ${JSON.stringify(v)}.`]);
      return v;
    });
};
const isString = (v: unknown): v is string => typeof v === "string";
const isId = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v);

function subject(ctx: RouteContext, accountId: unknown): JiraUser {
  if (accountId === undefined || accountId === null) return ctx.user;
  const user = typeof accountId === "string" ? ctx.core.state.users.find((u) => u.accountId === accountId) : undefined;
  if (!user) throw jiraError(400, [`The accountId ${JSON.stringify(accountId)} is not valid.`]);
  if (user.accountId !== ctx.user.accountId && !ctx.app && !ctx.core.can("ADMINISTER", ctx.user)) {
    throw jiraError(403, [
      "You must have the Administer Jira global permission to check the permissions of other users.",
    ]);
  }
  return user;
}

interface ProjectGrant {
  permission: string;
  projects: number[];
  issues: number[];
}

function projectGrants(ctx: RouteContext, user: JiraUser, entries: Record<string, unknown>[]): ProjectGrant[] {
  const grants = new Map<string, ProjectGrant>();
  for (const entry of entries) {
    const keys = present(entry.permissions, "projectPermissions.permissions", isString).filter((k) => k !== "");
    if (keys.length === 0)
      throw jiraError(400, ["At least one project permission is required in each projectPermissions entry."]);
    const invalid = keys.filter((k) => !PERMISSIONS[k] || GLOBAL_PERMISSIONS.has(k));
    if (invalid.length) throw jiraError(400, [`Unrecognized project permissions: ${invalid.join(", ")}`]);
    const projects = present(entry.projects, "projectPermissions.projects", isId).filter((id) =>
      findProject(String(id)),
    );
    const issues = present(entry.issues, "projectPermissions.issues", isId).filter((id) =>
      ctx.core.state.find(String(id)),
    );
    if (projects.length > MAX_IDS || issues.length > MAX_IDS)
      throw jiraError(400, [`You can check at most ${MAX_IDS} projects and ${MAX_IDS} issues.`]);
    // Granted per project (an issue holds its project's grant), so one project can be taken from a person.
    const projectOf = (issueId: number) => ctx.core.state.find(String(issueId))!.projectId;
    for (const permission of keys.filter((k) => ctx.core.can(k, user))) {
      const grant = grants.get(permission) ?? { permission, projects: [], issues: [] };
      grant.projects.push(
        ...projects.filter((id) => !grant.projects.includes(id) && ctx.core.can(permission, user, String(id))),
      );
      grant.issues.push(
        ...issues.filter((id) => !grant.issues.includes(id) && ctx.core.can(permission, user, projectOf(id))),
      );
      grants.set(permission, grant);
    }
  }
  return [...grants.values()].filter((g) => g.projects.length || g.issues.length);
}

function checkPermissions(ctx: RouteContext): RouteResult {
  const body = ctx.body;
  if (!isObject(body)) throw jiraError(400, ["The request body is required: the permissions to check."]);
  const user = subject(ctx, body.accountId);
  const globals = present(body.globalPermissions, "globalPermissions", isString);
  const invalid = globals.filter((k) => !GLOBAL_PERMISSIONS.has(k));
  if (invalid.length) throw jiraError(400, [`Unrecognized global permissions: ${invalid.join(", ")}`]);
  const entries = present(body.projectPermissions, "projectPermissions", isObject);
  return {
    status: 200,
    body: {
      globalPermissions: [...new Set(globals)].filter((k) => ctx.core.can(k, user)),
      projectPermissions: projectGrants(ctx, user, entries),
    },
  };
}

export const permissionRoutes: Route[] = [
  { method: "POST", pattern: /^\/rest\/api\/3\/permissions\/check$/, handler: checkPermissions },
];
