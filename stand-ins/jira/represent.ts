// Jira-shaped JSON for the emulator's records. REST v3 by default; webhooks reuse it with api "2" (self URLs under
// /rest/api/2 and rich text as plain/wiki strings). Keys are limited to those in jira.js's OpenAPI-generated schemas.
import { adfToText } from "./adf.ts";
import { DONE_RESOLUTION, ISSUE_TYPES, LINK_TYPES, PRIORITIES, RESOLUTIONS, STATUS_CATEGORIES } from "./seed.ts";
import type { JiraState } from "./state.ts";
import type {
  AdfDoc,
  CommentRecord,
  IssueLinkRecord,
  IssueRecord,
  IssueTypeDef,
  JiraUser,
  PriorityDef,
  ProjectDef,
  RemoteLinkRecord,
  StatusCategoryKey,
  StatusDef,
} from "./types.ts";

export interface RepCtx {
  baseUrl: string;
  api: "2" | "3";
  state: JiraState;
  /** Rich text as strings (webhooks) instead of ADF documents. */
  textBodies?: boolean;
  /** Whether user objects carry emailAddress. */
  emails?: boolean;
}

const api = (ctx: RepCtx, path: string) => `${ctx.baseUrl}/rest/api/${ctx.api}${path}`;

export function avatarUrls(ctx: RepCtx, seed: string): Record<string, string> {
  const url = (size: number) => `${ctx.baseUrl}/secure/useravatar?size=${size}&ownerId=${encodeURIComponent(seed)}`;
  return { "48x48": url(48), "24x24": url(24), "16x16": url(16), "32x32": url(32) };
}

export function userRep(ctx: RepCtx, user: JiraUser): Record<string, unknown> {
  return {
    self: api(ctx, `/user?accountId=${encodeURIComponent(user.accountId)}`),
    accountId: user.accountId,
    ...(ctx.emails === false ? {} : { emailAddress: user.emailAddress }),
    avatarUrls: avatarUrls(ctx, user.accountId),
    displayName: user.displayName,
    active: true,
    timeZone: user.timeZone,
    accountType: "atlassian",
  };
}

export function statusCategoryRep(ctx: RepCtx, key: StatusCategoryKey) {
  const c = STATUS_CATEGORIES[key];
  return { self: api(ctx, `/statuscategory/${c.id}`), id: c.id, key, colorName: c.colorName, name: c.name };
}

export function statusRep(ctx: RepCtx, s: StatusDef) {
  return {
    self: api(ctx, `/status/${s.id}`),
    description: s.description,
    iconUrl: `${ctx.baseUrl}/images/icons/statuses/generic.png`,
    name: s.name,
    untranslatedName: s.name,
    id: s.id,
    statusCategory: statusCategoryRep(ctx, s.category),
  };
}

export function priorityRep(ctx: RepCtx, p: PriorityDef, full = false) {
  const base = {
    self: api(ctx, `/priority/${p.id}`),
    iconUrl: `${ctx.baseUrl}/images/icons/priorities/${p.name.toLowerCase()}.svg`,
    name: p.name,
    id: p.id,
  };
  return full ? { ...base, statusColor: p.statusColor, description: p.description, isDefault: p.isDefault } : base;
}

export function issueTypeRep(ctx: RepCtx, t: IssueTypeDef) {
  return {
    self: api(ctx, `/issuetype/${t.id}`),
    id: t.id,
    description: t.description,
    iconUrl: `${ctx.baseUrl}/rest/api/2/universal_avatar/view/type/issuetype/avatar/${t.id}?size=medium`,
    name: t.name,
    subtask: false,
    avatarId: Number(t.id) + 300,
    hierarchyLevel: 0,
  };
}

export function projectRefRep(ctx: RepCtx, p: ProjectDef) {
  return {
    self: api(ctx, `/project/${p.id}`),
    id: p.id,
    key: p.key,
    name: p.name,
    projectTypeKey: "software",
    simplified: false,
    avatarUrls: avatarUrls(ctx, `project-${p.id}`),
  };
}

