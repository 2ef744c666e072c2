// Confluence Cloud emulator for tests: a real HTTP server serving the REST v2 endpoints (plus the v1 label and CQL
// search endpoints) that confluence.js calls, with one seeded space, fault injection, a request log, state
// inspection, and edits made "in the Confluence editor" by a person. It also stands in for Atlassian's API gateway in
// front of the site, the way a Forge app calls it (`/ex/confluence/<cloudId>/…` with Bearer tokens).
import { GatewayTokens } from "../common/atlassian-gateway.ts";
import type { Mountable, StandInHandler } from "../common/mount.ts";
import { isAdfDoc, textToAdf } from "./adf.ts";
import { FaultQueue } from "./faults.ts";
import { EmulatorHttpServer, type AuthMode, type AuthResult, type Core } from "./http.ts";
import { bodyAsAdf, bodyAsStorage } from "./represent.ts";
import { v1Routes } from "./routes-v1.ts";
import { v2Routes } from "./routes-v2.ts";
import { ConfluenceState, current, type PageRecord, type PageVersionRecord } from "./state.ts";
import type { AdfDoc, ConfluenceUser, LoggedRequest, UnexpectedRequest } from "./types.ts";
import { restAsPerson } from "./view/as-person.ts";
import { confluenceView } from "./view/confluence-view.ts";

export type { AuthMode };

/** The API-token user the emulator authenticates (Basic auth). An Atlassian account has one accountId across the
 * products of a site, so this is the Jira emulator's API_ACCOUNT_ID too. */
export const API_ACCOUNT_ID = "5b10a2844c20165700ede21g";
/** A person who edits pages in the Confluence editor (the Jira emulator's HUMAN_ACCOUNT_ID, "Ada Oncall"). */
export const PERSON_ACCOUNT_ID = "712020:5f0c2a4e-8b1d-4c3e-9f6a-7b8c9d0e1f2a";
export const SPACE_ID = "65538";
export const SPACE_KEY = "ENG";

export interface ConfluenceEmulatorOptions {
  /** Email of the API-token user (Basic auth username). */
  email?: string;
  apiToken?: string;
  /** The site's cloud id, for the Forge app gateway (`/ex/confluence/<cloudId>/…`). */
  cloudId?: string;
}

export interface PageVersionSnapshot {
  number: number;
  authorId: string;
  message: string;
  minorEdit: boolean;
  createdAt: number;
  title: string;
  /** The version's body as ADF (converted when it was written in storage format). */
  adf: AdfDoc;
  representation: "atlas_doc_format" | "storage";
}

export interface PageSnapshot {
  id: string;
  spaceId: string;
  parentId: string | null;
  status: string;
  title: string;
  authorId: string;
  createdAt: number;
  version: number;
  lastAuthorId: string;
  /** Current body as ADF (converted when it was written in storage format). */
  adf: AdfDoc;
  /** Current body in storage format (converted when it was written as ADF). */
  storage: string;
  representation: "atlas_doc_format" | "storage";
  labels: string[];
  properties: Record<string, { id: string; value: unknown; version: number }>;
}

type Edit = (adf: AdfDoc) => AdfDoc;

export class ConfluenceEmulator implements Mountable {
  readonly email: string;
  readonly apiToken: string;
  readonly apiUser: ConfluenceUser;
  readonly person: ConfluenceUser;
  readonly cloudId: string;
  /** Bearer tokens of the Forge app gateway: the app's system tokens and users' tokens (asUser). */
  readonly tokens: GatewayTokens;
  readonly faults = new FaultQueue();
  /** Milliseconds a write stays invisible to CQL search (the search index lags behind). 0 = immediate. */
  searchLagMs = 0;
  private authMode: AuthMode = "ok";
  private readonly log: LoggedRequest[] = [];
  private readonly unexpectedList: UnexpectedRequest[] = [];
  private readonly losingUpdates = new Map<string, Edit>();
  /** `${pageId} ${accountId}` pairs of denyPageView. */
  private readonly viewRestrictions = new Set<string>();
  private readonly state: ConfluenceState;
  private readonly http: EmulatorHttpServer;

