// Jira Cloud REST v3 emulator for tests: a real HTTP server serving the endpoints jira.js calls, with seeded
// projects/users, fault injection, a request log, state inspection, Jira-side changes and signed webhooks.
import { randomUUID } from "node:crypto";
import { textToAdf } from "./adf.ts";
import { FaultQueue } from "./faults.ts";
import { GatewayTokens } from "../common/atlassian-gateway.ts";
import type { Mountable, StandInHandler } from "../common/mount.ts";
import { EmulatorHttpServer, type AuthResult, type Core } from "./http.ts";
import type { RepCtx } from "./represent.ts";
import { issueRoutes } from "./routes-issues.ts";
import { linkRoutes } from "./routes-links.ts";
import { metaRoutes } from "./routes-meta.ts";
import { screenRoutes } from "./routes-screens.ts";
import { permissionRoutes } from "./routes-permissions.ts";
import { privacyRoutes } from "./routes-privacy.ts";
import { API_ACCOUNT_ID, HUMAN_ACCOUNT_ID, PRIORITIES, STATUSES, seedUsers, transitionIdFor } from "./seed.ts";
import { JiraState } from "./state.ts";
import { snapshot, type IssueSnapshot } from "./snapshot.ts";
import type { JiraEvent, JiraUser, LoggedRequest, UnexpectedRequest } from "./types.ts";
import { findProject, isJiraDate, validateCreate } from "./validate.ts";
import { webhookMessages } from "./webhook-payloads.ts";
import { forgeEventPayload } from "./forge-event-payloads.ts";
import { restAsPerson } from "./view/as-person.ts";
import { jiraView } from "./view/jira-view.ts";
import { WebhookDispatcher, type DeliveryAttempt, type WebhookDelivery, type WebhookRegistration } from "./webhooks.ts";

export type { IssueSnapshot };

export interface JiraEmulatorOptions {
  /** Email of the API-token user (Basic auth username). */
  email?: string;
  apiToken?: string;
  /**
   * Issue property keys searchable with issue.property[key] in JQL. None by default, as on a real site where no app
   * declared a `jira:entityProperty` index (an API-token site has no app): such a query answers no error and no match.
   */
  indexedPropertyKeys?: string[];
  /** Rich text in webhook bodies: wiki/plain strings (Jira's webhook representation, default) or ADF. */
  webhookBodies?: "text" | "adf";
  /** The site's cloud id, for the Forge app gateway (`/ex/jira/<cloudId>/…`). */
  cloudId?: string;
  /**
   * Milliseconds a write stays invisible to search/jql and jql/match unless its id is in `reconcileIssues`
   * (settable later as `searchLagMs`). Jira Cloud's enhanced search is eventually consistent
   * (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-post),
   * so the default is a lag; 0 only where a test says why.
   */
  searchLagMs?: number;
  /** How long each answer takes: a real site answers reads in tens of milliseconds at best and writes slower. */
  latency?: { readonly readMs: number; readonly writeMs: number };
}

/** A real site's defaults: search lags writes, and no answer is instant. */
export const REAL_SITE_SEARCH_LAG_MS = 2_000;
export const REAL_SITE_LATENCY = { readMs: 30, writeMs: 120 } as const;
/** POSTs that only read: search, JQL match and parse, permission checks, bulk fetch. */
const READS_BY_POST = /\/(search(\/jql)?|jql\/(match|parse)|permissions\/check|issue\/bulkfetch)$/;

/** "revoked": every call is 401. "forbidden": authenticated, but every project permission is missing. */
export type AuthMode = "ok" | "revoked" | "forbidden";

export interface NewIssueFields {
  project: string;
  summary: string;
  issueType?: string;
  priority?: string;
  labels?: string[];
  description?: string;
  /** "YYYY-MM-DD". */
  dueDate?: string;
  assigneeId?: string;
}

const NOT_AUTHENTICATED = {
  errorMessages: ["You are not authenticated. Authentication required to perform this operation."],
  errors: {},
};

