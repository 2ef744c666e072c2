// The document port on Confluence Cloud through confluence.js (REST v2 pages and properties, v1 labels
// and CQL). A refresh reads the page's current version, merges Firewatch's sections into it and writes
// version + 1; a 409 (someone saved in between) re-reads and merges again, so neither side's change is
// lost. Requests per refresh are constant: read page, write page (and the same for the timeline child page).
import {
  createV1Client,
  createV2Client,
  isApiError,
  isAuthError,
  isForbiddenError,
  isNotFoundError,
  isRateLimitError,
  isSchemaMismatchError,
} from "confluence.js";
import type { PostmortemDocument } from "../../domain/postmortem/document.ts";
import { isPlaceholderText } from "../../domain/postmortem/build-postmortem.ts";
import { IntegrationError, isIntegrationError } from "../../ports/integration-errors.ts";
import { unconfiguredDocuments, type DocumentPort, type PublishedPage } from "../../ports/document-port.ts";
import {
  adfErrors,
  adfSchemaErrors,
  mergeAdf,
  peopleSectionText,
  renderAdf,
  renderTimelineAdf,
  type AdfDoc,
} from "../../formats/adf/postmortem-adf.ts";

export interface ConfluenceSettings {
  /** The site, e.g. https://acme.atlassian.net (confluence.js adds /wiki/api/v2). */
  readonly baseUrl: string;
  readonly email: string;
  readonly apiToken: string;
  readonly spaceKey: string;
  readonly timeoutMs?: number;
}

/** How to reach one tenant's Confluence site: with an API token, or a Forge installation's API as the app. */
export interface ConfluenceSite {
  /** confluence.js `host`: the site, or https://api.atlassian.com/ex/confluence/<cloudId>; it adds /wiki/…. */
  readonly apiUrl: string;
  /** The site as people open it, for the page's link. */
  readonly siteUrl: string;
  readonly auth: ConfluenceAuth;
  readonly timeoutMs?: number;
}

export type ConfluenceAuth =
  | { readonly type: "basic"; readonly email: string; readonly apiToken: string }
  | { readonly type: "bearer"; getToken(): Promise<string> };

