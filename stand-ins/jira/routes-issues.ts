// Issue endpoints: create/get/edit, assign, transitions, comments, properties. Each cites its REST v3 reference page.
// Issue links and remote links are in routes-links.ts.
import { commentRep, issueRep, transitionRep } from "./represent.ts";
import type { Route, RouteContext, RouteResult } from "./http.ts";
import { RESOLUTIONS } from "./seed.ts";
import { ISSUE_NOT_FOUND, jiraError, type IssueRecord } from "./types.ts";
import { isAdf, isObject, validateCreate, validateEdit } from "./validate.ts";

export const ISSUE = /^\/rest\/api\/3\/issue\/([^/]+)$/;

/** Comma-separated and/or repeated query parameter. */
export function list(query: URLSearchParams, name: string): string[] {
  return query
    .getAll(name)
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
}

export function requirePermission(ctx: RouteContext, permission: string, message: string): void {
  if (!ctx.core.can(permission, ctx.user)) throw jiraError(403, [message]);
}

/** Reads go through Browse Projects; without it Jira answers 404, not 403. */
export function visibleIssue(ctx: RouteContext, keyOrId: string): IssueRecord {
  if (!ctx.core.can("BROWSE_PROJECTS", ctx.user)) throw jiraError(404, [ISSUE_NOT_FOUND]);
  const issue = ctx.core.state.get(keyOrId);
  if (!ctx.core.can("BROWSE_PROJECTS", ctx.user, issue.projectId)) throw jiraError(404, [ISSUE_NOT_FOUND]);
  return issue;
}

function setProperties(ctx: RouteContext, issue: IssueRecord, properties: unknown): void {
  if (!Array.isArray(properties)) return;
  for (const p of properties)
    if (isObject(p) && typeof p.key === "string") ctx.core.state.setProperty(issue, p.key, p.value);
}

// POST /rest/api/3/issue — https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-post
function createIssue(ctx: RouteContext): RouteResult {
  requirePermission(ctx, "CREATE_ISSUES", "You do not have permission to create issues in this project.");
  const body = isObject(ctx.body) ? ctx.body : {};
  const input = validateCreate(body.fields, ctx.core.state.users, ctx.core.can("SCHEDULE_ISSUES", ctx.user));
  const event = ctx.core.state.create(input, ctx.user.accountId);
  setProperties(ctx, event.issue, body.properties);
  ctx.core.emit(event);
  return {
    status: 201,
    body: {
      id: event.issue.id,
      key: event.issue.key,
      self: `${ctx.core.rep().baseUrl}/rest/api/3/issue/${event.issue.id}`,
    },
  };
}

// GET /rest/api/3/issue/{issueIdOrKey} — https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-get
function getIssue(ctx: RouteContext): RouteResult {
  const issue = visibleIssue(ctx, ctx.params[0]!);
  const q = ctx.query;
  return {
    status: 200,
    body: issueRep(ctx.core.rep(), issue, {
      fields: list(q, "fields"),
      defaultFields: "*all",
      properties: list(q, "properties"),
      expand: list(q, "expand"),
    }),
  };
}

// PUT /rest/api/3/issue/{issueIdOrKey} — https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-put
function editIssue(ctx: RouteContext): RouteResult {
  const issue = visibleIssue(ctx, ctx.params[0]!);
  requirePermission(ctx, "EDIT_ISSUES", "You do not have permission to edit issues in this project.");
  const input = validateEdit(
    ctx.body,
    issue.labels,
    ctx.core.state.users,
    ctx.core.can("SCHEDULE_ISSUES", ctx.user),
    ctx.core.state.project(issue),
  );
  const event = ctx.core.state.edit(issue, input, ctx.user.accountId);
  setProperties(ctx, issue, isObject(ctx.body) ? ctx.body.properties : undefined);
  if (event) ctx.core.emit(event);
  if (ctx.query.get("returnIssue") === "true")
    return {
      status: 200,
      body: issueRep(ctx.core.rep(), issue, {
        fields: [],
        defaultFields: "*all",
        properties: [],
        expand: list(ctx.query, "expand"),
      }),
    };
  return { status: 204 };
}