export function projectRep(ctx: RepCtx, p: ProjectDef) {
  return {
    expand: "description,lead,issueTypes,url,projectKeys,permissions,insight",
    self: api(ctx, `/project/${p.id}`),
    id: p.id,
    key: p.key,
    description: `${p.name} (Jira emulator)`,
    lead: userRep(ctx, ctx.state.user(p.leadAccountId)),
    components: [],
    issueTypes: ISSUE_TYPES.map((t) => issueTypeRep(ctx, t)),
    assigneeType: "UNASSIGNED",
    versions: [],
    name: p.name,
    roles: {},
    avatarUrls: avatarUrls(ctx, `project-${p.id}`),
    projectTypeKey: "software",
    simplified: false,
    style: "classic",
    isPrivate: false,
    properties: {},
  };
}

/** Jira's timestamp format: 2024-05-01T12:00:00.000+0000. */
export function jiraTime(ms: number): string {
  return new Date(ms).toISOString().replace("Z", "+0000");
}

function richText(ctx: RepCtx, doc: AdfDoc | null): AdfDoc | string | null {
  if (doc === null) return null;
  return ctx.textBodies ? adfToText(doc) : doc;
}

export function commentRep(ctx: RepCtx, issue: IssueRecord, c: CommentRecord, withProperties = false) {
  const author = userRep(ctx, ctx.state.user(c.authorId));
  return {
    self: api(ctx, `/issue/${issue.id}/comment/${c.id}`),
    id: c.id,
    author,
    body: richText(ctx, c.body),
    updateAuthor: author,
    created: jiraTime(c.created),
    updated: jiraTime(c.updated),
    ...(c.visibility ? { visibility: c.visibility } : {}),
    jsdPublic: true,
    ...(withProperties ? { properties: Object.entries(c.properties).map(([key, value]) => ({ key, value })) } : {}),
  };
}

export const ALL_FIELDS = [
  "summary",
  "description",
  "status",
  "priority",
  "labels",
  "issuetype",
  "project",
  "assignee",
  "reporter",
  "creator",
  "created",
  "updated",
  "resolution",
  "resolutiondate",
  "duedate",
  "comment",
  "issuelinks",
] as const;

/** Display names (expand=names) where Jira's differ from the capitalised id. */
const FIELD_NAMES: Record<string, string> = {
  issuetype: "Issue Type",
  duedate: "Due date",
  resolutiondate: "Resolved",
  issuelinks: "Linked Issues",
};

export function issueFields(ctx: RepCtx, issue: IssueRecord, wanted: ReadonlySet<string>): Record<string, unknown> {
  const s = ctx.state;
  const user = (id: string | null) => (id ? userRep(ctx, s.user(id)) : null);
  const values: Record<string, () => unknown> = {
    summary: () => issue.summary,
    description: () => richText(ctx, issue.description),
    status: () => statusRep(ctx, s.status(issue)),
    priority: () =>
      priorityRep(
        ctx,
        PRIORITIES.find((p) => p.id === issue.priorityId)!,
      ),
    labels: () => [...issue.labels],
    issuetype: () =>
      issueTypeRep(
        ctx,
        ISSUE_TYPES.find((t) => t.id === issue.issueTypeId)!,
      ),
    project: () => projectRefRep(ctx, s.project(issue)),
    assignee: () => user(issue.assigneeId),
    reporter: () => user(issue.reporterId),
    creator: () => user(issue.creatorId),
    created: () => jiraTime(issue.created),
    updated: () => jiraTime(issue.updated),
    resolution: () =>
      issue.resolved === null
        ? null
        : resolutionRep(ctx, RESOLUTIONS.find((r) => r.id === issue.resolutionId) ?? DONE_RESOLUTION),
    resolutiondate: () => (issue.resolved === null ? null : jiraTime(issue.resolved)),
    duedate: () => issue.dueDate,
    comment: () => ({
      comments: issue.comments.map((c) => commentRep(ctx, issue, c)),
      self: api(ctx, `/issue/${issue.id}/comment`),
      maxResults: issue.comments.length,
      total: issue.comments.length,
      startAt: 0,
    }),
    issuelinks: () => issue.links.map((l) => linkRep(ctx, l)),
  };
  const out: Record<string, unknown> = {};
  for (const name of ALL_FIELDS) if (wanted.has(name)) out[name] = values[name]!();
  return out;
}

