// Confluence Cloud REST v2 endpoints (/wiki/api/v2). Each handler cites its reference page; the status codes are
// the ones the OpenAPI document lists (create page is 200, not 201; v2 answers 404 for both "missing" and "not allowed").
import { adfProblems, EMPTY_DOC, parseStorage } from "./adf.ts";
import type { Route, RouteContext, RouteResult } from "./http.ts";
import {
  childPageRep,
  detailedVersionRep,
  directChildRep,
  labelRep,
  pageRep,
  pageSummaryRep,
  pageVersionRep,
  propertyRep,
  spaceRep,
  spaceSummaryRep,
  wikiBase,
  type BodyFormat,
  type RepCtx,
} from "./represent.ts";
import { RESPONSES } from "./schemas.ts";
import { current, type PageRecord, type PropertyRecord, type StoredBody } from "./state.ts";
import { v2Error, type AdfDoc } from "./types.ts";

const V2 = "/wiki/api/v2";

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Comma-separated and/or repeated query parameter (the OpenAPI document says comma-separated; confluence.js repeats). */
export function list(query: URLSearchParams, name: string): string[] {
  return query
    .getAll(name)
    .flatMap((v) => v.split(","))
    .map((v) => v.trim())
    .filter(Boolean);
}

export function rep(ctx: RouteContext): RepCtx {
  return { state: ctx.core.state, baseUrl: ctx.core.baseUrl(), unsupported: (what) => ctx.unexpected(what) };
}

/** Path ids are integers in the v2 OpenAPI document. */
function numericId(value: string, name: string): string {
  if (!/^\d+$/.test(value)) throw v2Error(400, `Invalid value for path parameter '${name}': ${value}`);
  return value;
}

function idString(value: unknown): string | undefined {
  if (typeof value === "string" && value !== "") return value;
  if (typeof value === "number" && Number.isInteger(value)) return String(value);
  return undefined;
}

function bodyFormat(ctx: RouteContext): BodyFormat | undefined {
  const format = ctx.query.get("body-format") ?? undefined;
  if (format === undefined || format === "storage" || format === "atlas_doc_format") return format;
  ctx.unexpected(`body-format=${format} is not emulated (only storage and atlas_doc_format)`);
  throw v2Error(400, `body-format ${format} is not supported by the emulator`);
}

function flag(ctx: RouteContext, name: string): boolean {
  return ctx.query.get(name) === "true";
}

function unsupportedFlags(ctx: RouteContext, names: string[]): void {
  for (const name of names) if (flag(ctx, name)) ctx.unexpected(`${name}=true is not emulated`);
}

const MAX_LIMIT = 250;

/**
 * Cursor pagination as v2 does it: `limit` (default 25, max 250), an opaque `cursor`, and the next page's relative URL
 * in `_links.next` and the `Link` header (https://developer.atlassian.com/cloud/confluence/rest/v2/intro/#using).
 */
function paginate<T>(
  ctx: RouteContext,
  items: T[],
): { results: T[]; _links: Record<string, string>; headers: Record<string, string> } {
  const limitRaw = ctx.query.get("limit");
  const limit = limitRaw === null ? 25 : Number(limitRaw);
  if (!Number.isInteger(limit) || limit < 1)
    throw v2Error(400, `Invalid value for query parameter 'limit': ${limitRaw}`);
  const cursor = ctx.query.get("cursor");
  let offset = 0;
  if (cursor !== null) {
    const decoded = /^o(\d+)$/.exec(Buffer.from(cursor, "base64url").toString("utf8"));
    if (!decoded) throw v2Error(400, "Invalid cursor");
    offset = Number(decoded[1]);
  }
  const size = Math.min(limit, MAX_LIMIT);
  const results = items.slice(offset, offset + size);
  const base = wikiBase(rep(ctx));
  if (offset + size >= items.length) return { results, _links: { base }, headers: {} };
  const query = new URLSearchParams(ctx.query);
  query.set("cursor", Buffer.from(`o${offset + size}`).toString("base64url"));
  const next = `${ctx.path}?${query.toString()}`;
  return { results, _links: { next, base }, headers: { Link: `<${next}>; rel="next", <${base}>; rel="base"` } };
}

