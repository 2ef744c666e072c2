// The HTTP side of the emulator: node:http server on /api/<method>, argument parsing for both body types Slack takes,
// bearer-token auth, the request log and fault injection. Slack answers method errors with HTTP 200 {ok:false, error};
// only rate limiting uses a status (429). https://docs.slack.dev/apis/web-api
import type { IncomingMessage, ServerResponse } from "node:http";
import { describeFault, faultResponse, type FaultQueue } from "./faults.ts";
import { METHODS } from "./methods.ts";
import { SlackMethodError, type LoggedRequest, type MethodResult, type SlackChannel } from "./types.ts";
import type { Workspace } from "./workspace.ts";
import { readBody } from "../common/http-request.ts";
import { StandInHttpServer } from "../common/loopback-server.ts";
import { SlackView } from "./view/view-server.ts";

export interface HttpDeps {
  ws: Workspace;
  faults: FaultQueue;
  log: LoggedRequest[];
  recordUnexpected(method: string, reason: string): void;
  /** null when the token is accepted, else Slack's error (not_authed, invalid_auth, token_revoked, …). */
  authenticate(token: string | null): string | null;
  /** An inner event the method caused (the bot posted, edited, pinned); delivered after the method answers. */
  publish(channel: SlackChannel, event: Record<string, unknown>): void;
  /** A POST to a response_url the emulator handed out; undefined when the path is not one. */
  responseUrl(path: string, raw: string): { status: number; body: string } | undefined;
  /** The web pages under /_view/ (view/view-server.ts). */
  view: SlackView;
}

interface ParsedArgs {
  args: Record<string, unknown>;
  formToken: string | null;
  error?: string;
  /** Set when Slack would accept the request but the emulator cannot read it. */
  unexpected?: string;
}

const JSON_TYPE = "application/json; charset=utf-8";
const SCOPES =
  "channels:history,channels:manage,channels:read,chat:write,groups:history,groups:read,groups:write,im:history,im:write,pins:read,pins:write,reactions:read,users:read,users:read.email";

export class EmulatorHttpServer extends StandInHttpServer {
  private seq = 0;

  constructor(private readonly deps: HttpDeps) {
    super();
  }