  constructor(options: ConfluenceEmulatorOptions = {}) {
    this.email = options.email ?? "firewatch-bot@example.com";
    this.apiToken = options.apiToken ?? "emulator-api-token";
    this.apiUser = { accountId: API_ACCOUNT_ID, displayName: "Firewatch Bot", email: this.email };
    this.cloudId = options.cloudId ?? "c0ffee00-0000-4000-8000-000000000001";
    this.tokens = new GatewayTokens(this.cloudId);
    this.person = { accountId: PERSON_ACCOUNT_ID, displayName: "Ada Oncall", email: "ada.oncall@example.com" };
    this.state = new ConfluenceState([this.apiUser, this.person]);
    this.state.seedSpace({
      id: SPACE_ID,
      key: SPACE_KEY,
      name: "Engineering",
      homepageTitle: "Engineering Home",
      authorId: PERSON_ACCOUNT_ID,
    });
    const core: Core = {
      state: this.state,
      baseUrl: () => this.http.url || "http://127.0.0.1",
      searchLagMs: () => this.searchLagMs,
      recordUnexpected: (method, path, reason) =>
        this.unexpectedList.push({ method, path, reason, receivedAt: Date.now() }),
      loseNextUpdate: (pageId) => {
        const edit = this.losingUpdates.get(pageId);
        if (!edit) return;
        this.losingUpdates.delete(pageId);
        this.editAsPerson(pageId, edit, { message: "Edited while Firewatch was saving" });
      },
      viewDenied: (pageId, accountId) => this.viewDenied(pageId, accountId),
    };
    const routes = [...v2Routes, ...v1Routes];
    this.http = new EmulatorHttpServer({
      core,
      routes,
      faults: this.faults,
      authenticate: (email, token) => this.authenticate(email, token),
      authenticateBearer: (token) => this.authenticateBearer(token),
      cloudId: this.cloudId,
      authMode: () => this.authMode,
      log: this.log,
      view: confluenceView({
        state: this.state,
        asPerson: restAsPerson(core, routes, this.person),
        baseUrl: () => this.baseUrl,
        unexpected: (reason) => core.recordUnexpected("VIEW", "page", reason),
      }),
    });
  }

  /** Listens on 127.0.0.1, a free port; returns the base URL (the confluence.js `host`). */
  start(): Promise<string> {
    return this.http.start();
  }

  /** Served at `baseUrl` by another server (`npm run demo`: the service's, under /sandbox/…) instead of listening. */
  mount(baseUrl: string): StandInHandler {
    return this.http.mount(baseUrl);
  }

  /** Closes the server, cutting hung requests. */
  stop(): Promise<void> {
    return this.http.stop();
  }

  get baseUrl(): string {
    return this.http.url;
  }

  /**
   * The confluence.js `host` for calls through the Forge app gateway (what `https://api.atlassian.com/ex/confluence/<cloudId>`
   * is for a real site): the client appends /wiki/api/v2 or /wiki/rest/api as it does for the site itself.
   */
  /** Adds a person to the site (an Atlassian account is the same in Jira and Confluence: pass the Jira accountId). */
  addUser(
    accountId: string,
    displayName: string,
    email = `${displayName.toLowerCase().replace(/[^a-z0-9]+/g, ".")}@example.com`,
  ): ConfluenceUser {
    const user: ConfluenceUser = { accountId, displayName, email };
    this.state.users.push(user);
    return user;
  }

  get gatewayUrl(): string {
    return `${this.baseUrl}/ex/confluence/${this.cloudId}`;
  }

  /** A system token of the app for this site (the `x-forge-oauth-system` token), valid for `ttlSeconds` (negative: expired). */
  issueAppToken(ttlSeconds?: number): string {
    return this.tokens.issueAppToken(ttlSeconds);
  }

  /** The token `asUser()` calls of this account carry (the account must be one the site knows). */
  userToken(accountId: string): string {
    this.state.user(accountId);
    return this.tokens.userToken(accountId);
  }

  /**
   * A view restriction that leaves `accountId` out: user-token reads of the page (and of its descendants, since view
   * restrictions are inherited: https://support.atlassian.com/confluence-cloud/docs/add-or-remove-page-restrictions/)
   * answer 404 as for a missing page, and lists and search leave it out. The app (system token, Basic auth) still sees it.
   */
  denyPageView(pageId: string, accountId: string): void {
    if (!this.state.findPage(pageId)) throw new Error(`confluence emulator: denyPageView: no page ${pageId}`);
    this.viewRestrictions.add(`${pageId} ${this.state.user(accountId).accountId}`);
  }

  /** The seeded space "ENG" (id 65538) and its homepage id. */
  get space(): { id: string; key: string; name: string; homepageId: string } {
    const s = this.state.spaces[0]!;
    return { id: s.id, key: s.key, name: s.name, homepageId: s.homepageId };
  }

  setAuth(mode: AuthMode): void {
    this.authMode = mode;
  }

  /** Every request received, oldest first (including rejected and faulted ones). */
  requests(filter: { method?: string; path?: string | RegExp } = {}): LoggedRequest[] {
    return this.log.filter(
      (r) =>
        (!filter.method || r.method === filter.method) &&
        (!filter.path || (typeof filter.path === "string" ? r.path === filter.path : filter.path.test(r.path))),
    );
  }

  /** Requests the emulator could not serve as Confluence would: unknown routes, unsupported parameters or CQL,
   * responses that do not match confluence.js's schemas, emulator errors. Tests assert it stays empty. */
  unexpected(): UnexpectedRequest[] {
    return [...this.unexpectedList];
  }

  clearLog(): void {
    this.log.length = 0;
    this.unexpectedList.length = 0;
  }

  page(id: string): PageSnapshot | undefined {
    const page = this.state.findPage(id);
    return page && this.snapshot(page);
  }

  pages(): PageSnapshot[] {
    return this.state.allPages().map((p) => this.snapshot(p));
  }