function listResult<T>(ctx: RouteContext, items: T[]): RouteResult {
  const page = paginate(ctx, items);
  return { status: 200, body: { results: page.results, _links: page._links }, headers: page.headers };
}

/** `body: {representation, value}` of a page write (PageBodyWrite). */
function parseBodyWrite(
  ctx: RouteContext,
  body: unknown,
  required: boolean,
): { stored: StoredBody; format: BodyFormat } {
  if (body === undefined || body === null) {
    if (required) throw v2Error(400, "Page body is required when updating a page");
    return { stored: { representation: "atlas_doc_format", adf: EMPTY_DOC }, format: "atlas_doc_format" };
  }
  if (!isObject(body)) throw v2Error(400, "body must be an object with representation and value");
  const { representation, value } = body;
  if (representation === "wiki") {
    ctx.unexpected("the wiki body representation is not emulated");
    throw v2Error(400, "wiki representation is not supported by the emulator");
  }
  if (representation !== "storage" && representation !== "atlas_doc_format")
    throw v2Error(400, `Invalid representation: ${JSON.stringify(representation)}`);
  if (typeof value !== "string") throw v2Error(400, "body.value must be a string");
  if (representation === "storage") {
    try {
      parseStorage(value);
    } catch (err) {
      throw v2Error(400, `Error parsing xhtml: ${err instanceof Error ? err.message : String(err)}`);
    }
    return { stored: { representation: "storage", storage: value }, format: "storage" };
  }
  // atlas_doc_format values are ADF documents serialised as JSON strings; Confluence rejects malformed ones with 400.
  let doc: unknown;
  try {
    doc = JSON.parse(value);
  } catch {
    throw v2Error(400, "Invalid ADF: body.value is not valid JSON");
  }
  const problems = adfProblems(doc);
  if (problems.length > 0) throw v2Error(400, `Invalid ADF: ${problems.join("; ")}`);
  return { stored: { representation: "atlas_doc_format", adf: doc as AdfDoc }, format: "atlas_doc_format" };
}

function checkTitle(title: unknown): string {
  if (typeof title !== "string" || title.trim() === "") throw v2Error(400, "Title is required for published content");
  if (title.length > 255) throw v2Error(400, "Title must be 255 characters or fewer");
  return title;
}

function parentIn(ctx: RouteContext, spaceId: string, parentRef: unknown): PageRecord {
  const id = idString(parentRef);
  const parent = id === undefined ? undefined : ctx.core.state.findPage(id);
  if (!parent || parent.spaceId !== spaceId) throw v2Error(404, "Not Found");
  return parent;
}

// POST /pages — https://developer.atlassian.com/cloud/confluence/rest/v2/api-group-page/#api-pages-post
// Published pages need a title, titles are unique among a space's current pages (400), the space must exist (404).
// Without parentId the page goes under the space homepage; root-level=true puts it outside that tree.
function createPage(ctx: RouteContext): RouteResult {
  const b = isObject(ctx.body) ? ctx.body : {};
  unsupportedFlags(ctx, ["embedded", "private"]);
  for (const key of Object.keys(b))
    if (!["spaceId", "status", "title", "parentId", "body", "subtype"].includes(key))
      ctx.unexpected(`create page: body field "${key}" is not emulated`);
  if (b.subtype !== undefined && b.subtype !== "page")
    ctx.unexpected(`create page: subtype ${JSON.stringify(b.subtype)} is not emulated`);
  const status = b.status ?? "current";
  if (status !== "current") {
    ctx.unexpected(`create page: status ${JSON.stringify(status)} is not emulated (only current)`);
    throw v2Error(400, `Status ${String(status)} is not supported by the emulator`);
  }
  const spaceId = idString(b.spaceId);
  if (spaceId === undefined) throw v2Error(400, "spaceId is required");
  const space = ctx.core.state.space(spaceId);
  if (!space) throw v2Error(404, "Not Found");
  const title = checkTitle(b.title);
  const rootLevel = flag(ctx, "root-level");
  if (rootLevel && b.parentId !== undefined) throw v2Error(400, "parentId may not be supplied when root-level is true");
  const parentId =
    b.parentId !== undefined ? parentIn(ctx, space.id, b.parentId).id : rootLevel ? null : space.homepageId;
  const { stored, format } = parseBodyWrite(ctx, b.body, false);
  const page = ctx.core.state.createPage({
    spaceId: space.id,
    parentId,
    title,
    body: stored,
    authorId: ctx.user.accountId,
  });
  return { status: 200, body: pageRep(rep(ctx), page, { format }) };
}

