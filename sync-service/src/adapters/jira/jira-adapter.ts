// The ticket port on Jira Cloud, through jira.js. Error kinds follow Jira's REST conventions
// (https://developer.atlassian.com/cloud/jira/platform/rest/v3/intro/#status-codes):
// 401/403 are permanent until someone fixes credentials or permissions; 429 carries Retry-After
// (https://developer.atlassian.com/cloud/jira/platform/rate-limiting/); 5xx and network errors are transient.
import {
  createCloudClient,
  isAuthError,
  isForbiddenError,
  isNotFoundError,
  isRateLimitError,
  isScopeError,
  type CloudClient,
} from "jira.js";
import { IntegrationError, TicketNotFoundError, TicketNotIndexedError } from "../../ports/integration-errors.ts";
import {
  type IssueMarker,
  type NewComment,
  type NewIssue,
  type RemoteIssue,
  type SyncResult,
  type TicketPort,
} from "../../ports/ticket-port.ts";
import { commentDoc, descriptionDoc } from "../../formats/adf/issue-adf.ts";
import { categoryOfKey, KEY_OF_CATEGORY, toRemoteIssue } from "../../formats/jira/jira-issue-mapper.ts";
import { bulkPermissionsRequest, ISSUE_FIELDS, toPermissionGrants } from "./jira-mapper.ts";
import { createScreen, editScreen, missingFromScreen, transitionInto } from "./jira-screens.ts";
import { createIssueTypes, priorityNames, projectKeys } from "./jira-site-meta.ts";

/** The issue and comment property Firewatch keeps on what it writes. */
export const PROPERTY_KEY = "firewatch";
const DEFAULT_TIMEOUT_MS = 10_000;
/**
 * How far /rest/api/3/search/jql may lag a write. The enhanced search is eventually consistent: read-after-write
 * holds only for issue ids passed in `reconcileIssues`, and a created issue's id is what we do not know
 * (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-post).
 * Atlassian gives no bound; seconds in practice, so half a minute leaves a wide margin.
 */
const SEARCH_SETTLE_MS = 30_000;
/** How soon to ask again about an issue the index does not hold yet: the lag is seconds in practice (above). */
const NOT_INDEXED_RETRY_MS = 3_000;

/** The standalone site: JIRA_BASE_URL with an API token (Basic auth). */
export interface JiraSettings {
  readonly baseUrl: string;
  readonly email: string;
  readonly apiToken: string;
  readonly timeoutMs?: number;
}

/** How to reach one tenant's Jira: the site with an API token, or a Forge installation's API as the app. */
export interface JiraConnection {
  /** jira.js `host`: the site, or the installation's API base URL (https://api.atlassian.com/ex/jira/<cloudId>). */
  readonly apiUrl: string;
  /** The site as people open it, for links to issues. */
  readonly siteUrl: string | null;
  readonly auth:
    | { readonly type: "basic"; readonly email: string; readonly apiToken: string }
    | { readonly type: "bearer"; getToken(): Promise<string> };
  readonly timeoutMs?: number;
}

export function basicConnection(settings: JiraSettings): JiraConnection {
  return {
    apiUrl: settings.baseUrl,
    siteUrl: settings.baseUrl,
    auth: { type: "basic", email: settings.email, apiToken: settings.apiToken },
    timeoutMs: settings.timeoutMs,
  };
}

/** The label that names the Firewatch link (or action item) an issue was created for: one issue per label. */
export function linkLabel(linkId: string): string {
  return `firewatch-link-${linkId}`;
}

/**
 * jira.js has no request timeout; a hung Jira must not hold a worker slot, so calls race a timer. jira.js 6 passes no
 * AbortSignal to fetch, so the request itself runs on and may still complete in Jira: a create that timed out has an
 * unknown outcome, which the link and action-item jobs reconcile by search before sending another (create-once.ts).
 */