/** A tenant's Confluence and the space its postmortems go to. */
export interface ConfluenceConnection extends ConfluenceSite {
  readonly spaceKey: string;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * Calls Confluence: the app token checked first (a missing or expired one is a typed error before confluence.js
 * sees the request), within a time limit, the answer read leniently, errors translated for the jobs.
 */
export function confluenceCall(site: Pick<ConfluenceSite, "auth" | "timeoutMs">) {
  const { auth } = site;
  const timeoutMs = site.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return async function call<T>(work: () => Promise<T>): Promise<T> {
    if (auth.type === "bearer") await auth.getToken().catch((error: unknown) => Promise.reject(translate(error)));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>(
      (_, reject) =>
        (timer = setTimeout(() => reject(new Error(`Confluence did not answer within ${timeoutMs} ms`)), timeoutMs)),
    );
    try {
      return await Promise.race([lenient(work), timeout]);
    } catch (error) {
      throw translate(error);
    } finally {
      clearTimeout(timer);
    }
  };
}

export function basicConfluenceConnection(settings: ConfluenceSettings): ConfluenceConnection {
  const auth = { type: "basic" as const, email: settings.email, apiToken: settings.apiToken };
  return {
    apiUrl: settings.baseUrl,
    siteUrl: settings.baseUrl,
    auth,
    spaceKey: settings.spaceKey,
    timeoutMs: settings.timeoutMs,
  };
}

/** The content property that names the incident a page belongs to. */
const PROPERTY_KEY = "firewatch";
const MAX_MERGE_ATTEMPTS = 5;

interface Page {
  id: string;
  title: string;
  version: number;
  adf: AdfDoc;
}

export function confluenceAdapter(settings: ConfluenceConnection | null): DocumentPort {
  if (!settings) return unconfiguredDocuments;
  const { auth } = settings;
  const v2 = createV2Client({ host: settings.apiUrl, auth });
  const v1 = createV1Client({ host: settings.apiUrl, auth });
  const guarded = confluenceCall(settings);
  let spaceId: Promise<number> | null = null;
  let accountId: Promise<string | null> | null = null;
  let requests = 0;

  function call<T>(work: () => Promise<T>): Promise<T> {
    requests++;
    return guarded(work);
  }

  const space = () =>
    (spaceId ??= call(() => v2.space.getSpaces({ keys: [settings.spaceKey] })).then((r) => {
      const found = r.results?.[0];
      if (!found?.id)
        throw new IntegrationError(
          "confluence",
          "rejected",
          `Confluence has no space with key ${settings.spaceKey} (CONFLUENCE_SPACE_KEY)`,
        );
      return Number(found.id);
    })).catch((error: unknown) => {
      spaceId = null;
      throw error;
    });

  async function read(id: string): Promise<Page | null> {
    try {
      const p = await call(() => v2.page.getPageById({ id: Number(id), bodyFormat: "atlas_doc_format" }));
      const value = (p.body as { atlas_doc_format?: { value?: string } } | undefined)?.atlas_doc_format?.value;
      return {
        id: String(p.id),
        title: String(p.title),
        version: Number(p.version?.number ?? 1),
        adf: value ? (JSON.parse(value) as AdfDoc) : { type: "doc", version: 1, content: [] },
      };
    } catch (error) {
      if (isIntegrationError(error, "rejected") && /404/.test(error.message)) return null;
      throw error;
    }
  }

  /**
   * The account Firewatch writes as, or null when Confluence will not say (a token without the scope of
   * GET /wiki/rest/api/user/current): then no page is adopted, which is the safe side.
   */
  const ourAccount = () =>
    (accountId ??= call(() => v1.users.getCurrentUser()).then((me) =>
      me.accountId ? String(me.accountId) : null,
    )).catch((error: unknown) => {
      accountId = null;
      if (isIntegrationError(error, "access", "not_configured")) return null;
      throw error;
    });

  /**
   * A page created before a crash, by its exact title in the space: ours when its `firewatch` property names
   * this incident, or — a crash between creating the page and writing the property — when it carries no
   * `firewatch` property at all and was created by the account Firewatch writes as. A page a person made by hand
   * has that person as its author, so it is never adopted (and still fails as a duplicate title, which it is).
   */
  async function find(title: string, incidentId: string, labels: readonly string[]): Promise<Page | null> {
    const id = await space();
    const found = await call(() => v2.page.getPages({ spaceId: [id], title }));
    for (const candidate of found.results ?? []) {
      const props = await call(() =>
        v2.contentProperties.getPageContentProperties({ pageId: Number(candidate.id), key: PROPERTY_KEY }),
      );
      const owner = (props.results?.[0]?.value as { incidentId?: string } | undefined)?.incidentId;
      if (owner === incidentId) return read(String(candidate.id));
      if (
        owner === undefined &&
        candidate.title === title &&
        candidate.authorId &&
        candidate.authorId === (await ourAccount())
      ) {
        await claim(String(candidate.id), incidentId, labels);
        return read(String(candidate.id));
      }
    }
    return null;
  }

  /** The marks that make a page ours: the property first (what `find` trusts), then the labels. */
  async function claim(id: string, incidentId: string, labels: readonly string[]): Promise<void> {
    await call(() =>
      v2.contentProperties.createPageProperty({ pageId: Number(id), key: PROPERTY_KEY, value: { incidentId } }),
    );
    if (labels.length)
      await call(() =>
        v1.contentLabels.addLabelsToContent({ id, body: labels.map((name) => ({ prefix: "global", name })) } as never),
      );
  }

  async function create(
    title: string,
    parentId: string | null,
    adf: AdfDoc,
    incidentId: string,
    labels: readonly string[],
  ): Promise<Page> {
    const created = await call(async () =>
      v2.page.createPage({
        body: {
          spaceId: await space(),
          status: "current",
          title,
          ...(parentId ? { parentId: Number(parentId) } : {}),
          body: { representation: "atlas_doc_format", value: JSON.stringify(adf) },
        } as never,
      }),
    );
    if (created.id === undefined || created.id === null)
      throw new IntegrationError(
        "confluence",
        "rejected",
        "Confluence created the page but its answer carries no page id",
      );
    const id = String(created.id);
    await claim(id, incidentId, labels);
    return { id, title, version: Number(created.version?.number ?? 1), adf };
  }

  /** Writes `next(current)` as version + 1; on 409 reads the newer version and merges into it instead. */
  async function write(page: Page, title: string, next: (current: AdfDoc) => AdfDoc): Promise<Page> {
    let current = page;
    for (let attempt = 1; ; attempt++) {
      const adf = next(current.adf);
      const errors = adf.content.length > 500 ? adfSchemaErrors(adf) : adfErrors(adf);
      if (errors.length)
        throw new IntegrationError(
          "confluence",
          "rejected",
          `the merged page would be invalid ADF: ${errors.slice(0, 3).join("; ")}`,
        );
      if (current.title === title && JSON.stringify(adf) === JSON.stringify(current.adf)) return current;
      try {
        const updated = await call(() =>
          v2.page.updatePage({
            id: Number(current.id),
            body: {
              id: current.id,
              status: "current",
              title,
              body: { representation: "atlas_doc_format", value: JSON.stringify(adf) },
              version: { number: current.version + 1, message: "Refreshed by Firewatch" },
            } as never,
          }),
        );
        return { id: current.id, title, version: Number(updated.version?.number ?? current.version + 1), adf };
      } catch (error) {
        if (!(error instanceof ConflictError) || attempt >= MAX_MERGE_ATTEMPTS) throw error;
        current = (await read(current.id)) ?? current;
      }
    }
  }

  async function parent(title: string): Promise<string | null> {
    const found = await call(async () => v2.page.getPages({ spaceId: [await space()], title }));
    const existing = found.results?.[0];
    if (existing?.id) return String(existing.id);
    const created = await call(async () =>
      v2.page.createPage({
        body: {
          spaceId: await space(),
          status: "current",
          title,
          body: {
            representation: "atlas_doc_format",
            value: JSON.stringify({
              type: "doc",
              version: 1,
              content: [
                { type: "paragraph", content: [{ type: "text", text: "Postmortems written with Firewatch." }] },
              ],
            }),
          },
        } as never,
      }),
    );
    return String(created.id);
  }

  function written(adf: AdfDoc, document: PostmortemDocument): Record<string, boolean> {
    const result: Record<string, boolean> = {};
    for (const s of document.sections)
      if (s.owner === "people") result[s.id] = !isPlaceholderText(peopleSectionText(adf, s.id, s.title) ?? "");
    return result;
  }

  return {
    configured: true,
    async publish(req): Promise<PublishedPage> {
      requests = 0;
      const { document } = req;
      let page =
        (req.pageId ? await read(req.pageId) : null) ?? (await find(document.title, req.incidentId, document.labels));
      const parentId = page ? null : await parent(req.parentTitle);
      page = page
        ? await write(page, document.title, (current) => mergeAdf(current, document))
        : await create(document.title, parentId, renderAdf(document), req.incidentId, document.labels);
      let timelinePageId = req.timelinePageId;
      const timeline = renderTimelineAdf(document);
      if (timeline && document.fullTimeline) {
        const child =
          (timelinePageId ? await read(timelinePageId) : null) ??
          (await find(document.fullTimeline.title, req.incidentId, []));
        timelinePageId = child
          ? (await write(child, document.fullTimeline.title, () => timeline)).id
          : (await create(document.fullTimeline.title, page.id, timeline, req.incidentId, [])).id;
      }
      return {
        pageId: page.id,
        version: page.version,
        url: `${settings.siteUrl.replace(/\/$/, "")}/wiki/pages/viewpage.action?pageId=${page.id}`,
        timelinePageId,
        sectionsWritten: written(page.adf, document),
        requests,
      };
    },
    async sectionsWritten(pageId, document) {
      const page = await read(pageId);
      if (!page)
        throw new IntegrationError(
          "confluence",
          "rejected",
          `The postmortem page ${pageId} no longer exists in Confluence; publish it again.`,
        );
      return written(page.adf, document);
    },
  };
}

class ConflictError extends Error {}

/**
 * confluence.js validates every answer against Atlassian's OpenAPI document and throws SchemaMismatchError on any
 * difference, with no "warn" mode (unlike jira.js). The live API drifts from that document (an enum value it does
 * not list, a field typed differently), and a drift is data, not an outage: retrying it only ends in the
 * dead-letter queue. So the raw JSON answer is taken as it is, and this adapter reads each field it needs
 * defensively (String()/Number() and fallbacks). An answer that is not JSON at all is still an error.
 */
async function lenient<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isSchemaMismatchError(error)) throw error;
    const raw = (error as { body?: unknown }).body;
    try {
      const data: unknown = typeof raw === "string" ? JSON.parse(raw) : undefined;
      if (data !== null && typeof data === "object") return data as T;
    } catch {
      // not JSON: fall through to the error below
    }
    throw new Error(`Confluence answered something that is not the JSON its API documents: ${error.message}`, {
      cause: error,
    });
  }
}

/** confluence.js errors → what the job should do (https://developer.atlassian.com/cloud/confluence/rate-limiting/ for 429). */
function translate(error: unknown): Error {
  if (isIntegrationError(error)) return error;
  if (isRateLimitError(error))
    return new IntegrationError("confluence", "transient", `Confluence rate limit: ${error.message}`, {
      cause: error,
      retryAfterMs: (error as { retryAfterMs?: number }).retryAfterMs ?? 10_000,
    });
  if (isAuthError(error) || isForbiddenError(error))
    return new IntegrationError(
      "confluence",
      "access",
      `Confluence refused the credentials or permission: ${(error as Error).message}`,
      { cause: error },
    );
  if (isNotFoundError(error))
    return new IntegrationError("confluence", "rejected", `Confluence answered 404: ${(error as Error).message}`, {
      cause: error,
    });
  if (isApiError(error)) {
    const status = (error as { status?: number }).status ?? 0;
    if (status === 409) return new ConflictError((error as Error).message, { cause: error });
    if (status >= 400 && status < 500)
      return new IntegrationError(
        "confluence",
        "rejected",
        `Confluence answered ${status}: ${(error as Error).message}`,
        { cause: error },
      );
  }
  return error instanceof Error ? error : new Error(String(error));
}
