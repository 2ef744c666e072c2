// In-memory Confluence site: one space (seeded), pages with their version history, content properties and labels.
// Nothing here knows about HTTP; errors are thrown as ConfluenceHttpError so the routes can pass them through.
import { textToAdf } from "./adf.ts";
import { v2Error, type AdfDoc, type ConfluenceUser } from "./types.ts";

export type StoredBody =
  { representation: "atlas_doc_format"; adf: AdfDoc } | { representation: "storage"; storage: string };

export interface PageVersionRecord {
  number: number;
  authorId: string;
  createdAt: number;
  message: string;
  minorEdit: boolean;
  title: string;
  body: StoredBody;
}

export interface PropertyVersion {
  number: number;
  createdAt: number;
  message: string;
  authorId: string;
  minorEdit: boolean;
}

export interface PropertyRecord {
  id: string;
  key: string;
  value: unknown;
  version: PropertyVersion;
}

export interface LabelRecord {
  id: string;
  prefix: string;
  name: string;
}

export interface PageRecord {
  id: string;
  spaceId: string;
  parentId: string | null;
  status: "current";
  authorId: string;
  ownerId: string;
  createdAt: number;
  position: number;
  versions: PageVersionRecord[];
  properties: PropertyRecord[];
  labelIds: string[];
  /** Last write, for the optional search-index lag. */
  indexedAt: number;
}

export interface SpaceRecord {
  id: string;
  key: string;
  name: string;
  homepageId: string;
  authorId: string;
  createdAt: number;
}

export const PAGE_NOT_FOUND = "Not Found";
/** Confluence's answer to a second current page with the same title in a space (observed wording, HTTP 400). */
export const DUPLICATE_TITLE =
  "A page with this title already exists: A page already exists with the same TITLE in this space";

export class ConfluenceState {
  readonly spaces: SpaceRecord[] = [];
  private readonly pagesById = new Map<string, PageRecord>();
  private readonly labelsByName = new Map<string, LabelRecord>();
  private nextPageId = 98305;
  private nextPropertyId = 720897;
  private nextLabelId = 1343489;

  constructor(
    readonly users: ConfluenceUser[],
    private readonly clock: () => number = Date.now,
  ) {}

  now(): number {
    return this.clock();
  }

  /** Seeds a space with its homepage (a space always has one in Confluence Cloud). */
  seedSpace(def: { id: string; key: string; name: string; homepageTitle: string; authorId: string }): SpaceRecord {
    const now = this.clock();
    const homepageId = String(this.nextPageId++);
    const space: SpaceRecord = {
      id: def.id,
      key: def.key,
      name: def.name,
      homepageId,
      authorId: def.authorId,
      createdAt: now,
    };
    this.spaces.push(space);
    this.insertPage(
      homepageId,
      space.id,
      null,
      def.homepageTitle,
      { representation: "atlas_doc_format", adf: textToAdf(`Welcome to ${def.name}.`) },
      def.authorId,
      "",
    );
    return space;
  }

  user(accountId: string): ConfluenceUser {
    const user = this.users.find((u) => u.accountId === accountId);
    if (!user) throw new Error(`confluence emulator: unknown accountId ${accountId}`);
    return user;
  }

  space(id: string): SpaceRecord | undefined {
    return this.spaces.find((s) => s.id === id);
  }

  spaceByKey(key: string): SpaceRecord | undefined {
    return this.spaces.find((s) => s.key.toUpperCase() === key.toUpperCase());
  }

  findPage(id: string): PageRecord | undefined {
    return this.pagesById.get(id);
  }

  /** v2: unknown ids and ids the user cannot see are both 404. */
  page(id: string): PageRecord {
    const page = this.pagesById.get(id);
    if (!page) throw v2Error(404, PAGE_NOT_FOUND);
    return page;
  }

  allPages(): PageRecord[] {
    return [...this.pagesById.values()].sort((a, b) => Number(a.id) - Number(b.id));
  }

  children(pageId: string): PageRecord[] {
    return this.allPages()
      .filter((p) => p.parentId === pageId)
      .sort((a, b) => a.position - b.position);
  }

  /** True when `ancestorId` is a (transitive) parent of `page`. */
  isDescendant(page: PageRecord, ancestorId: string): boolean {
    for (let p = page.parentId; p !== null; p = this.pagesById.get(p)?.parentId ?? null)
      if (p === ancestorId) return true;
    return false;
  }