export class JiraEmulator implements Mountable {
  readonly email: string;
  readonly apiToken: string;
  readonly apiUser: JiraUser;
  readonly humanUser: JiraUser;
  readonly faults = new FaultQueue();
  /** Milliseconds a write stays invisible to search/jql and jql/match (unless reconciled). 0 = immediate. */
  searchLagMs: number;
  /** How long each answer takes (a `delayMs` fault adds to it). */
  latency: { readMs: number; writeMs: number };
  private authMode: AuthMode = "ok";
  private readonly denied = new Set<string>();
  private readonly log: LoggedRequest[] = [];
  private readonly unexpectedList: UnexpectedRequest[] = [];
  private readonly state: JiraState;
  private readonly webhooks = new WebhookDispatcher();
  private readonly http: EmulatorHttpServer;
  private readonly webhookBodies: "text" | "adf";
  readonly cloudId: string;
  /** Bearer tokens of the Forge app gateway: the app's system tokens and users' tokens (asUser). */
  readonly tokens: GatewayTokens;
  private readonly admins = new Set<string>();
  private readonly deniedUsers = new Map<string, Set<string>>();
  private readonly forgeListeners: ((payload: Record<string, unknown>) => Promise<void>)[] = [];

  constructor(options: JiraEmulatorOptions = {}) {
    this.email = options.email ?? "firewatch-bot@example.com";
    this.apiToken = options.apiToken ?? "emulator-api-token";
    this.webhookBodies = options.webhookBodies ?? "text";
    this.searchLagMs = options.searchLagMs ?? REAL_SITE_SEARCH_LAG_MS;
    this.latency = { ...(options.latency ?? REAL_SITE_LATENCY) };
    this.cloudId = options.cloudId ?? "a436116f-02ce-4520-8fbb-7301462a1674";
    this.tokens = new GatewayTokens(this.cloudId);
    this.state = new JiraState(seedUsers(this.email));
    this.apiUser = this.state.user(API_ACCOUNT_ID);
    this.humanUser = this.state.user(HUMAN_ACCOUNT_ID);
    const indexed = options.indexedPropertyKeys ?? [];
    const core: Core = {
      state: this.state,
      rep: () => this.rep("3"),
      emit: (event) => void this.emit(event),
      can: (permission, user, projectId) => this.can(permission, user, projectId),
      indexedPropertyKeys: indexed,
      searchLagMs: () => this.searchLagMs,
      latencyMs: (method, path) =>
        method === "GET" || READS_BY_POST.test(path) ? this.latency.readMs : this.latency.writeMs,
      recordUnexpected: (method, path, reason) =>
        this.unexpectedList.push({ method, path, reason, receivedAt: Date.now() }),
    };
    const routes = [
      ...metaRoutes,
      ...screenRoutes,
      ...permissionRoutes,
      ...issueRoutes,
      ...linkRoutes,
      ...privacyRoutes,
    ];
    this.http = new EmulatorHttpServer({
      core,
      routes,
      faults: this.faults,
      authenticate: (email, token) => this.authenticate(email, token),
      authenticateBearer: (token) => this.authenticateBearer(token),
      cloudId: this.cloudId,
      log: this.log,
      unexpected: this.unexpectedList,
      view: jiraView({
        state: this.state,
        asPerson: restAsPerson(core, routes, this.humanUser),
        baseUrl: () => this.baseUrl,
      }),
    });
  }

  /** Listens on 127.0.0.1, a free port; returns the base URL (the jira.js `host`). */
  start(): Promise<string> {
    return this.http.start();
  }

  /** Served at `baseUrl` by another server (`npm run demo`: the service's, under /sandbox/…) instead of listening. */
  mount(baseUrl: string): StandInHandler {
    return this.http.mount(baseUrl);
  }

