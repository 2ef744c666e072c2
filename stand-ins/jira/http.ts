// The HTTP side of the emulator: node:http server, request log, fault injection, Basic auth, routing, Jira-shaped
// errors. Route handlers return {status, body}; they never touch the socket, so afterCommit faults can drop the
// answer after the handler has committed its change.
import type { IncomingMessage, ServerResponse } from "node:http";
import { describeFault, faultBody, type FaultQueue } from "./faults.ts";
import type { RepCtx } from "./represent.ts";
import type { JiraState } from "./state.ts";
import { JiraHttpError, type JiraEvent, type JiraUser, type LoggedRequest, type UnexpectedRequest } from "./types.ts";
import { basicAuth, parseJsonBody, queryRecord, readBody } from "../common/http-request.ts";
import { bearer, gatewayPath } from "../common/atlassian-gateway.ts";
import { StandInHttpServer } from "../common/loopback-server.ts";
import type { StandInView } from "../common/view/view-server.ts";

export interface Core {
  state: JiraState;
  rep(): RepCtx;
  emit(event: JiraEvent): void;
  /** Whether `user` (default: the API user) holds the permission. */
  /** Whether `user` holds the permission (in `projectId`'s project when given; a project permission may be taken away in one project only). */
  can(permission: string, user?: JiraUser, projectId?: string): boolean;
  indexedPropertyKeys: readonly string[];
  searchLagMs(): number;
  /** How long an answer to this method takes before any fault's own delay. */
  latencyMs(method: string, path: string): number;
  recordUnexpected(method: string, path: string, reason: string): void;
}

export interface RouteContext {
  core: Core;
  method: string;
  path: string;
  params: string[];
  query: URLSearchParams;
  body: unknown;
  user: JiraUser;
  /** The caller is an app acting as itself (a Forge app's system token), which Jira trusts with more than its bot user. */
  app: boolean;
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
}

export type AuthResult = { ok: true; user: JiraUser; app?: boolean } | { ok: false; status: number; body: unknown };

export interface HttpDeps {
  core: Core;
  routes: Route[];
  faults: FaultQueue;
  authenticate(email: string | null, token: string | null): AuthResult;
  /** The Forge app gateway (`/ex/jira/<cloudId>/…` with a Bearer token), see common/atlassian-gateway.ts. */
  authenticateBearer(token: string | null): AuthResult;
  readonly cloudId: string;
  log: LoggedRequest[];
  unexpected: UnexpectedRequest[];
  /** The web pages under /_view/ (view/jira-view.ts). */
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
    const gateway = gatewayPath(url.pathname, "jira");
    const path = gateway?.path ?? url.pathname;
    const raw = await readBody(req);
    const { body, parseError } = parseJsonBody(
      raw,
      req.headers["content-type"],
      (reason) => `Unexpected character in JSON body: ${reason}`,
    );
    const { email, token } = basicAuth(req.headers.authorization);
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
    const delay = this.deps.core.latencyMs(method, path) + (fault?.delayMs ?? 0);
    if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
    if (fault?.hang) {
      entry.outcome = "hung";
      return;
    }
    if (fault?.status !== undefined)
      return this.send(res, entry, { status: fault.status, body: faultBody(fault), headers: fault.headers });

    // api.atlassian.com/app/… (personal data reporting) is not under a site: the token says which installation.
    const appApi = !gateway && url.pathname.startsWith("/app/");
    const auth = gateway
      ? this.gatewayAuth(gateway.cloudId, req.headers.authorization)
      : appApi
        ? this.deps.authenticateBearer(bearer(req.headers.authorization))
        : this.siteAuth(email, token, req.headers.authorization);
    const result = await this.route(method, path, url.searchParams, body, parseError, auth);
    if (fault?.afterCommit === "drop") return this.drop(req, entry);
    this.send(res, entry, result);
  }

  /** The site itself takes Basic auth (email + API token) only. */
  private siteAuth(email: string | null, token: string | null, header: string | undefined): AuthResult {
    if (bearer(header))
      return {
        ok: false,
        status: 401,
        body: {
          errorMessages: [
            "Bearer tokens are accepted at the API gateway (https://api.atlassian.com/ex/jira/<cloudId>), not on the site.",
          ],
          errors: {},
        },
      };
    return this.deps.authenticate(email, token);
  }

  /** The gateway takes Bearer tokens only, each for one site: another site's path is unknown to it. */
  private gatewayAuth(cloudId: string, header: string | undefined): AuthResult {
    if (cloudId !== this.deps.cloudId)
      return {
        ok: false,
        status: 404,
        body: { errorMessages: [`Site ${cloudId} is not found or this token has no access to it.`], errors: {} },
      };
    return this.deps.authenticateBearer(bearer(header));
  }

  private async route(
    method: string,
    path: string,
    query: URLSearchParams,
    body: unknown,
    parseError: string | undefined,
    auth: AuthResult,
  ): Promise<RouteResult> {
    const { routes, core } = this.deps;
    const matching = routes.filter((r) => r.pattern.test(path));
    const route = matching.find((r) => r.method === method);
    if (!route) {
      const reason =
        matching.length > 0
          ? `method ${method} not emulated for this path`
          : path.startsWith("/rest/api/2/")
            ? "REST v2 is not emulated (jira.js sends string descriptions/comment bodies to /rest/api/2)"
            : "no such route in the emulator";
      core.recordUnexpected(method, path, reason);
      return matching.length > 0
        ? { status: 405, body: { errorMessages: ["Method Not Allowed"], errors: {} } }
        : { status: 404, body: { errorMessages: ["null for uri: " + path], errors: {} } };
    }
    if (!auth.ok)
      return {
        status: auth.status,
        body: auth.body,
        headers: auth.status === 401 ? { "X-Seraph-LoginReason": "AUTHENTICATED_FAILED" } : {},
      };
    if (parseError) return { status: 400, body: { errorMessages: [parseError], errors: {} } };
    const params = route.pattern
      .exec(path)!
      .slice(1)
      .map((p) => decodeURIComponent(p));
    try {
      return await route.handler({ core, method, path, params, query, body, user: auth.user, app: auth.app === true });
    } catch (err) {
      if (err instanceof JiraHttpError) return { status: err.status, body: err.body };
      core.recordUnexpected(method, path, `emulator error: ${err instanceof Error ? err.stack : String(err)}`);
      return { status: 500, body: { errorMessages: ["Internal server error"], errors: {} } };
    }
  }

  private send(res: ServerResponse, entry: LoggedRequest, result: RouteResult): void {
    entry.outcome = result.status;
    const headers: Record<string, string> = { "X-AREQUESTID": `emu-${entry.seq}`, ...result.headers };
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
