// What a project's screens hold: create meta per issue type, and edit meta per issue. Each cites its REST v3 page.
// A field a project took off its screens (ProjectDef.screens.offScreen) is absent here and refused on create/edit.
import { findIssueType, findProject, screenFieldIds } from "./validate.ts";
import { PRIORITIES } from "./seed.ts";
import { priorityRep, type RepCtx } from "./represent.ts";
import type { Route, RouteContext, RouteResult } from "./http.ts";
import { visibleIssue } from "./routes-issues.ts";
import { jiraError } from "./types.ts";

const NAMES: Record<string, string> = {
  project: "Project",
  issuetype: "Issue Type",
  summary: "Summary",
  description: "Description",
  priority: "Priority",
  labels: "Labels",
  assignee: "Assignee",
  reporter: "Reporter",
  duedate: "Due date",
};
const SCHEMAS: Record<string, { type: string; system: string; items?: string }> = {
  project: { type: "project", system: "project" },
  issuetype: { type: "issuetype", system: "issuetype" },
  summary: { type: "string", system: "summary" },
  description: { type: "doc", system: "description" },
  priority: { type: "priority", system: "priority" },
  labels: { type: "array", items: "string", system: "labels" },
  assignee: { type: "user", system: "assignee" },
  reporter: { type: "user", system: "reporter" },
  duedate: { type: "date", system: "duedate" },
};

/** FieldMetadata / FieldCreateMetadata for one system field. */
function fieldMeta(ctx: RepCtx, id: string) {
  const required = id === "project" || id === "issuetype" || id === "summary";
  return {
    required,
    schema: SCHEMAS[id]!,
    name: NAMES[id]!,
    key: id,
    hasDefaultValue: id === "priority",
    operations: id === "labels" ? ["add", "set", "remove"] : ["set"],
    ...(id === "priority" ? { allowedValues: PRIORITIES.map((p) => priorityRep(ctx, p)) } : {}),
  };
}

// GET /rest/api/3/issue/createmeta/{projectIdOrKey}/issuetypes/{issueTypeId} — https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-createmeta-projectidorkey-issuetypes-issuetypeid-get
function getCreateMetaFields(ctx: RouteContext): RouteResult {
  const project = findProject(ctx.params[0]!);
  if (!project || !ctx.core.can("BROWSE_PROJECTS", ctx.user))
    throw jiraError(404, [`No project could be found with key '${ctx.params[0]}'.`]);
  if (!findIssueType({ id: ctx.params[1]! }))
    throw jiraError(404, ["Issue type with id '" + ctx.params[1] + "' does not exist."]);
  const startAt = Number(ctx.query.get("startAt") ?? 0) || 0;
  const maxResults = Number(ctx.query.get("maxResults") ?? 50) || 50;
  const ids = ctx.core.can("CREATE_ISSUES", ctx.user)
    ? screenFieldIds(project, "create", ctx.core.can("SCHEDULE_ISSUES", ctx.user))
    : [];
  const fields = ids.map((id) => ({ ...fieldMeta(ctx.core.rep(), id), fieldId: id }));
  return {
    status: 200,
    body: { maxResults, startAt, total: fields.length, fields: fields.slice(startAt, startAt + maxResults) },
  };
}

// GET /rest/api/3/issue/{issueIdOrKey}/editmeta — https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-editmeta-get
// Without Edit Issues the screen is empty (Jira answers 200 with no fields).
function getEditMeta(ctx: RouteContext): RouteResult {
  const issue = visibleIssue(ctx, ctx.params[0]!);
  const ids = ctx.core.can("EDIT_ISSUES", ctx.user)
    ? screenFieldIds(ctx.core.state.project(issue), "edit", ctx.core.can("SCHEDULE_ISSUES", ctx.user))
    : [];
  return { status: 200, body: { fields: Object.fromEntries(ids.map((id) => [id, fieldMeta(ctx.core.rep(), id)])) } };
}

export const screenRoutes: Route[] = [
  {
    method: "GET",
    pattern: /^\/rest\/api\/3\/issue\/createmeta\/([^/]+)\/issuetypes\/([^/]+)$/,
    handler: getCreateMetaFields,
  },
  { method: "GET", pattern: /^\/rest\/api\/3\/issue\/([^/]+)\/editmeta$/, handler: getEditMeta },
];
