// Site metadata and search endpoints. Each cites its REST v3 reference page.
import { checkJql, JqlError, matchesJql, parseJql, type JqlClause } from "./jql-subset.ts";
import { GLOBAL_PERMISSIONS, ISSUE_TYPES, PERMISSIONS, PRIORITIES, PROJECTS, STATUSES } from "./seed.ts";
import { issueRep, issueTypeRep, priorityRep, projectRep, statusRep, userRep } from "./represent.ts";
import type { Route, RouteContext, RouteResult } from "./http.ts";
import { list } from "./routes-issues.ts";
import { jiraError, type IssueRecord } from "./types.ts";
import { findProject, isObject } from "./validate.ts";

const projectNotFound = (ref: string) => jiraError(404, [`No project could be found with key '${ref}'.`]);

// GET /rest/api/3/myself — https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-myself/#api-rest-api-3-myself-get
function getCurrentUser(ctx: RouteContext): RouteResult {
  const rep = ctx.core.rep();
  const user = userRep(rep, ctx.user);
  return {
    status: 200,
    body: {
      ...user,
      locale: "en_US",
      groups: { size: 1, items: [] },
      applicationRoles: { size: 1, items: [] },
      expand: "groups,applicationRoles",
    },
  };
}

// GET /rest/api/3/mypermissions — https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/#api-rest-api-3-mypermissions-get
function getMyPermissions(ctx: RouteContext): RouteResult {
  const keys = list(ctx.query, "permissions");
  if (keys.length === 0) throw jiraError(400, ["The 'permissions' query parameter is required."]);
  const unknown = keys.filter((k) => !PERMISSIONS[k]);
  if (unknown.length > 0) throw jiraError(400, [`Invalid permission key(s): ${unknown.join(", ")}`]);
  const projectRef = ctx.query.get("projectKey") ?? ctx.query.get("projectId");
  if (projectRef && !findProject(projectRef)) throw projectNotFound(projectRef);
  const issueRef = ctx.query.get("issueKey") ?? ctx.query.get("issueId");
  // An issue the caller may not see is answered like one that does not exist.
  if (issueRef && (!ctx.core.state.find(issueRef) || !ctx.core.can("BROWSE_PROJECTS", ctx.user))) {
    throw jiraError(404, ["Issue does not exist or you do not have permission to see it."]);
  }
  const permissions: Record<string, unknown> = {};
  for (const key of keys) {
    permissions[key] = {
      ...PERMISSIONS[key],
      key,
      type: GLOBAL_PERMISSIONS.has(key) ? "GLOBAL" : "PROJECT",
      havePermission: ctx.core.can(key, ctx.user),
    };
  }
  return { status: 200, body: { permissions } };
}

// GET /rest/api/3/user?accountId= — https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-users/#api-rest-api-3-user-get
function getUser(ctx: RouteContext): RouteResult {
  const accountId = ctx.query.get("accountId");
  if (!accountId) throw jiraError(400, ["The accountId query parameter needs to be provided."]);
  const user = ctx.core.state.users.find((u) => u.accountId === accountId);
  if (!user) throw jiraError(404, [`Specified user does not exist or you do not have required permissions`]);
  return {
    status: 200,
    body: {
      ...userRep(ctx.core.rep(), user),
      accountType: "atlassian",
      locale: "en_US",
      groups: { size: 1, items: [] },
      applicationRoles: { size: 1, items: [] },
      expand: "groups,applicationRoles",
    },
  };
}

// GET /rest/api/3/project/{projectIdOrKey} — https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-projects/#api-rest-api-3-project-projectidorkey-get
// A project the caller may not browse is answered like one that does not exist.
function getProject(ctx: RouteContext): RouteResult {
  const project = findProject(ctx.params[0]!);
  if (!project || !ctx.core.can("BROWSE_PROJECTS", ctx.user, project.id)) throw projectNotFound(ctx.params[0]!);
  return { status: 200, body: projectRep(ctx.core.rep(), project) };
}

