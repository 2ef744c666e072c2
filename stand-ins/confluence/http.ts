// The HTTP side of the emulator: node:http server, request log, fault injection, Basic auth on the site and Bearer
// tokens at the Forge app gateway, write permission, page view restrictions, routing, Confluence-shaped errors, and a
// strict schema check of every successful JSON answer. Route handlers return {status, body}; they never touch the
// socket, so afterCommit faults can drop the answer after the change.
import type { IncomingMessage, ServerResponse } from "node:http";
import { bearer, gatewayPath } from "../common/atlassian-gateway.ts";
import { basicAuth, parseJsonBody, queryRecord, readBody } from "../common/http-request.ts";
import { StandInHttpServer } from "../common/loopback-server.ts";
import type { StandInView } from "../common/view/view-server.ts";
import { describeFault, faultBody, type FaultQueue } from "./faults.ts";
import { mismatch, type ResponseSchema } from "./schemas.ts";
import { PAGE_NOT_FOUND, type ConfluenceState, type PageRecord } from "./state.ts";
import { ConfluenceHttpError, errorBodyFor, type AuthKind, type ConfluenceUser, type LoggedRequest } from "./types.ts";

export interface Core {
  state: ConfluenceState;
  baseUrl(): string;
  searchLagMs(): number;
  recordUnexpected(method: string, path: string, reason: string): void;
  /** Applies a queued "someone saved just before you" edit to the page, if one is queued (nextUpdateLoses). */
  loseNextUpdate(pageId: string): void;
  /** True when a view restriction (on the page or an ancestor) hides the page from this account (denyPageView). */
  viewDenied(pageId: string, accountId: string): boolean;
}

export interface RouteContext {
  core: Core;
  method: string;
  path: string;
  params: string[];
  query: URLSearchParams;
  body: unknown;
  user: ConfluenceUser;
  /** False for pages the caller may not see; lists leave them out. Only user tokens are subject to view restrictions. */
  canView(page: PageRecord): boolean;
  /** Records that the emulator cannot answer this as Confluence would (the request still gets an answer). */
  unexpected(reason: string): void;
}

export interface RouteResult {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export interface Route {
  method: string;
  pattern: RegExp;
  handler: (ctx: RouteContext) => RouteResult | Promise<RouteResult>;
  /** confluence.js's schema for the 2xx body. */
  schema?: ResponseSchema;
  /** Needs edit permission in the space. */
  write?: boolean;
}

/**
 * "revoked": every call is 401. "forbidden": authenticated, reads work, every write is 403.
 * "view-only": authenticated with only View permission, and writes answered as the OpenAPI documents them:
 * v2 page/property writes are 404 ("the user does not have the needed permissions to create/update a page"),
 * v1 label writes are 403 ("the calling user can view but not edit the content").
 */
export type AuthMode = "ok" | "revoked" | "forbidden" | "view-only";

export type AuthResult = { ok: true; user: ConfluenceUser; kind: AuthKind } | { ok: false };
/** An AuthResult, or a refusal with its own answer (not the usual 401). */
type Access = AuthResult | { ok: false; answer: RouteResult };

export interface HttpDeps {
  core: Core;
  routes: Route[];
  faults: FaultQueue;
  authenticate(email: string | null, token: string | null): AuthResult;
  /** The Forge app gateway (`/ex/confluence/<cloudId>/…` with a Bearer token), see common/atlassian-gateway.ts. */
  authenticateBearer(token: string | null): AuthResult;
  readonly cloudId: string;
  authMode(): AuthMode;
  log: LoggedRequest[];
  /** The web pages under /_view/ (view/confluence-view.ts). */
  view: StandInView;
}

const JSON_TYPE = "application/json;charset=UTF-8";

export class EmulatorHttpServer extends StandInHttpServer {
  private seq = 0;

  constructor(private readonly deps: HttpDeps) {
    super();
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = Date.now();
    const url = new URL(req.url ?? "/", "http://emulator");
    if (this.deps.view.handles(url.pathname)) return this.deps.view.handle(req, res, url);
    const method = req.method ?? "GET";
    // A gateway request is routed like the path after `/ex/confluence/<cloudId>` (faults match that path too).
    const gateway = gatewayPath(url.pathname, "confluence");
    const path = gateway?.path ?? url.pathname;
    const raw = await readBody(req);
    const { body, parseError } = parseJsonBody(
      raw,
      req.headers["content-type"],
      (reason) => `Unable to parse the request body as JSON: ${reason}`,
    );
    const { email } = basicAuth(req.headers.authorization);
    const entry: LoggedRequest = {
      seq: ++this.seq,
      method,
      path,
      query: queryRecord(url.searchParams),
      body,
      authUser: email,
      receivedAt,
      ...(gateway ? { gateway: true } : {}),
    };
    this.deps.log.push(entry);

    const fault = this.deps.faults.take({ method, path, query: url.searchParams, body });
    if (fault) entry.fault = describeFault(fault);
    if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault?.hang) {
      entry.outcome = "hung";
      return;
    }
    if (fault?.status !== undefined)
      return this.send(res, entry, { status: fault.status, body: faultBody(fault, path), headers: fault.headers });

