// The pages of one Confluence space that Firewatch writes: read, find (adopting a page a crash left behind),
// create and mark as ours, and write version + 1, merging again on 409 so neither side's change is lost.
import { createV1Client, createV2Client } from "confluence.js";
import { IntegrationError, isIntegrationError } from "../../ports/integration-errors.ts";
import type { AdfDoc } from "../../formats/adf/postmortem-adf.ts";
import { adfErrors, adfSchemaErrors } from "../../formats/adf/postmortem-adf.ts";
import type { ConfluenceConnection } from "./confluence-connection.ts";
import { ConflictError } from "./confluence-errors.ts";

/** The content property that names the incident a page belongs to. */
const PROPERTY_KEY = "firewatch";
const MAX_MERGE_ATTEMPTS = 5;

export interface ConfluencePage {
  id: string;
  title: string;
  version: number;
  adf: AdfDoc;
}

/** Runs one Confluence request (see confluenceCall). */
export type ConfluenceCall = <T>(work: () => Promise<T>) => Promise<T>;

export function confluencePages(settings: ConfluenceConnection, call: ConfluenceCall) {
  const { auth } = settings;
  const v2 = createV2Client({ host: settings.apiUrl, auth });
  const v1 = createV1Client({ host: settings.apiUrl, auth });
  let spaceId: Promise<number> | null = null;
  let accountId: Promise<string | null> | null = null;

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

  async function read(id: string): Promise<ConfluencePage | null> {
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
  async function find(title: string, incidentId: string, labels: readonly string[]): Promise<ConfluencePage | null> {
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
  ): Promise<ConfluencePage> {
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
  async function write(
    page: ConfluencePage,
    title: string,
    next: (current: AdfDoc) => AdfDoc,
  ): Promise<ConfluencePage> {
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

  return { read, find, create, write, parent };
}
