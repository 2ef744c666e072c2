// Confluence-shaped JSON built from the in-memory records. Field sets follow the 200 examples of the REST v2
// reference (https://developer.atlassian.com/cloud/confluence/rest/v2/intro/) and the v1 reference for labels and
// search (https://developer.atlassian.com/cloud/confluence/rest/v1/intro/); every shape is also checked strictly
// against confluence.js's schemas (schemas.ts).
import { adfToStorage, adfToText, storageToAdf } from "./adf.ts";
import {
  current,
  type ConfluenceState,
  type LabelRecord,
  type PageRecord,
  type PageVersionRecord,
  type PropertyRecord,
  type SpaceRecord,
  type StoredBody,
} from "./state.ts";
import type { AdfDoc } from "./types.ts";

export interface RepCtx {
  state: ConfluenceState;
  baseUrl: string;
  /** Told about content the emulator cannot convert between body formats. */
  unsupported(what: string): void;
}

export type BodyFormat = "storage" | "atlas_doc_format";

export const iso = (ms: number) => new Date(ms).toISOString();

/** `/wiki` under the site URL: what Confluence puts in `_links.base`. */
export const wikiBase = (ctx: RepCtx) => `${ctx.baseUrl}/wiki`;

export function bodyAsAdf(body: StoredBody, unsupported: (what: string) => void): AdfDoc {
  return body.representation === "atlas_doc_format" ? body.adf : storageToAdf(body.storage, unsupported);
}

export function bodyAsStorage(body: StoredBody, unsupported: (what: string) => void): string {
  return body.representation === "storage" ? body.storage : adfToStorage(body.adf, unsupported);
}

/** `body` of a page response: the requested representation only (Get page by id, body-format). */
export function bodyRep(
  ctx: RepCtx,
  body: StoredBody,
  format: BodyFormat | undefined,
): Record<string, { representation: string; value: string }> {
  if (!format) return {};
  const value =
    format === "atlas_doc_format"
      ? JSON.stringify(bodyAsAdf(body, ctx.unsupported))
      : bodyAsStorage(body, ctx.unsupported);
  return { [format]: { representation: format, value } };
}

export function versionRep(v: PageVersionRecord | PropertyRecord["version"]) {
  return {
    createdAt: iso(v.createdAt),
    message: v.message,
    number: v.number,
    minorEdit: v.minorEdit,
    authorId: v.authorId,
  };
}

function pageLinks(ctx: RepCtx, page: PageRecord, title: string) {
  const space = ctx.state.space(page.spaceId)!;
  return {
    editui: `/pages/resumedraft.action?draftId=${page.id}`,
    webui: `/spaces/${space.key}/pages/${page.id}/${encodeURIComponent(title).replace(/%20/g, "+")}`,
    edituiv2: `/spaces/${space.key}/pages/edit-v2/${page.id}`,
    tinyui: `/x/${Buffer.from(page.id).toString("base64url")}`,
  };
}

function pageCore(ctx: RepCtx, page: PageRecord, version: PageVersionRecord, status: string) {
  return {
    id: page.id,
    status,
    title: version.title,
    spaceId: page.spaceId,
    parentId: page.parentId,
    parentType: page.parentId === null ? null : "page",
    position: page.position,
    authorId: page.authorId,
    ownerId: page.ownerId,
    lastOwnerId: null,
    createdAt: iso(page.createdAt),
  };
}

export interface PageRepOptions {
  format?: BodyFormat;
  version?: PageVersionRecord;
  includeVersion?: boolean;
  includeLabels?: boolean;
  includeProperties?: boolean;
  includeVersions?: boolean;
}

/** Get page by id / Create page / Update page (v2 `Page`). */
export function pageRep(ctx: RepCtx, page: PageRecord, opts: PageRepOptions = {}) {
  const latest = current(page);
  const version = opts.version ?? latest;
  const out: Record<string, unknown> = {
    ...pageCore(ctx, page, version, version === latest ? page.status : "historical"),
    ...(opts.includeVersion === false ? {} : { version: versionRep(version) }),
    body: bodyRep(ctx, version.body, opts.format),
  };
  // include-labels / include-properties / include-versions: at most 50 results, with `meta` and `_links`.
  const included = <T>(all: T[], what: string) => ({
    results: all.slice(0, 50),
    meta: { hasMore: all.length > 50 },
    _links: { self: `/wiki/api/v2/pages/${page.id}/${what}` },
  });
  if (opts.includeLabels) out.labels = included(ctx.state.labels(page).map(labelRep), "labels");
  if (opts.includeProperties) out.properties = included(page.properties.map(propertyRep), "properties");
  if (opts.includeVersions) out.versions = included([...page.versions].reverse().map(versionRep), "versions");
  out._links = { ...pageLinks(ctx, page, version.title), base: wikiBase(ctx) };
  return out;
}

/** A page in a list (v2 `PageSummary` / `PageBulk`). */
export function pageSummaryRep(ctx: RepCtx, page: PageRecord, format: BodyFormat | undefined) {
  const version = current(page);
  return {
    ...pageCore(ctx, page, version, page.status),
    version: versionRep(version),
    body: bodyRep(ctx, version.body, format),
    _links: pageLinks(ctx, page, version.title),
  };
}