    const auth = this.authorize(gateway?.cloudId, req.headers.authorization, path);
    if (auth.ok) {
      entry.authKind = auth.kind;
      if (auth.kind === "user") entry.accountId = auth.user.accountId;
    }
    let result = await this.route(method, path, url.searchParams, body, parseError, auth);
    if (fault?.afterCommit === "drop") return this.drop(req, entry);
    if (fault?.drift && result.status < 300) result = { ...result, body: fault.drift(result.body) };
    this.send(res, entry, result);
  }

  /**
   * Who is calling. The site takes Basic auth with an Atlassian account email and API token
   * (https://developer.atlassian.com/cloud/confluence/basic-auth-for-rest-apis/); Bearer tokens belong to the gateway.
   * The gateway takes Bearer tokens only, each for one site, so another cloud id's path is a site it does not know
   * for this token (https://developer.atlassian.com/platform/forge/remote/calling-product-apis/).
   */
  private authorize(cloudId: string | undefined, header: string | undefined, path: string): Access {
    if (cloudId === undefined) {
      if (bearer(header)) return { ok: false };
      const { email, token } = basicAuth(header);
      return this.deps.authenticate(email, token);
    }
    if (cloudId !== this.deps.cloudId)
      return { ok: false, answer: { status: 404, body: errorBodyFor(path, 404, "Not Found") } };
    return this.deps.authenticateBearer(bearer(header));
  }

  private async route(
    method: string,
    path: string,
    query: URLSearchParams,
    body: unknown,
    parseError: string | undefined,
    auth: Access,
  ): Promise<RouteResult> {
    const { routes, core } = this.deps;
    const matching = routes.filter((r) => r.pattern.test(path));
    const route = matching.find((r) => r.method === method);
    if (!route) {
      core.recordUnexpected(
        method,
        path,
        matching.length > 0 ? `method ${method} not emulated for this path` : "no such route in the emulator",
      );
      return matching.length > 0
        ? { status: 405, body: errorBodyFor(path, 405, "Method Not Allowed") }
        : { status: 404, body: errorBodyFor(path, 404, "Not Found") };
    }
    if (!auth.ok)
      return "answer" in auth ? auth.answer : { status: 401, body: errorBodyFor(path, 401, "Unauthorized") };
    const user = auth.user;
    const asUser = auth.kind === "user";
    if (route.write && asUser) {
      // What a user may change depends on space permissions and edit restrictions the emulator does not model.
      core.recordUnexpected(method, path, "writes with a user token (asUser) are not emulated");
      return {
        status: 403,
        body: errorBodyFor(path, 403, "Writes with a user token are not supported by the emulator"),
      };
    }
    const denied = route.write && !asUser ? this.writeDenied(path) : undefined;
    if (denied) return denied;
    if (parseError) return { status: 400, body: errorBodyFor(path, 400, parseError) };
    const canView = (page: PageRecord) => !asUser || !core.viewDenied(page.id, user.accountId);
    // A page the caller cannot view is answered exactly like a missing one, for the page and everything under its path
    // (GET /pages/{id}: "404 ... the calling user does not have permission to view the requested content",
    // https://developer.atlassian.com/cloud/confluence/rest/v2/api-group-page/#api-pages-id-get).
    const pageId = /^\/wiki\/api\/v2\/pages\/(\d+)(?:\/|$)/.exec(path)?.[1];
    const page = pageId === undefined ? undefined : core.state.findPage(pageId);
    if (page && !canView(page)) return { status: 404, body: errorBodyFor(path, 404, PAGE_NOT_FOUND) };
    const params = route.pattern
      .exec(path)!
      .slice(1)
      .map((p) => decodeURIComponent(p));
    const ctx: RouteContext = {
      core,
      method,
      path,
      params,
      query,
      body,
      user,
      canView,
      unexpected: (reason) => core.recordUnexpected(method, path, reason),
    };
    let result: RouteResult;
    try {
      result = await route.handler(ctx);
    } catch (err) {
      if (err instanceof ConfluenceHttpError) return { status: err.status, body: err.body };
      core.recordUnexpected(method, path, `emulator error: ${err instanceof Error ? err.stack : String(err)}`);
      return { status: 500, body: errorBodyFor(path, 500, "Internal Server Error") };
    }
    if (route.schema && result.status < 300 && result.body !== undefined) {
      const problem = mismatch(route.schema, result.body);
      if (problem) core.recordUnexpected(method, path, problem);
    }
    return result;
  }

  private writeDenied(path: string): RouteResult | undefined {
    const mode = this.deps.authMode();
    if (mode === "forbidden") return { status: 403, body: errorBodyFor(path, 403, "Forbidden") };
    if (mode !== "view-only") return undefined;
    return path.startsWith("/wiki/rest/")
      ? { status: 403, body: errorBodyFor(path, 403, "The calling user can view but not edit the content.") }
      : { status: 404, body: errorBodyFor(path, 404, "Not Found") };
  }

  private send(res: ServerResponse, entry: LoggedRequest, result: RouteResult): void {
    entry.outcome = result.status;
    const headers: Record<string, string> = {
      "ATL-TraceId": `emu${entry.seq.toString(16).padStart(12, "0")}`,
      ...result.headers,
    };
    if (result.body === undefined) {
      res.writeHead(result.status, headers).end();
      return;
    }
    res.writeHead(result.status, { "Content-Type": JSON_TYPE, ...headers }).end(JSON.stringify(result.body));
  }

  private drop(req: IncomingMessage, entry: LoggedRequest): void {
    entry.outcome = "dropped";
    req.socket.destroy();
  }
}