// GET /rest/api/3/project/search — https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-projects/#api-rest-api-3-project-search-get
// The projects the caller may browse (`action=browse`, the default), paged; `orderBy` key or name (± prefix).
function searchProjects(ctx: RouteContext): RouteResult {
  for (const name of [
    "id",
    "keys",
    "query",
    "typeKey",
    "categoryId",
    "expand",
    "status",
    "properties",
    "propertyQuery",
  ]) {
    if (ctx.query.get(name) !== null)
      ctx.core.recordUnexpected(ctx.method, ctx.path, `project search ${name} is not emulated`);
  }
  const action = ctx.query.get("action") ?? "view";
  const needs: Record<string, string> = {
    view: "BROWSE_PROJECTS",
    browse: "BROWSE_PROJECTS",
    edit: "ADMINISTER_PROJECTS",
    create: "CREATE_ISSUES",
  };
  if (!needs[action]) throw jiraError(400, [`Invalid action: ${action}`]);
  const orderBy = ctx.query.get("orderBy") ?? "key";
  const field = orderBy.replace(/^[+-]/, "");
  if (field !== "key" && field !== "name")
    ctx.core.recordUnexpected(ctx.method, ctx.path, `project search orderBy=${orderBy} is not emulated`);
  const visible = PROJECTS.filter(
    (p) => ctx.core.can("BROWSE_PROJECTS", ctx.user, p.id) && ctx.core.can(needs[action]!, ctx.user, p.id),
  );
  const sorted = [...visible].sort(
    (a, b) =>
      (field === "name" ? a.name.localeCompare(b.name) : a.key.localeCompare(b.key)) *
      (orderBy.startsWith("-") ? -1 : 1),
  );
  const startAt = Number(ctx.query.get("startAt") ?? 0) || 0;
  const maxResults = Math.min(100, Number(ctx.query.get("maxResults") ?? 50) || 50);
  const values = sorted.slice(startAt, startAt + maxResults).map((p) => projectRep(ctx.core.rep(), p));
  const isLast = startAt + values.length >= sorted.length;
  return {
    status: 200,
    body: {
      self: `${ctx.core.rep().baseUrl}/rest/api/3/project/search`,
      maxResults,
      startAt,
      total: sorted.length,
      isLast,
      values,
    },
  };
}

// GET /rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes — https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-createmeta-projectidorkey-issuetypes-get
function getCreateMetaIssueTypes(ctx: RouteContext): RouteResult {
  const project = findProject(ctx.params[0]!);
  if (!project || !ctx.core.can("BROWSE_PROJECTS", ctx.user, project.id)) throw projectNotFound(ctx.params[0]!);
  const startAt = Number(ctx.query.get("startAt") ?? 0) || 0;
  const maxResults = Number(ctx.query.get("maxResults") ?? 50) || 50;
  const issueTypes = ctx.core.can("CREATE_ISSUES", ctx.user, project.id)
    ? ISSUE_TYPES.map((t) => issueTypeRep(ctx.core.rep(), t))
    : [];
  return {
    status: 200,
    body: {
      issueTypes: issueTypes.slice(startAt, startAt + maxResults),
      maxResults,
      startAt,
      total: issueTypes.length,
    },
  };
}

// GET /rest/api/3/priority/search — https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-priorities/#api-rest-api-3-priority-search-get
function searchPriorities(ctx: RouteContext): RouteResult {
  const ids = list(ctx.query, "id");
  const name = ctx.query.get("priorityName")?.toLowerCase();
  const onlyDefault = ctx.query.get("onlyDefault") === "true";
  const all = PRIORITIES.filter(
    (p) =>
      (ids.length === 0 || ids.includes(p.id)) &&
      (!name || p.name.toLowerCase().includes(name)) &&
      (!onlyDefault || p.isDefault),
  );
  const startAt = Number(ctx.query.get("startAt") ?? 0) || 0;
  const maxResults = Number(ctx.query.get("maxResults") ?? 50) || 50;
  const values = all.slice(startAt, startAt + maxResults).map((p) => priorityRep(ctx.core.rep(), p, true));
  return {
    status: 200,
    body: { maxResults, startAt, total: all.length, isLast: startAt + values.length >= all.length, values },
  };
}

// GET /rest/api/3/status — https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-workflow-statuses/#api-rest-api-3-status-get
function getStatuses(ctx: RouteContext): RouteResult {
  return { status: 200, body: STATUSES.map((s) => statusRep(ctx.core.rep(), s)) };
}

function compile(ctx: RouteContext, jql: string): JqlClause[] {
  const clauses = parseJql(jql);
  checkJql(clauses, (k) => ctx.core.state.find(k));
  return clauses;
}

function jqlFailure(ctx: RouteContext, err: unknown, jql: string): string {
  if (!(err instanceof JqlError)) throw err;
  if (err.unsupported) ctx.core.recordUnexpected(ctx.method, ctx.path, `unsupported JQL: ${jql} — ${err.message}`);
  return err.message;
}

/**
 * Search reads an eventually consistent index: with `searchLagMs`, an issue created less than that long ago is not
 * found unless reconciled. (An older issue changed since is found, and matched on its current values, where Jira
 * would still match the indexed ones: the stand-in errs towards finding, never towards hiding.)
 */
function searchable(ctx: RouteContext, reconcile: string[]): IssueRecord[] {
  if (!ctx.core.can("BROWSE_PROJECTS", ctx.user)) return [];
  const cutoff = Date.now() - ctx.core.searchLagMs();
  return ctx.core.state.all().filter((i) => i.created <= cutoff || reconcile.includes(i.id));
}