export function childPageRep(page: PageRecord) {
  return {
    id: page.id,
    status: page.status,
    title: current(page).title,
    spaceId: page.spaceId,
    childPosition: page.position,
  };
}

export function directChildRep(page: PageRecord) {
  return {
    id: page.id,
    status: page.status,
    title: current(page).title,
    type: "page",
    spaceId: page.spaceId,
    childPosition: page.position,
  };
}

export function labelRep(label: LabelRecord) {
  return { id: label.id, name: label.name, prefix: label.prefix };
}

export function propertyRep(p: PropertyRecord) {
  return { id: p.id, key: p.key, value: p.value, version: versionRep(p.version) };
}

export function pageVersionRep(ctx: RepCtx, page: PageRecord, v: PageVersionRecord, format: BodyFormat | undefined) {
  return {
    ...versionRep(v),
    page: { id: page.id, title: v.title, ...(format ? { body: bodyRep(ctx, v.body, format) } : {}) },
  };
}

export function detailedVersionRep(page: PageRecord, v: PageVersionRecord) {
  const last = current(page).number;
  return {
    number: v.number,
    authorId: v.authorId,
    message: v.message,
    createdAt: iso(v.createdAt),
    minorEdit: v.minorEdit,
    contentTypeModified: false,
    collaborators: [v.authorId],
    prevVersion: v.number > 1 ? v.number - 1 : null,
    nextVersion: v.number < last ? v.number + 1 : null,
  };
}

function spaceCore(ctx: RepCtx, space: SpaceRecord) {
  return {
    id: space.id,
    key: space.key,
    name: space.name,
    type: "global",
    status: "current",
    authorId: space.authorId,
    createdAt: iso(space.createdAt),
    homepageId: space.homepageId,
    description: null,
    icon: null,
    _links: { webui: `/spaces/${space.key}` },
  };
}

/** Get spaces (v2 `SpaceBulk`). */
export function spaceSummaryRep(ctx: RepCtx, space: SpaceRecord) {
  return { ...spaceCore(ctx, space), currentActiveAlias: space.key };
}

/** Get space by id (v2 `SpaceSingle`). */
export function spaceRep(ctx: RepCtx, space: SpaceRecord) {
  return { ...spaceCore(ctx, space), currentActiveAlias: space.key };
}

// ---------------------------------------------------------------------------------------------------------------
// v1

/** v1 `Label` (https://developer.atlassian.com/cloud/confluence/rest/v1/api-group-content-labels/). */
export function v1LabelRep(label: LabelRecord) {
  return { prefix: label.prefix, name: label.name, id: label.id, label: label.name };
}

/** v1 `Content` as returned by CQL search, with the default (unexpanded) fields. */
export function v1ContentRep(ctx: RepCtx, page: PageRecord, expandVersion: boolean) {
  const version = current(page);
  const space = ctx.state.space(page.spaceId)!;
  const links = pageLinks(ctx, page, version.title);
  return {
    id: page.id,
    type: "page",
    status: page.status,
    title: version.title,
    ...(expandVersion
      ? {
          version: {
            when: iso(version.createdAt),
            message: version.message,
            number: version.number,
            minorEdit: version.minorEdit,
          },
        }
      : {}),
    macroRenderedOutput: {},
    extensions: { position: page.position },
    _expandable: {
      container: `/rest/api/space/${space.key}`,
      metadata: "",
      restrictions: `/rest/api/content/${page.id}/restriction/byOperation`,
      history: `/rest/api/content/${page.id}/history`,
      body: "",
      ...(expandVersion ? {} : { version: "" }),
      descendants: `/rest/api/content/${page.id}/descendant`,
      space: `/rest/api/space/${space.key}`,
    },
    _links: {
      webui: links.webui,
      editui: links.editui,
      tinyui: links.tinyui,
      self: `${wikiBase(ctx)}/rest/api/content/${page.id}`,
    },
  };
}

/** One entry of GET /wiki/rest/api/search (v1 `SearchResult`). */
export function v1SearchResultRep(ctx: RepCtx, page: PageRecord) {
  const version = current(page);
  const space = ctx.state.space(page.spaceId)!;
  const text = adfToText(bodyAsAdf(version.body, () => {}))
    .replace(/\s+/g, " ")
    .trim();
  return {
    content: v1ContentRep(ctx, page, false),
    title: version.title,
    excerpt: text.slice(0, 200),
    url: pageLinks(ctx, page, version.title).webui,
    resultGlobalContainer: { title: space.name, displayUrl: `/spaces/${space.key}` },
    breadcrumbs: [],
    entityType: "content",
    iconCssClass: "aui-icon content-type-page",
    lastModified: iso(version.createdAt),
    friendlyLastModified: new Date(version.createdAt).toLocaleDateString("en-US", {
      month: "short",
      day: "2-digit",
      year: "numeric",
      timeZone: "UTC",
    }),
    score: 1,
  };
}
