// The Confluence Cloud REST v1 endpoints Firewatch needs where v2 has no equivalent: adding labels, and CQL search.
import { CqlSyntaxError, CqlUnsupported, parseCql, runCql } from "./cql.ts";
import type { Route, RouteContext, RouteResult } from "./http.ts";
import { v1ContentRep, v1LabelRep, v1SearchResultRep, wikiBase } from "./represent.ts";
import { isObject, rep } from "./routes-v2.ts";
import { RESPONSES } from "./schemas.ts";
import type { PageRecord } from "./state.ts";
import { v1Error } from "./types.ts";

const V1 = "/wiki/rest/api";

/** v1 looks content up by id; unknown ids (or content the user cannot see) are 404. */
function v1Page(ctx: RouteContext, id: string): PageRecord {
  const page = /^\d+$/.test(id) ? ctx.core.state.findPage(id) : undefined;
  if (!page) throw v1Error(404, `No content found with id: ContentId{id=${id}}`);
  return page;
}

// Characters Confluence does not allow in a label name, besides whitespace ("certain characters (:, ;, ., ,, ?, &, [,
// ], (, ), #, ^, *, @, !, ', `, spaces) are not allowed", https://docs.adaptavist.com/sr4c/latest/features/macros/built-in-macros/add-label);
// Confluence stores label names in lower case.
const LABEL_FORBIDDEN = /[\s:;.,?&[\]()#^*@!'`]/;
const PREFIXES = ["global", "my", "team"];

// POST /wiki/rest/api/content/{id}/label — https://developer.atlassian.com/cloud/confluence/rest/v1/api-group-content-labels/#api-wiki-rest-api-content-id-label-post
// Body: an array of {prefix, name} (or one such object). Adds to the existing labels and answers with all of them
// (LabelArray). 400 for labels with invalid characters or too many characters; 403 can-view-but-not-edit; 404 unknown id.
function addLabels(ctx: RouteContext): RouteResult {
  const page = v1Page(ctx, ctx.params[0]!);
  const items = Array.isArray(ctx.body) ? ctx.body : isObject(ctx.body) ? [ctx.body] : undefined;
  if (!items || items.length === 0) throw v1Error(400, "Labels to add must be a non-empty list of {prefix, name}");
  const labels = items.map((item) => {
    if (!isObject(item) || typeof item.name !== "string" || item.name === "")
      throw v1Error(400, "Each label needs a name");
    const prefix = item.prefix ?? "global";
    if (typeof prefix !== "string" || !PREFIXES.includes(prefix))
      throw v1Error(400, `Invalid label prefix: ${String(prefix)}`);
    if (prefix !== "global") ctx.unexpected(`label prefix "${prefix}" is not emulated (only global)`);
    if (item.name.length > 255)
      throw v1Error(400, `Label '${item.name}' is too long: the maximum length is 255 characters`);
    if (LABEL_FORBIDDEN.test(item.name)) throw v1Error(400, `Label '${item.name}' contains invalid characters`);
    return { prefix, name: item.name.toLowerCase() };
  });
  for (const l of labels) ctx.core.state.addLabel(page, l.prefix, l.name);
  const all = ctx.core.state.labels(page).map(v1LabelRep);
  return {
    status: 200,
    body: {
      results: all,
      start: 0,
      limit: 200,
      size: all.length,
      _links: { base: wikiBase(rep(ctx)), context: "/wiki" },
    },
  };
}

function parseQuery(ctx: RouteContext): ReturnType<typeof parseCql> {
  const cql = ctx.query.get("cql");
  if (cql === null || cql.trim() === "") throw v1Error(400, "The cql query parameter is required");
  try {
    return parseCql(cql);
  } catch (err) {
    if (err instanceof CqlUnsupported) {
      ctx.unexpected(`CQL "${cql}": ${err.message}`);
      throw v1Error(400, `Could not parse cql : ${cql}`);
    }
    if (err instanceof CqlSyntaxError) throw v1Error(400, err.message);
    throw err;
  }
}

/** Search sees a write only after the index caught up (searchLagMs), and only pages the caller may view. */
function searchable(ctx: RouteContext): (p: PageRecord) => boolean {
  const lag = ctx.core.searchLagMs();
  const now = ctx.core.state.now();
  return (p) => (lag <= 0 || now - p.indexedAt >= lag) && ctx.canView(p);
}

function limitParam(ctx: RouteContext, max: number): number {
  const raw = ctx.query.get("limit");
  const limit = raw === null ? 25 : Number(raw);
  if (!Number.isInteger(limit) || limit < 0) throw v1Error(400, `Invalid limit: ${raw}`);
  return Math.min(limit, max);
}

function offsetParam(ctx: RouteContext): number {
  const cursor = ctx.query.get("cursor");
  if (cursor !== null) {
    const decoded = /^o(\d+)$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!decoded) throw v1Error(400, "Invalid cursor");
    return Number(decoded[1]);
  }
  const start = Number(ctx.query.get("start") ?? 0);
  return Number.isInteger(start) && start > 0 ? start : 0;
}