// GET /pages/{id} — https://developer.atlassian.com/cloud/confluence/rest/v2/api-group-page/#api-pages-id-get
// Without body-format the body is empty; `version` returns an earlier version (status "historical").
function getPage(ctx: RouteContext): RouteResult {
  const page = ctx.core.state.page(numericId(ctx.params[0]!, "id"));
  unsupportedFlags(ctx, [
    "get-draft",
    "include-operations",
    "include-likes",
    "include-favorited-by-current-user-status",
    "include-webresources",
    "include-collaborators",
    "include-direct-children",
  ]);
  const statuses = list(ctx.query, "status");
  if (statuses.length > 0 && !statuses.includes(page.status)) throw v2Error(404, "Not Found");
  const versionParam = ctx.query.get("version");
  const version = versionParam === null ? undefined : page.versions.find((v) => String(v.number) === versionParam);
  if (versionParam !== null && !version) throw v2Error(404, "Not Found");
  return {
    status: 200,
    body: pageRep(rep(ctx), page, {
      format: bodyFormat(ctx),
      version,
      includeVersion: ctx.query.get("include-version") !== "false",
      includeLabels: flag(ctx, "include-labels"),
      includeProperties: flag(ctx, "include-properties"),
      includeVersions: flag(ctx, "include-versions"),
    }),
  };
}

// PUT /pages/{id} — https://developer.atlassian.com/cloud/confluence/rest/v2/api-group-page/#api-pages-id-put
// id, status, title, body and version are required. version.number must be exactly the current number + 1: anything
// else is 409 CONFLICT (not in the OpenAPI response list, but what Confluence answers; wording as observed, see types.ts).
function updatePage(ctx: RouteContext): RouteResult {
  const id = numericId(ctx.params[0]!, "id");
  const page = ctx.core.state.page(id);
  ctx.core.loseNextUpdate(page.id);
  const b = isObject(ctx.body) ? ctx.body : {};
  for (const key of Object.keys(b))
    if (!["id", "status", "title", "spaceId", "parentId", "ownerId", "body", "version"].includes(key))
      ctx.unexpected(`update page: body field "${key}" is not emulated`);
  if (idString(b.id) !== id) throw v2Error(400, "The id in the request body must match the id in the path");
  if (b.status === undefined) throw v2Error(400, "status is required");
  if (b.status !== "current") {
    ctx.unexpected(`update page: status ${JSON.stringify(b.status)} is not emulated (only current)`);
    throw v2Error(400, `Status ${String(b.status)} is not supported by the emulator`);
  }
  const title = checkTitle(b.title);
  const version = isObject(b.version) ? b.version : undefined;
  if (!version || typeof version.number !== "number" || !Number.isInteger(version.number))
    throw v2Error(400, "version.number is required");
  const currentNumber = current(page).number;
  if (version.number !== currentNumber + 1)
    throw v2Error(
      409,
      `Version must be incremented when updating a page. Current Version: [${currentNumber}]. Provided version: [${version.number}]`,
    );
  if (b.spaceId !== undefined && idString(b.spaceId) !== page.spaceId) {
    ctx.unexpected("update page: moving a page to another space is not emulated");
    throw v2Error(400, "Moving pages between spaces is not supported by the emulator");
  }
  if (b.ownerId !== undefined && b.ownerId !== page.ownerId)
    ctx.unexpected("update page: changing ownerId is not emulated");
  let parentId: string | null | undefined;
  if (b.parentId !== undefined && b.parentId !== null && idString(b.parentId) !== page.parentId) {
    const parent = parentIn(ctx, page.spaceId, b.parentId);
    if (parent.id === page.id || ctx.core.state.isDescendant(parent, page.id))
      throw v2Error(400, "A page cannot be moved under itself or its descendants");
    parentId = parent.id;
  }
  const { stored, format } = parseBodyWrite(ctx, b.body, true);
  ctx.core.state.addVersion(page, {
    title,
    body: stored,
    authorId: ctx.user.accountId,
    message: typeof version.message === "string" ? version.message : "",
    minorEdit: version.minorEdit === true,
    parentId,
  });
  return { status: 200, body: pageRep(rep(ctx), page, { format }) };
}