  /** Closes the server, cutting hung requests. Webhook deliveries in flight are not awaited (see settled()). */
  stop(): Promise<void> {
    return this.http.stop();
  }

  get baseUrl(): string {
    return this.http.url;
  }

  /** What a Forge installation's `app.apiBaseUrl` would be for this site (https://api.atlassian.com/ex/jira/<cloudId>). */
  get gatewayUrl(): string {
    return `${this.http.url}/ex/jira/${this.cloudId}`;
  }

  /** A system token of the Forge app for this site (x-forge-oauth-system), valid `ttlSeconds`; it acts as the app's bot user. */
  issueAppToken(ttlSeconds = 3600): string {
    return this.tokens.issueAppToken(ttlSeconds);
  }

  /** The token `asUser()` calls of this person carry through the gateway. */
  userToken(accountId: string): string {
    this.state.user(accountId);
    return this.tokens.userToken(accountId);
  }

  /** Gives a person the ADMINISTER global permission (Jira administrators). */
  grantAdmin(accountId: string): void {
    this.admins.add(accountId);
  }

  /** Takes ADMINISTER away from a person again. */
  revokeAdmin(accountId: string): void {
    this.admins.delete(accountId);
  }

  /**
   * Takes a project permission (e.g. "BROWSE_PROJECTS") from one person, in every project or only in
   * `projectKey` (as a permission scheme or issue security level does on a real site); the others keep it.
   */
  denyUserPermission(accountId: string, key: string, projectKey?: string): void {
    const denied = this.deniedUsers.get(accountId) ?? new Set<string>();
    const project = projectKey === undefined ? undefined : findProject(projectKey);
    if (projectKey !== undefined && !project) throw new Error(`No project ${projectKey} in the Jira emulator`);
    denied.add(project ? `${project.id}:${key}` : key);
    this.deniedUsers.set(accountId, denied);
  }

  /** Hears every change to an issue as the Forge product event Jira raises for it (see forge-event-payloads.ts). */
  onForgeEvent(listener: (payload: Record<string, unknown>) => Promise<void>): void {
    this.forgeListeners.push(listener);
  }

  setAuth(mode: AuthMode): void {
    this.authMode = mode;
  }

  /**
   * Removes one project permission (e.g. "TRANSITION_ISSUES") from the API user (the app, through the gateway), in
   * every project or only in `projectKey` (an admin taking the app's role out of one project's permission scheme);
   * grantPermission restores it.
   */
  denyPermission(key: string, projectKey?: string): void {
    this.denied.add(this.projectScoped(key, projectKey));
  }

  grantPermission(key: string, projectKey?: string): void {
    this.denied.delete(this.projectScoped(key, projectKey));
  }

  private projectScoped(key: string, projectKey: string | undefined): string {
    if (projectKey === undefined) return key;
    const project = findProject(projectKey);
    if (!project) throw new Error(`No project ${projectKey} in the Jira emulator`);
    return `${project.id}:${key}`;
  }

