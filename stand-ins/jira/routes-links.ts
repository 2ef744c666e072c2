// Issue links and remote issue links. Each cites its REST v3 reference page.
// Neither kind of link writes issue history or raises a webhook here (Jira's issuelink_created/deleted events are not
// emulated).
import { LINK_TYPES } from "./seed.ts";
import { issueLinkRep, remoteLinkRep } from "./represent.ts";
import type { Route, RouteContext, RouteResult } from "./http.ts";
import { requirePermission, visibleIssue } from "./routes-issues.ts";
import { jiraError, type RemoteIcon, type RemoteLinkRecord, type RemoteObject } from "./types.ts";
import { isObject } from "./validate.ts";

const LINK_PERMISSION_MESSAGE = "You do not have permission to link issues.";

// POST /rest/api/3/issueLink — https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-links/#api-rest-api-3-issuelink-post
// 201 with no body; "If the link request duplicates a link, the response indicates that the issue link was created"
// (and no second link appears). The optional `comment` is not emulated and is recorded as unexpected.
function linkIssues(ctx: RouteContext): RouteResult {
  requirePermission(ctx, "LINK_ISSUES", LINK_PERMISSION_MESSAGE);
  const body = isObject(ctx.body) ? ctx.body : {};
  const type = isObject(body.type) ? body.type : {};
  const linkType = LINK_TYPES.find(
    (t) => t.id === type.id || (typeof type.name === "string" && t.name.toLowerCase() === type.name.toLowerCase()),
  );
  if (!linkType) throw jiraError(404, [`No issue link type with name '${String(type.name ?? type.id)}' found.`]);
  const ref = (v: unknown) => (isObject(v) ? String(v.key ?? v.id ?? "") : "");
  const inward = visibleIssue(ctx, ref(body.inwardIssue));
  const outward = visibleIssue(ctx, ref(body.outwardIssue));
  if (body.comment !== undefined)
    ctx.core.recordUnexpected(
      ctx.method,
      ctx.path,
      "issueLink `comment` is not emulated (the link was created without it)",
    );
  ctx.core.state.link(linkType.id, inward, outward);
  return { status: 201 };
}

// GET /rest/api/3/issueLink/{linkId} — https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-links/#api-rest-api-3-issuelink-linkid-get
function getIssueLink(ctx: RouteContext): RouteResult {
  const found = ctx.core.can("BROWSE_PROJECTS", ctx.user) ? ctx.core.state.issueLink(ctx.params[0]!) : undefined;
  if (!found) throw jiraError(404, [`No issue link with id '${ctx.params[0]}' exists.`]);
  return { status: 200, body: issueLinkRep(ctx.core.rep(), found.issue, found.link) };
}

const str = (v: unknown) => (typeof v === "string" ? v : undefined);

function icon(v: unknown): RemoteIcon | undefined {
  if (!isObject(v)) return undefined;
  const out: RemoteIcon = {};
  for (const k of ["url16x16", "title", "link"] as const) if (str(v[k]) !== undefined) out[k] = str(v[k]);
  return out;
}

/**
 * The request body of a remote link, validated. Only `object.url` and `object.title` are required
 * (https://developer.atlassian.com/server/jira/platform/jira-rest-api-for-remote-issue-links/: "There are only two
 * required fields for creating a link to a remote object: a URL and a link title"); Jira reports them as
 * "'URL' is required." / "'Link Text' is required.". globalId is at most 255 characters (RemoteIssueLinkRequest).
 */
function remoteLinkInput(body: unknown): Omit<RemoteLinkRecord, "id"> {
  const b = isObject(body) ? body : {};
  const o = isObject(b.object) ? b.object : {};
  const errors: Record<string, string> = {};
  if (!str(o.url)) errors.url = "'URL' is required.";
  if (!str(o.title)) errors.title = "'Link Text' is required.";
  const globalId = str(b.globalId) ?? null;
  if (globalId !== null && globalId.length > 255)
    errors.globalId = "The global ID must not be longer than 255 characters.";
  if (Object.keys(errors).length > 0) throw jiraError(400, [], errors);
  const object: RemoteObject = { url: str(o.url)!, title: str(o.title)! };
  if (str(o.summary) !== undefined) object.summary = str(o.summary);
  if (icon(o.icon)) object.icon = icon(o.icon);
  if (isObject(o.status)) {
    object.status = {};
    if (typeof o.status.resolved === "boolean") object.status.resolved = o.status.resolved;
    if (icon(o.status.icon)) object.status.icon = icon(o.status.icon);
  }
  const app = isObject(b.application) ? b.application : undefined;
  const application = app
    ? {
        ...(str(app.type) !== undefined ? { type: str(app.type) } : {}),
        ...(str(app.name) !== undefined ? { name: str(app.name) } : {}),
      }
    : null;
  return { globalId, application, relationship: str(b.relationship) ?? null, object };
}