const PAGE_SORTS: Record<string, (a: PageRecord, b: PageRecord) => number> = {
  id: (a, b) => Number(a.id) - Number(b.id),
  "created-date": (a, b) => a.createdAt - b.createdAt || Number(a.id) - Number(b.id),
  "modified-date": (a, b) => current(a).createdAt - current(b).createdAt || Number(a.id) - Number(b.id),
  title: (a, b) => current(a).title.localeCompare(current(b).title),
};

function sortPages(ctx: RouteContext, pages: PageRecord[]): PageRecord[] {
  const sort = ctx.query.get("sort") ?? "id";
  const compare = PAGE_SORTS[sort.replace(/^-/, "")];
  if (!compare) throw v2Error(400, `Invalid sort: ${sort}`);
  return [...pages].sort((a, b) => (sort.startsWith("-") ? -compare(a, b) : compare(a, b)));
}

/** status filter: by default `current` and `archived`. */
function statusFilter(ctx: RouteContext): (p: PageRecord) => boolean {
  const statuses = list(ctx.query, "status");
  const wanted = statuses.length > 0 ? statuses : ["current", "archived"];
  return (p) => wanted.includes(p.status);
}

// GET /pages — https://developer.atlassian.com/cloud/confluence/rest/v2/api-group-page/#api-pages-get
// Filters: id, space-id (lists), status, title (exact), subtype; sort; body-format; cursor/limit.
function getPages(ctx: RouteContext): RouteResult {
  const ids = list(ctx.query, "id");
  const spaceIds = list(ctx.query, "space-id");
  const title = ctx.query.get("title");
  const subtype = ctx.query.get("subtype");
  if (subtype === "live") ctx.unexpected("subtype=live is not emulated");
  const format = bodyFormat(ctx);
  const hits = ctx.core.state
    .allPages()
    .filter((p) => ids.length === 0 || ids.includes(p.id))
    .filter((p) => spaceIds.length === 0 || spaceIds.includes(p.spaceId))
    .filter((p) => title === null || current(p).title === title)
    .filter(statusFilter(ctx))
    .filter(ctx.canView);
  return listResult(
    ctx,
    sortPages(ctx, hits).map((p) => pageSummaryRep(rep(ctx), p, format)),
  );
}

// GET /spaces/{id}/pages — https://developer.atlassian.com/cloud/confluence/rest/v2/api-group-page/#api-spaces-id-pages-get
function getPagesInSpace(ctx: RouteContext): RouteResult {
  const space = ctx.core.state.space(numericId(ctx.params[0]!, "id"));
  if (!space) throw v2Error(404, "Not Found");
  const depth = ctx.query.get("depth") ?? "all";
  if (depth !== "all" && depth !== "root") throw v2Error(400, `Invalid depth: ${depth}`);
  const title = ctx.query.get("title");
  const format = bodyFormat(ctx);
  const hits = ctx.core.state
    .allPages()
    .filter((p) => p.spaceId === space.id && (depth === "all" || p.parentId === null))
    .filter((p) => title === null || current(p).title === title)
    .filter(statusFilter(ctx))
    .filter(ctx.canView);
  return listResult(
    ctx,
    sortPages(ctx, hits).map((p) => pageSummaryRep(rep(ctx), p, format)),
  );
}