  /** Oldest first. */
  pageVersions(id: string): PageVersionSnapshot[] {
    return this.state.page(id).versions.map((v) => this.versionSnapshot(v));
  }

  /** A page created by a person in the Confluence editor (under the space homepage unless parentId is given). */
  createPageAsPerson(
    input: { title: string; adf?: AdfDoc; text?: string; parentId?: string | null },
    accountId = PERSON_ACCOUNT_ID,
  ): PageSnapshot {
    const adf = input.adf ?? textToAdf(input.text ?? "");
    if (!isAdfDoc(adf)) throw new Error("confluence emulator: createPageAsPerson needs a valid ADF document");
    const parentId = input.parentId === undefined ? this.space.homepageId : input.parentId;
    if (parentId !== null) this.state.page(parentId);
    const page = this.state.createPage({
      spaceId: SPACE_ID,
      parentId,
      title: input.title,
      body: { representation: "atlas_doc_format", adf },
      authorId: this.state.user(accountId).accountId,
    });
    return this.snapshot(page);
  }

  /** A person edits and publishes the page in the Confluence editor: a new version, authored by them. */
  editAsPerson(
    pageId: string,
    edit: Edit,
    opts: { message?: string; title?: string; accountId?: string } = {},
  ): PageSnapshot {
    const page = this.state.page(pageId);
    const latest = current(page);
    const before = structuredClone(
      bodyAsAdf(latest.body, (what) =>
        this.unexpectedList.push({ method: "EDIT", path: `page ${pageId}`, reason: what, receivedAt: Date.now() }),
      ),
    );
    const adf = edit(before);
    if (!isAdfDoc(adf)) throw new Error("confluence emulator: editAsPerson's edit must return a valid ADF document");
    this.state.addVersion(page, {
      title: opts.title ?? latest.title,
      body: { representation: "atlas_doc_format", adf },
      authorId: this.state.user(opts.accountId ?? PERSON_ACCOUNT_ID).accountId,
      message: opts.message ?? "",
    });
    return this.snapshot(page);
  }

  /**
   * The next PUT of this page finds that a person saved a new version just before it arrived (by default they append
   * a paragraph), so a client sending "the version it read + 1" gets 409 and has to re-read and merge.
   */
  nextUpdateLoses(
    pageId: string,
    edit: Edit = (adf) => ({
      ...adf,
      content: [...adf.content, ...textToAdf("Added by a person while Firewatch was saving.").content],
    }),
  ): void {
    this.state.page(pageId);
    this.losingUpdates.set(pageId, edit);
  }

  private snapshot(page: PageRecord): PageSnapshot {
    const latest = current(page);
    const note = (what: string) =>
      this.unexpectedList.push({ method: "SNAPSHOT", path: `page ${page.id}`, reason: what, receivedAt: Date.now() });
    return {
      id: page.id,
      spaceId: page.spaceId,
      parentId: page.parentId,
      status: page.status,
      title: latest.title,
      authorId: page.authorId,
      createdAt: page.createdAt,
      version: latest.number,
      lastAuthorId: latest.authorId,
      adf: structuredClone(bodyAsAdf(latest.body, note)),
      storage: bodyAsStorage(latest.body, note),
      representation: latest.body.representation,
      labels: this.state.labels(page).map((l) => l.name),
      properties: Object.fromEntries(
        page.properties.map((p) => [p.key, { id: p.id, value: structuredClone(p.value), version: p.version.number }]),
      ),
    };
  }

  private versionSnapshot(v: PageVersionRecord): PageVersionSnapshot {
    return {
      number: v.number,
      authorId: v.authorId,
      message: v.message,
      minorEdit: v.minorEdit,
      createdAt: v.createdAt,
      title: v.title,
      adf: structuredClone(bodyAsAdf(v.body, () => {})),
      representation: v.body.representation,
    };
  }

  private authenticate(email: string | null, token: string | null): AuthResult {
    const valid =
      email !== null && token !== null && email.toLowerCase() === this.email.toLowerCase() && token === this.apiToken;
    if (!valid || this.authMode === "revoked") return { ok: false };
    return { ok: true, user: this.apiUser, kind: "basic" };
  }

  /** The app's token acts as the API user (authMode applies to it as to Basic auth); a user's token as that person. */
  private authenticateBearer(token: string | null): AuthResult {
    const identity = this.tokens.identify(token);
    if (!identity) return { ok: false };
    if (identity.kind === "user") {
      // tokens.userToken() takes any account id; one the site does not know cannot call it.
      const user = this.state.users.find((u) => u.accountId === identity.accountId);
      return user ? { ok: true, user, kind: "user" } : { ok: false };
    }
    return this.authMode === "revoked" ? { ok: false } : { ok: true, user: this.apiUser, kind: "app" };
  }

  private viewDenied(pageId: string, accountId: string): boolean {
    for (
      let page = this.state.findPage(pageId);
      page;
      page = page.parentId === null ? undefined : this.state.findPage(page.parentId)
    ) {
      if (this.viewRestrictions.has(`${page.id} ${accountId}`)) return true;
    }
    return false;
  }
}