// POST /rest/api/3/issue/{issueIdOrKey}/remotelink — https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-remote-links/#api-rest-api-3-issue-issueidorkey-remotelink-post
// "If a globalId is provided and a remote issue link with that global ID is found it is updated. Any fields without
// values in the request are set to null. Otherwise, the remote issue link is created." 201 created / 200 updated, both
// {id, self}. Needs Browse Projects (else 404) and Link Issues (else 403). The per-issue limit (413) is not emulated.
function createOrUpdateRemoteLink(ctx: RouteContext): RouteResult {
  const issue = visibleIssue(ctx, ctx.params[0]!);
  requirePermission(ctx, "LINK_ISSUES", LINK_PERMISSION_MESSAGE);
  const { link, created } = ctx.core.state.setRemoteLink(issue, remoteLinkInput(ctx.body));
  const { id, self } = remoteLinkRep(ctx.core.rep(), issue, link);
  return { status: created ? 201 : 200, body: { id, self } };
}

// GET /rest/api/3/issue/{issueIdOrKey}/remotelink[?globalId=] — https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-remote-links/#api-rest-api-3-issue-issueidorkey-remotelink-get
// An array of every remote link; with globalId, that single link (not an array), or 404.
function getRemoteLinks(ctx: RouteContext): RouteResult {
  const issue = visibleIssue(ctx, ctx.params[0]!);
  const rep = ctx.core.rep();
  const globalId = ctx.query.get("globalId");
  if (globalId === null) return { status: 200, body: issue.remoteLinks.map((l) => remoteLinkRep(rep, issue, l)) };
  const link = issue.remoteLinks.find((l) => l.globalId === globalId);
  if (!link) throw jiraError(404, [`No remote issue link with global ID '${globalId}' exists on this issue.`]);
  return { status: 200, body: remoteLinkRep(rep, issue, link) };
}

// GET /rest/api/3/issue/{issueIdOrKey}/remotelink/{linkId} — https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-remote-links/#api-rest-api-3-issue-issueidorkey-remotelink-linkid-get
// 400 when the id is not a number or the link belongs to another issue; 404 when there is no such link.
function getRemoteLinkById(ctx: RouteContext): RouteResult {
  const issue = visibleIssue(ctx, ctx.params[0]!);
  const raw = ctx.params[1]!;
  if (!/^\d+$/.test(raw)) throw jiraError(400, [`Invalid remote issue link id '${raw}'.`]);
  const link = issue.remoteLinks.find((l) => l.id === Number(raw));
  if (link) return { status: 200, body: remoteLinkRep(ctx.core.rep(), issue, link) };
  const elsewhere = ctx.core.state.all().some((i) => i.remoteLinks.some((l) => l.id === Number(raw)));
  if (elsewhere)
    throw jiraError(400, [`The remote issue link with id '${raw}' does not belong to issue '${issue.key}'.`]);
  throw jiraError(404, [`No remote issue link with id '${raw}' exists.`]);
}

export const linkRoutes: Route[] = [
  { method: "POST", pattern: /^\/rest\/api\/3\/issueLink$/, handler: linkIssues },
  { method: "GET", pattern: /^\/rest\/api\/3\/issueLink\/([^/]+)$/, handler: getIssueLink },
  { method: "POST", pattern: /^\/rest\/api\/3\/issue\/([^/]+)\/remotelink$/, handler: createOrUpdateRemoteLink },
  { method: "GET", pattern: /^\/rest\/api\/3\/issue\/([^/]+)\/remotelink$/, handler: getRemoteLinks },
  { method: "GET", pattern: /^\/rest\/api\/3\/issue\/([^/]+)\/remotelink\/([^/]+)$/, handler: getRemoteLinkById },
];