async function withTimeout<T>(ms: number, call: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Jira did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([call(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function translate(error: unknown): unknown {
  if (isNotFoundError(error)) return new TicketNotFoundError("jira", "Jira answered 404", { cause: error });
  if (isAuthError(error) || isScopeError(error))
    return new IntegrationError("jira", "access", "Jira rejected the credentials (401)", { cause: error });
  if (isForbiddenError(error))
    return new IntegrationError("jira", "access", "the Jira account lacks a permission (403)", { cause: error });
  if (isRateLimitError(error))
    return new IntegrationError("jira", "transient", "Jira rate limit (429)", {
      cause: error,
      retryAfterMs: error.retryAfterMs ?? 10_000,
    });
  return error;
}

export function jiraTicketAdapter(connection: JiraConnection | null): TicketPort {
  const client: CloudClient | null = connection
    ? createCloudClient({ host: connection.apiUrl, auth: connection.auth })
    : null;
  const timeoutMs = connection?.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  let accountId: Promise<string> | null = null;

  async function call<T>(work: (jira: CloudClient) => Promise<T>): Promise<T> {
    if (!client || !connection)
      throw new IntegrationError(
        "jira",
        "not_configured",
        "JIRA_BASE_URL, JIRA_EMAIL and JIRA_API_TOKEN are not all set",
      );
    // An app token that is missing or expired is a typed error here, before jira.js sees the request.
    if (connection.auth.type === "bearer") await connection.auth.getToken();
    try {
      return await withTimeout(timeoutMs, () => work(client));
    } catch (error) {
      throw translate(error);
    }
  }

  const get = async (idOrKey: string): Promise<RemoteIssue> =>
    toRemoteIssue(await call((jira) => jira.issues.getIssue({ issueIdOrKey: idOrKey, fields: ISSUE_FIELDS })));

  const mark = (issueId: string, marker: IssueMarker) =>
    call((jira) =>
      jira.issueProperties.setIssueProperty({ issueIdOrKey: issueId, propertyKey: PROPERTY_KEY, body: { ...marker } }),
    );

  return {
    siteUrl: connection?.siteUrl ?? null,
    createSettleMs: timeoutMs + SEARCH_SETTLE_MS,
    accountId() {
      accountId ??= call((jira) => jira.myself.getCurrentUser()).then((me) => String(me.accountId));
      accountId.catch(() => (accountId = null));
      return accountId;
    },
    async findByLinkId(linkId) {
      // By the link's own label, not issue.property[firewatch].linkId: Jira indexes a property for JQL only when an
      // app declares it (the Forge app does; an API-token site has no app), and an unindexed property query answers
      // no error and no match. Labels are always indexed.
      const page = await call((jira) =>
        jira.issueSearch.searchAndReconsileIssuesUsingJqlPost({
          jql: `labels = "${linkLabel(linkId)}"`,
          fields: ISSUE_FIELDS,
          maxResults: 1,
        }),
      );
      const first = page.issues?.[0];
      return first ? toRemoteIssue(first) : null;
    },
    async create(issue: NewIssue) {
      // Priority and Due date only where the create screen has them (team-managed projects often lack Priority).
      const wanted = [...(issue.priority ? ["priority"] : []), ...(issue.dueDate ? ["duedate"] : [])];
      const screen = wanted.length > 0 ? await createScreen(call, issue.projectKey, issue.issueType) : null;
      const omitted = screen ? missingFromScreen(screen, wanted) : [];
      const created = await call((jira) =>
        jira.issues.createIssue({
          fields: {
            project: { key: issue.projectKey },
            issuetype: { name: issue.issueType },
            summary: issue.summary,
            description: descriptionDoc(issue.description, issue.incidentUrl, issue.marker.incidentKey),
            labels: [...issue.labels, linkLabel(issue.marker.linkId)],
            ...(issue.priority && !omitted.includes("priority") ? { priority: { name: issue.priority } } : {}),
            ...(issue.dueDate && !omitted.includes("duedate") ? { duedate: issue.dueDate } : {}),
          },
          // The marker is set in the same request, so a crash right after never leaves an unmarked issue.
          properties: [{ key: PROPERTY_KEY, value: { ...issue.marker } }],
        }),
      );
      return { ...(await get(String(created.id))), omitted };
    },
    get,
    async fetchRaw(idOrKey) {
      return call((jira) => jira.issues.getIssue({ issueIdOrKey: idOrKey, fields: ["*all"] }));
    },
    async displayName(accountId) {
      // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-users/#api-rest-api-3-user-get
      const user = await call((jira) => jira.users.getUser({ accountId }));
      return user.displayName ?? null;
    },
    async permissionsOf(accountId, query) {
      // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/#api-rest-api-3-permissions-check-post:
      // asking about another user takes Administer Jira, or an app asking as itself (a Forge app's token).
      // Jira asks about projects by id: the keys are looked up first (a project that does not exist holds nothing).
      const projectIds = new Map<string, string>();
      for (const key of new Set((query.projects ?? []).flatMap((q) => q.projectKeys))) {
        try {
          projectIds.set(key, String((await call((jira) => jira.projects.getProject({ projectIdOrKey: key }))).id));
        } catch (error) {
          if (!(error instanceof TicketNotFoundError)) throw error;
        }
      }
      const answer = await call((jira) =>
        jira.permissions.getBulkPermissions(bulkPermissionsRequest(accountId, query, projectIds)),
      );
      return toPermissionGrants(query, answer, projectIds);
    },
    async mark(issueId, marker) {
      await mark(issueId, marker);
    },
    async sync(issueId, target): Promise<SyncResult> {
      const issue = await call((jira) => jira.issues.getIssue({ issueIdOrKey: issueId, fields: ISSUE_FIELDS }));
      let status = {
        name: issue.fields?.status?.name ?? "",
        category: categoryOfKey(issue.fields?.status?.statusCategory?.key),
      };
      let unfilled: string[] = [];
      let blocked = false;
      if (status.category !== target.category) {
        const moved = await transitionInto(call, issueId, KEY_OF_CATEGORY[target.category], target.resolution);
        if (moved.reached !== null) status = { name: moved.reached, category: target.category };
        else [blocked, unfilled] = [true, moved.unfilled];
      }
      const omitted: string[] = [];
      if (target.priority && issue.fields?.priority?.name !== target.priority) {
        if ((await editScreen(call, issueId)).has("priority")) {
          await call((jira) =>
            jira.issues.editIssue({ issueIdOrKey: issueId, fields: { priority: { name: target.priority } } }),
          );
        } else omitted.push("priority");
      }
      await mark(issueId, target.marker);
      return { statusName: status.name, statusCategory: status.category, blocked, unfilled, omitted };
    },
    async matchJql(issueId, jqls) {
      // POST /rest/api/3/jql/match: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-jql-match-post
      // jql/match reads the same eventually consistent index as search, and takes no reconcileIssues: a fresh issue
      // matches nothing. The last query, the issue's own id, tells "not indexed yet" from "no match".
      const result = await call((jira) =>
        jira.issueSearch.matchIssues({ issueIds: [Number(issueId)], jqls: [...jqls, `id = ${Number(issueId)}`] }),
      );
      const matchedIds = (m: { matchedIssues?: unknown[] } | undefined) => (m?.matchedIssues ?? []).map(String);
      if (!matchedIds((result.matches ?? [])[jqls.length]).includes(String(issueId)))
        throw new TicketNotIndexedError(
          "jira",
          `Jira's search does not hold issue ${issueId} yet`,
          NOT_INDEXED_RETRY_MS,
        );
      // IssueMatchesForJQL {matchedIssues, errors}: one per query, in the order asked.
      return jqls.map((_, i) => {
        const m = (result.matches ?? [])[i] as { matchedIssues?: unknown[]; errors?: unknown[] } | undefined;
        return { matched: matchedIds(m).includes(String(issueId)), errors: (m?.errors ?? []).map(String) };
      });
    },
    async search(jql, max, reconcile = []) {
      // Jira may answer fewer issues than asked when every field is asked for; the rest are behind nextPageToken
      // (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-post).
      const issues: unknown[] = [];
      let nextPageToken: string | undefined;
      do {
        const token = nextPageToken;
        const page = await call((jira) =>
          jira.issueSearch.searchAndReconsileIssuesUsingJqlPost({
            jql,
            fields: ["*all"],
            maxResults: max - issues.length,
            ...(token ? { nextPageToken: token } : {}),
            ...(reconcile.length > 0 ? { reconcileIssues: reconcile.map(Number) } : {}),
          }),
        );
        issues.push(...(page.issues ?? []));
        nextPageToken =
          page.isLast === false && (page.issues ?? []).length > 0 ? (page.nextPageToken ?? undefined) : undefined;
      } while (nextPageToken && issues.length < max);
      return issues.slice(0, max);
    },
    async relate(issueId, otherKey) {
      // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-links/ — linking twice would add a second link.
      const issue = await call((jira) => jira.issues.getIssue({ issueIdOrKey: issueId, fields: ["issuelinks"] }));
      const links =
        (
          issue.fields as
            | {
                issuelinks?: {
                  type?: { name?: string };
                  inwardIssue?: { key?: string };
                  outwardIssue?: { key?: string };
                }[];
              }
            | undefined
        )?.issuelinks ?? [];
      if (
        links.some(
          (l) => l.type?.name === "Relates" && (l.inwardIssue?.key === otherKey || l.outwardIssue?.key === otherKey),
        )
      )
        return;
      await call((jira) =>
        jira.issueLinks.linkIssues({
          type: { name: "Relates" },
          inwardIssue: { id: issueId },
          outwardIssue: { key: otherKey },
        }),
      );
    },
    async remoteLink(issueId, link) {
      // Same globalId → Jira updates the link instead of adding one: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-remote-links/
      await call((jira) =>
        jira.issueRemoteLinks.createOrUpdateRemoteIssueLink({
          issueIdOrKey: issueId,
          globalId: link.globalId,
          object: {
            url: link.url,
            title: link.title,
            icon: { url16x16: `${new URL(link.url).origin}/favicon.ico`, title: "Confluence" },
          },
        }),
      );
    },
    async comment(issueId, comment: NewComment) {
      const existing = await call((jira) =>
        jira.issueComments.getComments({
          issueIdOrKey: issueId,
          expand: "properties",
          maxResults: 100,
          orderBy: "-created",
        }),
      );
      const noted = (existing.comments ?? []).some((c: any) =>
        (c.properties ?? []).some((p: any) => p.key === PROPERTY_KEY && p.value?.noteId === comment.noteId),
      );
      if (noted) return false;
      await call((jira) =>
        jira.issueComments.addComment({
          issueIdOrKey: issueId,
          body: commentDoc(comment.author, comment.text, comment.incidentKey, comment.incidentUrl),
          properties: [{ key: PROPERTY_KEY, value: { noteId: comment.noteId } }],
        } as never),
      );
      return true;
    },
    projectKeys: (max) => projectKeys(call, max),
    createIssueTypes: (projectKey) => createIssueTypes(call, projectKey),
    priorityNames: () => priorityNames(call),
  };
}