// One entry of fields.issuelinks, as documented in https://developer.atlassian.com/cloud/jira/platform/issue-linking-model/:
// {id, self, type {id, name, inward, outward, self}, and inwardIssue *or* outwardIssue — the other issue, with a few
// fields}. Seen from the issue given as inwardIssue to POST /issueLink, the other one is the outwardIssue (and back).
function linkedIssueRep(ctx: RepCtx, issue: IssueRecord) {
  return {
    id: issue.id,
    key: issue.key,
    self: api(ctx, `/issue/${issue.id}`),
    fields: issueFields(ctx, issue, new Set(["summary", "status", "priority", "issuetype"])),
  };
}

function linkTypeRep(ctx: RepCtx, typeId: string) {
  const type = LINK_TYPES.find((t) => t.id === typeId)!;
  return { ...type, self: api(ctx, `/issueLinkType/${type.id}`) };
}

function linkRep(ctx: RepCtx, link: IssueLinkRecord) {
  const other = ctx.state.find(link.otherIssueId);
  return {
    id: link.id,
    self: api(ctx, `/issueLink/${link.id}`),
    type: linkTypeRep(ctx, link.typeId),
    [`${link.direction}Issue`]: other && linkedIssueRep(ctx, other),
  };
}

/** GET /issueLink/{id}: both sides. `holder` is an issue carrying the link; `link` is its record of it. */
export function issueLinkRep(ctx: RepCtx, holder: IssueRecord, link: IssueLinkRecord) {
  const other = ctx.state.find(link.otherIssueId)!;
  const [inward, outward] = link.direction === "outward" ? [holder, other] : [other, holder];
  return {
    id: link.id,
    self: api(ctx, `/issueLink/${link.id}`),
    type: linkTypeRep(ctx, link.typeId),
    inwardIssue: linkedIssueRep(ctx, inward),
    outwardIssue: linkedIssueRep(ctx, outward),
  };
}

// A remote issue link as GET /issue/{key}/remotelink returns it
// (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-remote-links/#api-rest-api-3-issue-issueidorkey-remotelink-get):
// {id, self, globalId, application, relationship, object {url, title, summary, icon, status}}. Keys never set are left
// out; `application`, `object.icon` and `object.status.icon` come back as empty objects, as Jira renders them.
export function remoteLinkRep(ctx: RepCtx, issue: IssueRecord, link: RemoteLinkRecord) {
  const { url, title, summary, icon, status } = link.object;
  return {
    id: link.id,
    self: api(ctx, `/issue/${issue.key}/remotelink/${link.id}`),
    ...(link.globalId === null ? {} : { globalId: link.globalId }),
    application: link.application ?? {},
    ...(link.relationship === null ? {} : { relationship: link.relationship }),
    object: {
      url,
      title,
      ...(summary === undefined ? {} : { summary }),
      icon: icon ?? {},
      status: { ...status, icon: status?.icon ?? {} },
    },
  };
}

export function changelogRep(ctx: RepCtx, issue: IssueRecord) {
  const histories = [...issue.changelog].reverse().map((e) => ({
    id: e.id,
    author: userRep(ctx, ctx.state.user(e.authorId)),
    created: jiraTime(e.created),
    items: e.items,
  }));
  return { startAt: 0, maxResults: histories.length, total: histories.length, histories };
}