/**
 * The most issues one page holds: 5000 only when just id/key are asked; Jira "may return fewer items per page where
 * a large number of fields are requested" (jira.js models/searchAndReconcileRequest.ts, from Atlassian's OpenAPI),
 * so every field (`*all`, `*navigable`) gets a short page here and callers must follow `nextPageToken`.
 */
function pageLimit(fields: string[]): number {
  if (fields.every((f) => f === "id" || f === "key")) return 5000;
  return fields.some((f) => f === "*all" || f === "*navigable") ? 25 : 100;
}

// POST /rest/api/3/search/jql — https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-post
// GET  /rest/api/3/search/jql — https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-get
// Only issue ids come back unless `fields` asks for more (the enhanced search's default is `id`).
function searchJql(ctx: RouteContext): RouteResult {
  const b = ctx.method === "POST" && isObject(ctx.body) ? ctx.body : undefined;
  const strings = (v: unknown) => (Array.isArray(v) ? v.map(String) : typeof v === "string" ? v.split(",") : []);
  const jql = String(b ? (b.jql ?? "") : (ctx.query.get("jql") ?? ""));
  const fields = b ? strings(b.fields) : list(ctx.query, "fields");
  const properties = b ? strings(b.properties) : list(ctx.query, "properties");
  const expand = b ? strings(b.expand) : list(ctx.query, "expand");
  const reconcile = b ? strings(b.reconcileIssues) : list(ctx.query, "reconcileIssues");
  const maxResults = Math.min(
    pageLimit(fields),
    Math.max(1, Number(b ? b.maxResults : ctx.query.get("maxResults")) || 50),
  );
  const token = b ? b.nextPageToken : ctx.query.get("nextPageToken");
  const offset =
    typeof token === "string" && token !== "" ? Number(Buffer.from(token, "base64url").toString()) || 0 : 0;
  let clauses: JqlClause[];
  try {
    clauses = compile(ctx, jql);
  } catch (err) {
    throw jiraError(400, [jqlFailure(ctx, err, jql)]);
  }
  const matched = searchable(ctx, reconcile).filter((i) => matchesJql(clauses, i, ctx.core.indexedPropertyKeys));
  const page = matched.slice(offset, offset + maxResults);
  const isLast = offset + page.length >= matched.length;
  const issues = page.map((i) => issueRep(ctx.core.rep(), i, { fields, defaultFields: "id", properties, expand }));
  return {
    status: 200,
    body: {
      issues,
      isLast,
      ...(isLast ? {} : { nextPageToken: Buffer.from(String(offset + page.length)).toString("base64url") }),
    },
  };
}

// POST /rest/api/3/jql/match — https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-jql-match-post
function matchIssues(ctx: RouteContext): RouteResult {
  const body = isObject(ctx.body) ? ctx.body : {};
  if (!Array.isArray(body.issueIds) || !Array.isArray(body.jqls))
    throw jiraError(400, [], { issueIds: "issueIds and jqls are required." });
  const issueIds = body.issueIds.map(String);
  const candidates = searchable(ctx, []).filter((i) => issueIds.includes(i.id));
  const matches = body.jqls.map((jql: unknown) => {
    try {
      const clauses = compile(ctx, String(jql));
      return {
        matchedIssues: candidates
          .filter((i) => matchesJql(clauses, i, ctx.core.indexedPropertyKeys))
          .map((i) => Number(i.id)),
        errors: [],
      };
    } catch (err) {
      return { matchedIssues: [], errors: [jqlFailure(ctx, err, String(jql))] };
    }
  });
  return { status: 200, body: { matches } };
}

export const metaRoutes: Route[] = [
  { method: "GET", pattern: /^\/rest\/api\/3\/myself$/, handler: getCurrentUser },
  { method: "GET", pattern: /^\/rest\/api\/3\/mypermissions$/, handler: getMyPermissions },
  { method: "GET", pattern: /^\/rest\/api\/3\/user$/, handler: getUser },
  { method: "GET", pattern: /^\/rest\/api\/3\/project\/search$/, handler: searchProjects },
  { method: "GET", pattern: /^\/rest\/api\/3\/project\/([^/]+)$/, handler: getProject },
  {
    method: "GET",
    pattern: /^\/rest\/api\/3\/issue\/createmeta\/([^/]+)\/issuetypes$/,
    handler: getCreateMetaIssueTypes,
  },
  { method: "GET", pattern: /^\/rest\/api\/3\/priority\/search$/, handler: searchPriorities },
  { method: "GET", pattern: /^\/rest\/api\/3\/status$/, handler: getStatuses },
  { method: "POST", pattern: /^\/rest\/api\/3\/search\/jql$/, handler: searchJql },
  { method: "GET", pattern: /^\/rest\/api\/3\/search\/jql$/, handler: searchJql },
  { method: "POST", pattern: /^\/rest\/api\/3\/jql\/match$/, handler: matchIssues },
];