function nextLink(ctx: RouteContext, offset: number): string {
  const query = new URLSearchParams(ctx.query);
  query.delete("start");
  query.set("cursor", Buffer.from(`o${offset}`).toString("base64url"));
  return `${ctx.path.replace(/^\/wiki/, "")}?${query.toString()}`;
}

function checkExpand(ctx: RouteContext, allowed: string[]): string[] {
  const expand = ctx.query
    .getAll("expand")
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
  for (const e of expand) if (!allowed.includes(e)) ctx.unexpected(`expand=${e} is not emulated`);
  return expand;
}

// GET /wiki/rest/api/search?cql= — https://developer.atlassian.com/cloud/confluence/rest/v1/api-group-search/#api-wiki-rest-api-search-get
function search(ctx: RouteContext): RouteResult {
  const query = parseQuery(ctx);
  checkExpand(ctx, []);
  const hits = runCql(ctx.core.state, query, searchable(ctx));
  const limit = limitParam(ctx, 1000);
  const offset = offsetParam(ctx);
  const page = hits.slice(offset, offset + limit);
  const links: Record<string, string> = { base: wikiBase(rep(ctx)), context: "/wiki" };
  if (offset + limit < hits.length) links.next = nextLink(ctx, offset + limit);
  return {
    status: 200,
    body: {
      results: page.map((p) => v1SearchResultRep(rep(ctx), p)),
      start: offset,
      limit,
      size: page.length,
      totalSize: hits.length,
      cqlQuery: ctx.query.get("cql"),
      searchDuration: 7,
      _links: links,
    },
  };
}

// GET /wiki/rest/api/content/search?cql= — https://developer.atlassian.com/cloud/confluence/rest/v1/api-group-content/#api-wiki-rest-api-content-search-get
function searchContent(ctx: RouteContext): RouteResult {
  const query = parseQuery(ctx);
  const expandVersion = checkExpand(ctx, ["version"]).includes("version");
  const hits = runCql(ctx.core.state, query, searchable(ctx));
  const limit = limitParam(ctx, 250);
  const offset = offsetParam(ctx);
  const page = hits.slice(offset, offset + limit);
  const links: Record<string, string> = {
    base: wikiBase(rep(ctx)),
    context: "/wiki",
    self: `${wikiBase(rep(ctx))}/rest/api/content/search`,
  };
  if (offset + limit < hits.length) links.next = nextLink(ctx, offset + limit);
  return {
    status: 200,
    body: {
      results: page.map((p) => v1ContentRep(rep(ctx), p, expandVersion)),
      start: offset,
      limit,
      size: page.length,
      _links: links,
    },
  };
}

// GET /wiki/rest/api/user/current — https://developer.atlassian.com/cloud/confluence/rest/v1/api-group-users/#api-wiki-rest-api-user-current-get
// The account the request acts as (the API-token user, or the Forge app's bot user through the gateway).
function currentUser(ctx: RouteContext): RouteResult {
  const { accountId, displayName } = ctx.user;
  return {
    status: 200,
    body: { type: "known", accountId, accountType: "atlassian", displayName, publicName: displayName },
  };
}

export const v1Routes: Route[] = [
  { method: "GET", pattern: new RegExp(`^${V1}/user/current$`), handler: currentUser, schema: RESPONSES.user },
  {
    method: "POST",
    pattern: new RegExp(`^${V1}/content/([^/]+)/label$`),
    handler: addLabels,
    schema: RESPONSES.labelArray,
    write: true,
  },
  { method: "GET", pattern: new RegExp(`^${V1}/search$`), handler: search, schema: RESPONSES.searchResults },
  {
    method: "GET",
    pattern: new RegExp(`^${V1}/content/search$`),
    handler: searchContent,
    schema: RESPONSES.contentArray,
  },
];