// GET /pages/{id}/children — https://developer.atlassian.com/cloud/confluence/rest/v2/api-group-children/#api-pages-id-children-get
// (deprecated by Atlassian in favour of /direct-children, below, which also lists non-page children).
function getChildPages(ctx: RouteContext): RouteResult {
  const page = ctx.core.state.page(numericId(ctx.params[0]!, "id"));
  const sort = ctx.query.get("sort");
  if (sort !== null && sort !== "child-position") ctx.unexpected(`children sort=${sort} is not emulated`);
  return listResult(ctx, ctx.core.state.children(page.id).filter(ctx.canView).map(childPageRep));
}

// GET /pages/{id}/direct-children — https://developer.atlassian.com/cloud/confluence/rest/v2/api-group-children/#api-pages-id-direct-children-get
function getDirectChildren(ctx: RouteContext): RouteResult {
  const page = ctx.core.state.page(numericId(ctx.params[0]!, "id"));
  const sort = ctx.query.get("sort");
  if (sort !== null && sort !== "child-position") ctx.unexpected(`direct-children sort=${sort} is not emulated`);
  return listResult(ctx, ctx.core.state.children(page.id).filter(ctx.canView).map(directChildRep));
}

// GET /pages/{id}/labels — https://developer.atlassian.com/cloud/confluence/rest/v2/api-group-label/#api-pages-id-labels-get
// (v2 can read labels; adding them is v1, routes-v1.ts.)
function getPageLabels(ctx: RouteContext): RouteResult {
  const page = ctx.core.state.page(numericId(ctx.params[0]!, "id"));
  const prefix = ctx.query.get("prefix");
  if (ctx.query.get("sort") !== null) ctx.unexpected("label sort is not emulated");
  const labels = ctx.core.state.labels(page).filter((l) => prefix === null || l.prefix === prefix);
  return listResult(ctx, labels.map(labelRep));
}

// GET /pages/{id}/versions — https://developer.atlassian.com/cloud/confluence/rest/v2/api-group-version/#api-pages-id-versions-get
function getPageVersions(ctx: RouteContext): RouteResult {
  const page = ctx.core.state.page(numericId(ctx.params[0]!, "id"));
  const format = bodyFormat(ctx);
  const sort = ctx.query.get("sort") ?? "-modified-date";
  if (sort !== "modified-date" && sort !== "-modified-date") throw v2Error(400, `Invalid sort: ${sort}`);
  const versions = sort === "modified-date" ? page.versions : [...page.versions].reverse();
  return listResult(
    ctx,
    versions.map((v) => pageVersionRep(rep(ctx), page, v, format)),
  );
}

// GET /pages/{page-id}/versions/{version-number} — https://developer.atlassian.com/cloud/confluence/rest/v2/api-group-version/#api-pages-page-id-versions-version-number-get
function getPageVersionDetails(ctx: RouteContext): RouteResult {
  const page = ctx.core.state.page(numericId(ctx.params[0]!, "page-id"));
  const version = page.versions.find((v) => String(v.number) === ctx.params[1]);
  if (!version) throw v2Error(404, "Not Found");
  return { status: 200, body: detailedVersionRep(page, version) };
}

// GET /spaces — https://developer.atlassian.com/cloud/confluence/rest/v2/api-group-space/#api-spaces-get
function getSpaces(ctx: RouteContext): RouteResult {
  const ids = list(ctx.query, "ids");
  const keys = list(ctx.query, "keys").map((k) => k.toUpperCase());
  for (const name of ["labels", "favorited-by", "not-favorited-by", "description-format"])
    if (ctx.query.get(name) !== null) ctx.unexpected(`spaces ${name} is not emulated`);
  const type = ctx.query.get("type");
  const status = ctx.query.get("status");
  const spaces = ctx.core.state.spaces
    .filter((s) => ids.length === 0 || ids.includes(s.id))
    .filter((s) => keys.length === 0 || keys.includes(s.key.toUpperCase()))
    .filter(() => (type === null || type === "global") && (status === null || status === "current"));
  return listResult(
    ctx,
    spaces.map((s) => spaceSummaryRep(rep(ctx), s)),
  );
}