  titleTaken(spaceId: string, title: string, exceptId?: string): boolean {
    return this.allPages().some((p) => p.spaceId === spaceId && p.id !== exceptId && current(p).title === title);
  }

  createPage(input: {
    spaceId: string;
    parentId: string | null;
    title: string;
    body: StoredBody;
    authorId: string;
    message?: string;
  }): PageRecord {
    if (this.titleTaken(input.spaceId, input.title)) throw v2Error(400, DUPLICATE_TITLE);
    return this.insertPage(
      String(this.nextPageId++),
      input.spaceId,
      input.parentId,
      input.title,
      input.body,
      input.authorId,
      input.message ?? "",
    );
  }

  private insertPage(
    id: string,
    spaceId: string,
    parentId: string | null,
    title: string,
    body: StoredBody,
    authorId: string,
    message: string,
  ): PageRecord {
    const now = this.clock();
    const siblings = this.allPages().filter((p) => p.parentId === parentId && p.spaceId === spaceId);
    const page: PageRecord = {
      id,
      spaceId,
      parentId,
      status: "current",
      authorId,
      ownerId: authorId,
      createdAt: now,
      position: siblings.reduce((max, p) => Math.max(max, p.position), 0) + 1,
      versions: [{ number: 1, authorId, createdAt: now, message, minorEdit: false, title, body }],
      properties: [],
      labelIds: [],
      indexedAt: now,
    };
    this.pagesById.set(id, page);
    return page;
  }

  /** Stores a new version (number = current + 1). Callers check the version the client sent. */
  addVersion(
    page: PageRecord,
    input: {
      title: string;
      body: StoredBody;
      authorId: string;
      message?: string;
      minorEdit?: boolean;
      parentId?: string | null;
    },
  ): PageVersionRecord {
    if (input.title !== current(page).title && this.titleTaken(page.spaceId, input.title, page.id))
      throw v2Error(400, DUPLICATE_TITLE);
    const now = this.clock();
    const version: PageVersionRecord = {
      number: current(page).number + 1,
      authorId: input.authorId,
      createdAt: now,
      message: input.message ?? "",
      minorEdit: input.minorEdit ?? false,
      title: input.title,
      body: input.body,
    };
    page.versions.push(version);
    if (input.parentId !== undefined) page.parentId = input.parentId;
    page.indexedAt = now;
    return version;
  }

  addProperty(page: PageRecord, key: string, value: unknown, authorId: string): PropertyRecord {
    const property: PropertyRecord = {
      id: String(this.nextPropertyId++),
      key,
      value,
      version: { number: 1, createdAt: this.clock(), message: "", authorId, minorEdit: false },
    };
    page.properties.push(property);
    page.indexedAt = this.clock();
    return property;
  }

  updateProperty(
    page: PageRecord,
    property: PropertyRecord,
    value: unknown,
    version: { number: number; message?: string; minorEdit?: boolean },
    authorId: string,
  ): PropertyRecord {
    property.value = value;
    property.version = {
      number: version.number,
      createdAt: this.clock(),
      message: version.message ?? "",
      authorId,
      minorEdit: version.minorEdit ?? false,
    };
    page.indexedAt = this.clock();
    return property;
  }

  deleteProperty(page: PageRecord, property: PropertyRecord): void {
    page.properties = page.properties.filter((p) => p !== property);
    page.indexedAt = this.clock();
  }

  /** Labels are site-wide objects (one id per prefix:name), attached to content. */
  addLabel(page: PageRecord, prefix: string, name: string): LabelRecord {
    const key = `${prefix}:${name}`;
    let label = this.labelsByName.get(key);
    if (!label) {
      label = { id: String(this.nextLabelId++), prefix, name };
      this.labelsByName.set(key, label);
    }
    if (!page.labelIds.includes(label.id)) page.labelIds.push(label.id);
    page.indexedAt = this.clock();
    return label;
  }

  labels(page: PageRecord): LabelRecord[] {
    const all = [...this.labelsByName.values()];
    return page.labelIds.map((id) => all.find((l) => l.id === id)!);
  }
}

export function current(page: PageRecord): PageVersionRecord {
  return page.versions[page.versions.length - 1]!;
}