  /** Resolves once search sees every issue created so far, as a person would wait for a fresh issue to show up in a filter. */
  async indexed(): Promise<void> {
    const latest = Math.max(0, ...this.state.all().map((i) => i.created));
    const wait = latest + this.searchLagMs - Date.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait + 1));
  }

  /** Every request received, oldest first (including rejected and faulted ones). */
  requests(filter: { method?: string; path?: string | RegExp } = {}): LoggedRequest[] {
    return this.log.filter(
      (r) =>
        (!filter.method || r.method === filter.method) &&
        (!filter.path || (typeof filter.path === "string" ? r.path === filter.path : filter.path.test(r.path))),
    );
  }

  /** Requests the emulator could not serve as Jira would: unknown routes, unsupported JQL, emulator errors. */
  unexpected(): UnexpectedRequest[] {
    return [...this.unexpectedList];
  }

  clearLog(): void {
    this.log.length = 0;
    this.unexpectedList.length = 0;
  }

  /** A copy of the issue as stored: fields (dueDate, labels, assigneeId…), changelog, links, remoteLinks. */
  issue(keyOrId: string): IssueSnapshot | undefined {
    const issue = this.state.find(keyOrId);
    return issue && snapshot(this.state, issue);
  }

  issues(): IssueSnapshot[] {
    return this.state.all().map((i) => snapshot(this.state, i));
  }

  /** Adds a person to the site (assignable, able to act through the *AsUser helpers); returns the new user. */
  addUser(
    displayName: string,
    emailAddress = `${displayName.toLowerCase().replace(/[^a-z0-9]+/g, ".")}@example.com`,
  ): JiraUser {
    const user: JiraUser = { accountId: `712020:${randomUUID()}`, displayName, emailAddress, timeZone: "Etc/UTC" };
    this.state.users.push(user);
    return user;
  }

  /** The person closes their Atlassian account: /app/report-accounts answers `closed` for it from now on. */
  closeAccount(accountId: string): void {
    this.state.user(accountId);
    this.state.accountChanges.set(accountId, { status: "closed", at: Date.now() });
  }

  /** The person changes their profile (name): /app/report-accounts answers `updated` to an app that fetched it before. */
  renameAccount(accountId: string, displayName: string): void {
    this.state.user(accountId).displayName = displayName;
    this.state.accountChanges.set(accountId, { status: "updated", at: Date.now() });
  }

  /** Jira-side changes, made as a human (default) or any seeded user; each raises its webhooks and waits for them. */
  async createIssueAsUser(fields: NewIssueFields, accountId = HUMAN_ACCOUNT_ID): Promise<IssueSnapshot> {
    const input = validateCreate(
      {
        project: { key: fields.project },
        issuetype: { name: fields.issueType ?? "Incident" },
        summary: fields.summary,
        priority: fields.priority ? { name: fields.priority } : undefined,
        labels: fields.labels,
        description: fields.description === undefined ? undefined : textToAdf(fields.description),
        duedate: fields.dueDate,
        assignee: fields.assigneeId === undefined ? undefined : { accountId: fields.assigneeId },
      },
      this.state.users,
    );
    const event = this.state.create(input, accountId);
    await this.emit(event);
    return snapshot(this.state, event.issue);
  }

  async transitionAsUser(key: string, statusName: string, accountId = HUMAN_ACCOUNT_ID): Promise<void> {
    const issue = this.state.get(key);
    const workflow = this.state.project(issue).workflow;
    const status = STATUSES.find((s) => workflow.includes(s.id) && s.name.toLowerCase() === statusName.toLowerCase());
    if (!status) throw new Error(`jira emulator: ${issue.key}'s workflow has no status "${statusName}"`);
    await this.emit(this.state.transition(issue, transitionIdFor(status.id), accountId));
  }

  async commentAsUser(key: string, text: string, accountId = HUMAN_ACCOUNT_ID): Promise<string> {
    const event = this.state.comment(this.state.get(key), textToAdf(text), accountId);
    await this.emit(event);
    return event.comment.id;
  }

  async setPriorityAsUser(key: string, name: string, accountId = HUMAN_ACCOUNT_ID): Promise<void> {
    const priority = PRIORITIES.find((p) => p.name.toLowerCase() === name.toLowerCase());
    if (!priority) throw new Error(`jira emulator: no priority "${name}"`);
    const event = this.state.edit(this.state.get(key), { priority }, accountId);
    if (event) await this.emit(event);
  }

  /** Replaces the issue's labels as a person does in the Labels field: jira:issue_updated with a `labels` changelog item. */
  async setLabelsAsUser(key: string, labels: readonly string[], accountId = HUMAN_ACCOUNT_ID): Promise<void> {
    const event = this.state.edit(this.state.get(key), { labels: [...labels] }, accountId);
    if (event) await this.emit(event);
  }

  /**
   * Assigns (null: unassigns) as a person does with the Assign action: jira:issue_updated with issue_event_type_name
   * "issue_assigned" and an `assignee` changelog item (from/to accountIds, fromString/toString display names).
   */
  async assignAsUser(key: string, assigneeAccountId: string | null, accountId = HUMAN_ACCOUNT_ID): Promise<void> {
    if (assigneeAccountId !== null) this.state.user(assigneeAccountId);
    const event = this.state.edit(this.state.get(key), { assigneeId: assigneeAccountId }, accountId, "issue_assigned");
    if (event) await this.emit(event);
  }

  /** Sets (null: clears) the Due date: jira:issue_updated / "issue_updated" with a `duedate` changelog item. */
  async setDueDateAsUser(key: string, dueDate: string | null, accountId = HUMAN_ACCOUNT_ID): Promise<void> {
    if (dueDate !== null && !isJiraDate(dueDate))
      throw new Error(`jira emulator: due date must be YYYY-MM-DD, got "${dueDate}"`);
    const event = this.state.edit(this.state.get(key), { dueDate }, accountId);
    if (event) await this.emit(event);
  }

  async deleteIssueAsUser(key: string, accountId = HUMAN_ACCOUNT_ID): Promise<void> {
    await this.emit(this.state.delete(this.state.get(key), accountId));
  }

  registerWebhook(registration: WebhookRegistration): number {
    return this.webhooks.register(registration);
  }

  unregisterWebhook(id: number): void {
    this.webhooks.unregister(id);
  }

  deliveries(): WebhookDelivery[] {
    return this.webhooks.deliveries();
  }

  redeliver(identifier: string): Promise<DeliveryAttempt> {
    return this.webhooks.redeliver(identifier);
  }

  /** Waits until every webhook delivery started so far has finished. */
  settled(): Promise<void> {
    return this.webhooks.settled();
  }

  private async emit(event: JiraEvent): Promise<void> {
    const forge = this.forgeListeners.length ? forgeEventPayload(this.rep("3"), event) : null;
    await Promise.all([
      this.webhooks.emit(webhookMessages(this.rep("2"), event, Date.now())),
      ...this.forgeListeners.map((listen) => listen(forge!)),
    ]);
  }

  private rep(api: "2" | "3"): RepCtx {
    const webhook = api === "2";
    return {
      baseUrl: this.http.url || "http://127.0.0.1",
      api,
      state: this.state,
      textBodies: webhook && this.webhookBodies === "text",
      emails: !webhook,
    };
  }

  private can(permission: string, user: JiraUser = this.apiUser, projectId?: string): boolean {
    if (user.accountId !== this.apiUser.accountId) {
      if (permission === "ADMINISTER") return this.admins.has(user.accountId);
      const denied = this.deniedUsers.get(user.accountId);
      return !denied?.has(permission) && !(projectId !== undefined && denied?.has(`${projectId}:${permission}`));
    }
    if (permission === "ADMINISTER") return false;
    return (
      this.authMode !== "forbidden" &&
      !this.denied.has(permission) &&
      !(projectId !== undefined && this.denied.has(`${projectId}:${permission}`))
    );
  }

  /** The gateway: the app's system token acts as the API (bot) user; a user token as that person. */
  private authenticateBearer(token: string | null): AuthResult {
    const identity = this.tokens.identify(token);
    if (!identity || (identity.kind === "app" && this.authMode === "revoked"))
      return { ok: false, status: 401, body: NOT_AUTHENTICATED };
    return identity.kind === "app"
      ? { ok: true, user: this.apiUser, app: true }
      : { ok: true, user: this.state.user(identity.accountId) };
  }

  private authenticate(email: string | null, token: string | null): AuthResult {
    const valid =
      email !== null && token !== null && email.toLowerCase() === this.email.toLowerCase() && token === this.apiToken;
    if (!valid || this.authMode === "revoked") return { ok: false, status: 401, body: NOT_AUTHENTICATED };
    return { ok: true, user: this.apiUser };
  }
}