// GET /spaces/{id} — https://developer.atlassian.com/cloud/confluence/rest/v2/api-group-space/#api-spaces-id-get
function getSpace(ctx: RouteContext): RouteResult {
  const space = ctx.core.state.space(numericId(ctx.params[0]!, "id"));
  if (!space) throw v2Error(404, "Not Found");
  unsupportedFlags(ctx, [
    "include-icon",
    "include-operations",
    "include-properties",
    "include-permissions",
    "include-role-assignments",
    "include-labels",
  ]);
  return { status: 200, body: spaceRep(rep(ctx), space) };
}

// ---------------------------------------------------------------------------------------------------------------
// Content properties — https://developer.atlassian.com/cloud/confluence/rest/v2/api-group-content-properties/
// A property is {id, key, value (any JSON), version}. Create/get/update answer 200, delete 204; properties of a page
// the user cannot see, or unknown ids, are 404.

function pageProperty(ctx: RouteContext): { page: PageRecord; property: PropertyRecord } {
  const page = ctx.core.state.page(numericId(ctx.params[0]!, "page-id"));
  const property = page.properties.find((p) => p.id === numericId(ctx.params[1]!, "property-id"));
  if (!property) throw v2Error(404, "Not Found");
  return { page, property };
}

// GET /pages/{page-id}/properties (?key= filters by exact key, case sensitive)
function getPageProperties(ctx: RouteContext): RouteResult {
  const page = ctx.core.state.page(numericId(ctx.params[0]!, "page-id"));
  const key = ctx.query.get("key");
  const sort = ctx.query.get("sort") ?? "key";
  if (sort !== "key" && sort !== "-key") throw v2Error(400, `Invalid sort: ${sort}`);
  const props = page.properties
    .filter((p) => key === null || p.key === key)
    .sort((a, b) => (sort === "-key" ? b.key.localeCompare(a.key) : a.key.localeCompare(b.key)));
  return listResult(ctx, props.map(propertyRep));
}

// POST /pages/{page-id}/properties — a second property with the same key is 400 (v1: "the content already has a
// value with the given key": https://developer.atlassian.com/cloud/confluence/rest/v1/api-group-content-properties/).
function createPageProperty(ctx: RouteContext): RouteResult {
  const page = ctx.core.state.page(numericId(ctx.params[0]!, "page-id"));
  const b = isObject(ctx.body) ? ctx.body : {};
  if (typeof b.key !== "string" || b.key === "") throw v2Error(400, "A content property key is required");
  if (b.key.length > 255) throw v2Error(400, "The content property key must be 255 characters or fewer");
  if (b.value === undefined) throw v2Error(400, "A content property value is required");
  if (page.properties.some((p) => p.key === b.key))
    throw v2Error(400, `The content already has a property with the key '${b.key}'`);
  return { status: 200, body: propertyRep(ctx.core.state.addProperty(page, b.key, b.value, ctx.user.accountId)) };
}

// GET /pages/{page-id}/properties/{property-id}
function getPageProperty(ctx: RouteContext): RouteResult {
  return { status: 200, body: propertyRep(pageProperty(ctx).property) };
}