// PUT /rest/api/3/issue/{issueIdOrKey}/assignee — https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-assignee-put
// Body {accountId}: an accountId assigns, null unassigns, "-1" picks the project's default assignee (unassigned here:
// the seeded projects' assigneeType is UNASSIGNED). A missing accountId or an unknown user is a 400. Raises
// jira:issue_updated with issue_event_type_name "issue_assigned".
function assignIssue(ctx: RouteContext): RouteResult {
  const issue = visibleIssue(ctx, ctx.params[0]!);
  requirePermission(ctx, "ASSIGN_ISSUES", "You do not have permission to assign issues.");
  const body = isObject(ctx.body) ? ctx.body : {};
  if (!("accountId" in body)) throw jiraError(400, [], { accountId: "accountId is required (null to unassign)." });
  const accountId = body.accountId === "-1" ? null : body.accountId;
  if (
    accountId !== null &&
    (typeof accountId !== "string" || !ctx.core.state.users.some((u) => u.accountId === accountId))
  ) {
    throw jiraError(400, [], { assignee: "Specified user does not exist or you do not have required permissions" });
  }
  const event = ctx.core.state.edit(issue, { assigneeId: accountId }, ctx.user.accountId, "issue_assigned");
  if (event) ctx.core.emit(event);
  return { status: 204 };
}

// GET /rest/api/3/issue/{issueIdOrKey}/transitions — https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-transitions-get
function getTransitions(ctx: RouteContext): RouteResult {
  const issue = visibleIssue(ctx, ctx.params[0]!);
  const only = ctx.query.get("transitionId");
  const transitions = ctx.core.state.transitions(issue).filter((t) => !only || t.id === only);
  const withFields = list(ctx.query, "expand").includes("transitions.fields");
  return {
    status: 200,
    body: {
      expand: "transitions",
      transitions: transitions.map((t) => transitionRep(ctx.core.rep(), issue, t, withFields)),
    },
  };
}

// POST /rest/api/3/issue/{issueIdOrKey}/transitions — https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-transitions-post
// Jira folds fields/update given with a transition into the same history entry; here they become a second entry.
function doTransition(ctx: RouteContext): RouteResult {
  const issue = visibleIssue(ctx, ctx.params[0]!);
  requirePermission(ctx, "TRANSITION_ISSUES", "You do not have permission to transition this issue.");
  const body = isObject(ctx.body) ? ctx.body : {};
  const id = isObject(body.transition) ? body.transition.id : undefined;
  if (typeof id !== "string" && typeof id !== "number") throw jiraError(400, ["Missing 'transition' identifier"]);
  const { resolutionId, rest } = screenFields(ctx, issue, String(id), body);
  const edit =
    rest.fields || rest.update
      ? validateEdit(
          rest,
          issue.labels,
          ctx.core.state.users,
          ctx.core.can("SCHEDULE_ISSUES", ctx.user),
          ctx.core.state.project(issue),
        )
      : undefined;
  ctx.core.emit(ctx.core.state.transition(issue, String(id), ctx.user.accountId, resolutionId));
  const editEvent = edit && ctx.core.state.edit(issue, edit, ctx.user.accountId);
  if (editEvent) ctx.core.emit(editEvent);
  return { status: 204 };
}

/**
 * Takes the transition screen's Resolution out of the body: required (400 naming it) when the screen has it, refused
 * like any field off the screen when it has not. A value is `{id}` or `{name}` among the screen's allowed values.
 */
function screenFields(ctx: RouteContext, issue: IssueRecord, transitionId: string, body: Record<string, unknown>) {
  const target = ctx.core.state.transitions(issue).find((t) => t.id === transitionId);
  const screen = target ? ctx.core.state.screenOf(issue, target.to) : null;
  const fields = isObject(body.fields) ? { ...body.fields } : undefined;
  const given = fields?.resolution;
  if (fields) delete fields.resolution;
  const rest: Record<string, unknown> = {
    ...body,
    fields: fields && Object.keys(fields).length > 0 ? fields : undefined,
  };
  if (!screen) {
    if (given !== undefined)
      throw jiraError(400, [], {
        resolution: "Field 'resolution' cannot be set. It is not on the appropriate screen, or unknown.",
      });
    return { resolutionId: undefined, rest };
  }
  if (given === undefined || given === null) throw jiraError(400, [], { resolution: "Field Resolution is required." });
  const ref = isObject(given) ? given : {};
  const match = RESOLUTIONS.find(
    (r) => screen.resolutionIds.includes(r.id) && (r.id === String(ref.id) || r.name === ref.name),
  );
  if (!match) throw jiraError(400, [], { resolution: "Could not find valid 'id' or 'name' in resolution object." });
  return { resolutionId: match.id, rest };
}