/** Parses Jira's `fields` list (`*all`, `*navigable`, `id`, names, `-name`); `fallback` applies when none was given. */
export function resolveFields(list: string[], fallback: "*all" | "id"): { fields: Set<string>; key: boolean } {
  const tokens = (list.length > 0 ? list : [fallback])
    .flatMap((f) => f.split(","))
    .map((f) => f.trim())
    .filter(Boolean);
  const fields = new Set<string>();
  let key = false;
  for (const t of tokens) {
    if (t === "*all" || t === "*navigable") ALL_FIELDS.forEach((f) => fields.add(f));
    else if (t === "key") key = true;
    else if (!t.startsWith("-") && (ALL_FIELDS as readonly string[]).includes(t)) fields.add(t);
  }
  for (const t of tokens) if (t.startsWith("-")) fields.delete(t.slice(1));
  return { fields, key };
}

export interface IssueRepOptions {
  fields: string[];
  defaultFields: "*all" | "id";
  properties: string[];
  expand: string[];
}

export function issueRep(ctx: RepCtx, issue: IssueRecord, opts: IssueRepOptions): Record<string, unknown> {
  const { fields, key } = resolveFields(opts.fields, opts.defaultFields);
  const expand = new Set(opts.expand.flatMap((e) => e.split(",")).map((e) => e.trim()));
  const out: Record<string, unknown> = { id: issue.id };
  if (fields.size > 0 || key || opts.defaultFields === "*all") {
    Object.assign(out, {
      expand: "renderedFields,names,schema,operations,editmeta,changelog,versionedRepresentations",
      self: api(ctx, `/issue/${issue.id}`),
      key: issue.key,
      fields: issueFields(ctx, issue, fields),
    });
  }
  const propKeys = opts.properties
    .flatMap((p) => p.split(","))
    .map((p) => p.trim())
    .filter(Boolean);
  if (propKeys.length > 0) {
    const props: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(issue.properties))
      if ((propKeys.includes("*all") || propKeys.includes(k)) && !propKeys.includes(`-${k}`)) props[k] = v;
    out.properties = props;
  }
  if (expand.has("changelog")) out.changelog = changelogRep(ctx, issue);
  if (expand.has("transitions") || expand.has("transitions.fields"))
    out.transitions = ctx.state
      .transitions(issue)
      .map((t) => transitionRep(ctx, issue, t, expand.has("transitions.fields")));
  if (expand.has("names"))
    out.names = Object.fromEntries([...fields].map((f) => [f, FIELD_NAMES[f] ?? f[0]!.toUpperCase() + f.slice(1)]));
  return out;
}

function resolutionRep(ctx: RepCtx, r: (typeof RESOLUTIONS)[number]) {
  return { self: api(ctx, `/resolution/${r.id}`), ...r };
}

/**
 * A transition; its screen's fields only with `expand=transitions.fields` (FieldMetadata, keyed by field id).
 * https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-transitions-get
 */
export function transitionRep(
  ctx: RepCtx,
  issue: IssueRecord,
  t: { id: string; name: string; to: StatusDef },
  withFields: boolean,
) {
  const screen = ctx.state.screenOf(issue, t.to);
  const out: Record<string, unknown> = {
    id: t.id,
    name: t.name,
    to: statusRep(ctx, t.to),
    hasScreen: screen !== null,
    isGlobal: true,
    isInitial: false,
    isAvailable: true,
    isConditional: false,
  };
  if (!withFields) return out;
  const allowed = (screen?.resolutionIds ?? []).map((id) =>
    resolutionRep(
      ctx,
      RESOLUTIONS.find((r) => r.id === id)!,
    ),
  );
  const resolution = {
    required: true,
    schema: { type: "resolution", system: "resolution" },
    name: "Resolution",
    key: "resolution",
    hasDefaultValue: false,
    operations: ["set"],
    allowedValues: allowed,
  };
  out.fields = screen ? { resolution } : {};
  return out;
}