// PUT /pages/{page-id}/properties/{property-id} — {key, value, version: {number, message?}}; number must be the
// current number + 1, else 409 (v1 documents "the given version does not match the expected target version";
// the v2 response list omits it). The emulator words it like the page conflict.
function updatePageProperty(ctx: RouteContext): RouteResult {
  const { page, property } = pageProperty(ctx);
  const b = isObject(ctx.body) ? ctx.body : {};
  if (b.key !== undefined && b.key !== property.key) {
    ctx.unexpected("update content property: changing the key is not emulated");
    throw v2Error(400, "The key of a content property cannot be changed by the emulator");
  }
  if (b.value === undefined) throw v2Error(400, "A content property value is required");
  const version = isObject(b.version) ? b.version : undefined;
  if (!version || typeof version.number !== "number" || !Number.isInteger(version.number))
    throw v2Error(400, "version.number is required");
  if (version.number !== property.version.number + 1)
    throw v2Error(
      409,
      `Version must be incremented when updating a content property. Current Version: [${property.version.number}]. Provided version: [${version.number}]`,
    );
  const message = typeof version.message === "string" ? version.message : undefined;
  return {
    status: 200,
    body: propertyRep(
      ctx.core.state.updateProperty(
        page,
        property,
        b.value,
        { number: version.number, message, minorEdit: version.minorEdit === true },
        ctx.user.accountId,
      ),
    ),
  };
}

// DELETE /pages/{page-id}/properties/{property-id}
function deletePageProperty(ctx: RouteContext): RouteResult {
  const { page, property } = pageProperty(ctx);
  ctx.core.state.deleteProperty(page, property);
  return { status: 204 };
}

const PAGE = new RegExp(`^${V2}/pages/([^/]+)$`);
const PROPERTIES = new RegExp(`^${V2}/pages/([^/]+)/properties$`);
const PROPERTY = new RegExp(`^${V2}/pages/([^/]+)/properties/([^/]+)$`);

export const v2Routes: Route[] = [
  { method: "GET", pattern: new RegExp(`^${V2}/spaces$`), handler: getSpaces, schema: RESPONSES.spaces },
  { method: "GET", pattern: new RegExp(`^${V2}/spaces/([^/]+)$`), handler: getSpace, schema: RESPONSES.space },
  {
    method: "GET",
    pattern: new RegExp(`^${V2}/spaces/([^/]+)/pages$`),
    handler: getPagesInSpace,
    schema: RESPONSES.pagesInSpace,
  },
  { method: "GET", pattern: new RegExp(`^${V2}/pages$`), handler: getPages, schema: RESPONSES.pages },
  { method: "POST", pattern: new RegExp(`^${V2}/pages$`), handler: createPage, schema: RESPONSES.page, write: true },
  { method: "GET", pattern: PAGE, handler: getPage, schema: RESPONSES.page },
  { method: "PUT", pattern: PAGE, handler: updatePage, schema: RESPONSES.page, write: true },
  {
    method: "GET",
    pattern: new RegExp(`^${V2}/pages/([^/]+)/children$`),
    handler: getChildPages,
    schema: RESPONSES.childPages,
  },
  {
    method: "GET",
    pattern: new RegExp(`^${V2}/pages/([^/]+)/direct-children$`),
    handler: getDirectChildren,
    schema: RESPONSES.directChildren,
  },
  {
    method: "GET",
    pattern: new RegExp(`^${V2}/pages/([^/]+)/labels$`),
    handler: getPageLabels,
    schema: RESPONSES.pageLabels,
  },
  {
    method: "GET",
    pattern: new RegExp(`^${V2}/pages/([^/]+)/versions$`),
    handler: getPageVersions,
    schema: RESPONSES.pageVersions,
  },
  {
    method: "GET",
    pattern: new RegExp(`^${V2}/pages/([^/]+)/versions/([^/]+)$`),
    handler: getPageVersionDetails,
    schema: RESPONSES.detailedVersion,
  },
  { method: "GET", pattern: PROPERTIES, handler: getPageProperties, schema: RESPONSES.pageContentProperties },
  { method: "POST", pattern: PROPERTIES, handler: createPageProperty, schema: RESPONSES.contentProperty, write: true },
  { method: "GET", pattern: PROPERTY, handler: getPageProperty, schema: RESPONSES.contentProperty },
  { method: "PUT", pattern: PROPERTY, handler: updatePageProperty, schema: RESPONSES.contentProperty, write: true },
  { method: "DELETE", pattern: PROPERTY, handler: deletePageProperty, write: true },
];