// POST /rest/api/3/issue/{issueIdOrKey}/comment — https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-comments/#api-rest-api-3-issue-issueidorkey-comment-post
function addComment(ctx: RouteContext): RouteResult {
  const issue = visibleIssue(ctx, ctx.params[0]!);
  requirePermission(ctx, "ADD_COMMENTS", "You do not have permission to comment on this issue.");
  const body = isObject(ctx.body) ? ctx.body : {};
  if (body.body === undefined || body.body === null || body.body === "")
    throw jiraError(400, [], { comment: "Comment body can not be empty!" });
  if (!isAdf(body.body)) throw jiraError(400, [], { comment: "Comment body is not valid!" });
  const properties: Record<string, unknown> = {};
  if (Array.isArray(body.properties))
    for (const p of body.properties) if (isObject(p) && typeof p.key === "string") properties[p.key] = p.value;
  const visibility =
    isObject(body.visibility) && typeof body.visibility.type === "string" && typeof body.visibility.value === "string"
      ? { type: body.visibility.type, value: body.visibility.value }
      : undefined;
  const event = ctx.core.state.comment(issue, body.body, ctx.user.accountId, properties, visibility);
  ctx.core.emit(event);
  return {
    status: 201,
    body: commentRep(ctx.core.rep(), issue, event.comment, list(ctx.query, "expand").includes("properties")),
  };
}

// GET /rest/api/3/issue/{issueIdOrKey}/comment — https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-comments/#api-rest-api-3-issue-issueidorkey-comment-get
function getComments(ctx: RouteContext): RouteResult {
  const issue = visibleIssue(ctx, ctx.params[0]!);
  const startAt = Math.max(0, Number(ctx.query.get("startAt") ?? 0) || 0);
  const maxResults = Math.min(5000, Math.max(0, Number(ctx.query.get("maxResults") ?? 5000) || 5000));
  const sorted = ctx.query.get("orderBy") === "-created" ? [...issue.comments].reverse() : issue.comments;
  const withProps = list(ctx.query, "expand").includes("properties");
  const comments = sorted
    .slice(startAt, startAt + maxResults)
    .map((c) => commentRep(ctx.core.rep(), issue, c, withProps));
  return { status: 200, body: { startAt, maxResults, total: issue.comments.length, comments } };
}

// PUT /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey} — https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-properties/#api-rest-api-3-issue-issueidorkey-properties-propertykey-put
function setIssueProperty(ctx: RouteContext): RouteResult {
  const issue = visibleIssue(ctx, ctx.params[0]!);
  requirePermission(ctx, "EDIT_ISSUES", "You do not have permission to edit issues in this project.");
  const key = ctx.params[1]!;
  if (key.length > 255) throw jiraError(400, ["The property key cannot be longer than 255 characters."]);
  if (ctx.body === undefined || typeof ctx.body === "string")
    throw jiraError(400, ["The property value must be a valid, non-empty JSON."]);
  if (JSON.stringify(ctx.body).length > 32768)
    throw jiraError(400, ["The property value cannot be longer than 32768 characters."]);
  return { status: ctx.core.state.setProperty(issue, key, ctx.body) ? 201 : 200 };
}

// GET /rest/api/3/issue/{issueIdOrKey}/properties/{propertyKey} — https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-properties/#api-rest-api-3-issue-issueidorkey-properties-propertykey-get
function getIssueProperty(ctx: RouteContext): RouteResult {
  const issue = visibleIssue(ctx, ctx.params[0]!);
  const key = ctx.params[1]!;
  if (!(key in issue.properties)) throw jiraError(404, [`The property with key '${key}' does not exist.`]);
  return { status: 200, body: { key, value: issue.properties[key] } };
}

export const issueRoutes: Route[] = [
  { method: "POST", pattern: /^\/rest\/api\/3\/issue$/, handler: createIssue },
  { method: "GET", pattern: ISSUE, handler: getIssue },
  { method: "PUT", pattern: ISSUE, handler: editIssue },
  { method: "PUT", pattern: /^\/rest\/api\/3\/issue\/([^/]+)\/assignee$/, handler: assignIssue },
  { method: "GET", pattern: /^\/rest\/api\/3\/issue\/([^/]+)\/transitions$/, handler: getTransitions },
  { method: "POST", pattern: /^\/rest\/api\/3\/issue\/([^/]+)\/transitions$/, handler: doTransition },
  { method: "POST", pattern: /^\/rest\/api\/3\/issue\/([^/]+)\/comment$/, handler: addComment },
  { method: "GET", pattern: /^\/rest\/api\/3\/issue\/([^/]+)\/comment$/, handler: getComments },
  { method: "PUT", pattern: /^\/rest\/api\/3\/issue\/([^/]+)\/properties\/([^/]+)$/, handler: setIssueProperty },
  { method: "GET", pattern: /^\/rest\/api\/3\/issue\/([^/]+)\/properties\/([^/]+)$/, handler: getIssueProperty },
];