  protected async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = Date.now();
    const url = new URL(req.url ?? "/", "http://emulator");
    if (this.deps.view.handles(url.pathname)) return this.deps.view.handle(req, res, url);
    const method = /^\/api\/([A-Za-z0-9_.]+)$/.exec(url.pathname)?.[1];
    const hook =
      !method && req.method === "POST" ? this.deps.responseUrl(url.pathname, await readBody(req)) : undefined;
    if (hook) {
      res.writeHead(hook.status, { "Content-Type": "text/html" }).end(hook.body);
      return;
    }
    if (!method) {
      this.deps.recordUnexpected(url.pathname, "not a Web API path (expected /api/<method>)");
      res.writeHead(404, { "Content-Type": "text/html" }).end("<html><body>Not Found</body></html>");
      return;
    }
    const contentType = req.headers["content-type"] ?? null;
    const parsed = parseArgs(await readBody(req), contentType, url.searchParams);
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? "")?.[1] ?? null;
    const entry: LoggedRequest = {
      seq: ++this.seq,
      method,
      httpMethod: req.method ?? "GET",
      contentType,
      args: parsed.args,
      auth: bearer ? "bearer" : parsed.formToken ? "form" : "none",
      receivedAt,
    };
    this.deps.log.push(entry);

    const fault = this.deps.faults.take({ method, args: parsed.args });
    if (fault) entry.fault = describeFault(fault);
    if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault?.hang) {
      entry.outcome = "hung";
      return;
    }
    if (fault?.status !== undefined) {
      const { body, contentType: type } = faultResponse(fault);
      entry.outcome = fault.status;
      res
        .writeHead(fault.status, { "Content-Type": type, ...fault.headers })
        .end(typeof body === "string" ? body : JSON.stringify(body));
      return;
    }
    const result =
      fault?.error !== undefined
        ? { body: { ok: false, error: fault.error, ...(fault.body as object | undefined) }, headers: fault.headers }
        : this.call(method, parsed, bearer ?? parsed.formToken, receivedAt);
    if (fault?.answerLost) {
      entry.outcome = "hung";
      return;
    }
    this.send(res, entry, result);
  }

  private call(method: string, parsed: ParsedArgs, token: string | null, now: number): MethodResult {
    const def = METHODS[method];
    // Slack looks the method up before the token: a dead method answers unknown_method even without auth.
    // Whether Slack uses HTTP 404 for this is not documented; the emulator keeps the usual 200.
    if (!def) {
      this.deps.recordUnexpected(method, "method not emulated");
      return { body: { ok: false, error: "unknown_method", req_method: method } };
    }
    if (parsed.unexpected) this.deps.recordUnexpected(method, parsed.unexpected);
    if (parsed.error) return { body: { ok: false, error: parsed.error } };
    const authError = this.deps.authenticate(token);
    if (authError) return { body: { ok: false, error: authError } };
    for (const key of Object.keys(parsed.args))
      if (!def.args.includes(key)) this.deps.recordUnexpected(method, `argument "${key}" is not emulated`);
    try {
      const body = def.handler({
        ws: this.deps.ws,
        args: parsed.args,
        now,
        recordUnexpected: (reason) => this.deps.recordUnexpected(method, reason),
        publish: (c, e) => this.deps.publish(c, e),
      });
      return { body: { ok: true, ...body }, headers: { "X-OAuth-Scopes": SCOPES } };
    } catch (err) {
      if (err instanceof SlackMethodError) return { body: { ok: false, error: err.error, ...err.extra } };
      this.deps.recordUnexpected(method, `emulator error: ${err instanceof Error ? err.stack : String(err)}`);
      return { body: { ok: false, error: "internal_error" } };
    }
  }

  private send(res: ServerResponse, entry: LoggedRequest, result: MethodResult): void {
    const status = result.status ?? 200;
    entry.outcome = status;
    if (result.body.ok === false && typeof result.body.error === "string") entry.error = result.body.error;
    res
      .writeHead(status, { "Content-Type": JSON_TYPE, "X-Slack-Req-Id": `emu-${entry.seq}`, ...result.headers })
      .end(JSON.stringify(result.body));
  }
}

/**
 * Arguments from the query string and the body. A JSON body needs the token in the Authorization header; a form body
 * may carry it as `token` (https://docs.slack.dev/apis/web-api#posting_json). Errors are Slack's own codes.
 */
function parseArgs(raw: string, contentType: string | null, query: URLSearchParams): ParsedArgs {
  const args: Record<string, unknown> = Object.fromEntries(query);
  delete args.token;
  if (raw === "") return { args, formToken: null };
  const [type = "", ...params] = (contentType ?? "").split(";").map((s) => s.trim().toLowerCase());
  const charset = params.find((p) => p.startsWith("charset="))?.slice("charset=".length);
  if (type === "") return { args, formToken: null, error: "missing_post_type" };
  if (charset && !["utf-8", "utf8", "iso-8859-1"].includes(charset))
    return { args, formToken: null, error: "invalid_charset" };
  if (type === "application/json") {
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return { args, formToken: null, error: "invalid_json" };
    }
    if (typeof body !== "object" || body === null || Array.isArray(body))
      return { args, formToken: null, error: "json_not_object" };
    const { token: _ignored, ...rest } = body as Record<string, unknown>;
    return { args: { ...args, ...rest }, formToken: null };
  }
  if (type === "application/x-www-form-urlencoded") {
    const form = new URLSearchParams(raw);
    for (const [key, value] of form) if (key !== "token") args[key] = value;
    return { args, formToken: form.get("token") };
  }
  // Slack also takes multipart/form-data (file uploads) and text/plain; nothing Firewatch calls needs them.
  if (type === "multipart/form-data" || type === "text/plain")
    return { args, formToken: null, error: "invalid_form_data", unexpected: `${type} bodies are not emulated` };
  return { args, formToken: null, error: "invalid_post_type" };
}
