// Twilio REST API emulator for tests: a real HTTP server on 127.0.0.1 serving the two create calls Firewatch makes,
//   POST /2010-04-01/Accounts/{AccountSid}/Messages.json  (https://www.twilio.com/docs/messaging/api/message-resource)
//   POST /2010-04-01/Accounts/{AccountSid}/Calls.json     (https://www.twilio.com/docs/voice/api/call-resource)
// with HTTP basic auth AccountSid:AuthToken, form-encoded bodies, Twilio's error JSON
// (https://www.twilio.com/docs/usage/twilios-response), fault injection and a request log.
// Requests Twilio would not serve this way are recorded in `unexpected()`; tests should assert it stays empty.
import type { IncomingMessage, ServerResponse } from "node:http";
import { describeFault, faultBody, FaultQueue } from "./faults.ts";
import { callResource, messageResource, twilioError, validate, type Resource } from "./resources.ts";
import { readBody } from "../common/http-request.ts";
import { LoopbackServer } from "../common/loopback-server.ts";

export interface TwilioEmulatorOptions {
  accountSid?: string;
  authToken?: string;
  /** The account's phone numbers, usable as From (default ["+15005550006"], Twilio's magic valid sender). */
  numbers?: readonly string[];
}

export interface LoggedRequest {
  seq: number;
  httpMethod: string;
  path: string;
  resource: Resource | null;
  contentType: string | null;
  /** The form fields as sent. */
  params: Record<string, string>;
  auth: "ok" | "bad" | "none";
  receivedAt: number;
  fault?: string;
  /** The HTTP status, or "hung". */
  outcome?: number | "hung";
  /** Twilio's error code when the answer was an error. */
  code?: number;
}

export interface UnexpectedRequest {
  path: string;
  reason: string;
}

const KNOWN_PARAMS: Record<Resource, readonly string[]> = {
  Messages: ["To", "From", "Body", "StatusCallback", "ValidityPeriod"],
  Calls: ["To", "From", "Twiml", "Url", "Method", "StatusCallback", "Timeout"],
};
const JSON_TYPE = "application/json; charset=utf-8";

export class TwilioEmulator {
  readonly accountSid: string;
  readonly authToken: string;
  readonly numbers: readonly string[];
  readonly faults = new FaultQueue();
  private readonly log: LoggedRequest[] = [];
  private readonly unexpectedList: UnexpectedRequest[] = [];
  private readonly created: Record<Resource, Record<string, unknown>[]> = { Messages: [], Calls: [] };
  private readonly server = new LoopbackServer((req, res) => this.handle(req, res));
  private seq = 0;
  baseUrl = "";

  constructor(options: TwilioEmulatorOptions = {}) {
    this.accountSid = options.accountSid ?? `AC${"a".repeat(32)}`;
    this.authToken = options.authToken ?? "emulator-auth-token";
    this.numbers = options.numbers ?? ["+15005550006"];
  }

  /** Listens on 127.0.0.1, a free port; returns the base URL (the notifier's `apiUrl`). */
  async start(): Promise<string> {
    this.baseUrl = await this.server.start();
    return this.baseUrl;
  }

  /** Closes the server, cutting hung requests. */
  stop(): Promise<void> {
    return this.server.stop();
  }

  /** Messages created, oldest first, as Twilio returned them. */
  messages(): Record<string, unknown>[] {
    return this.created.Messages.map((m) => ({ ...m }));
  }

  /** Calls created, oldest first, as Twilio returned them (plus the `twiml` they were given). */
  calls(): Record<string, unknown>[] {
    return this.created.Calls.map((c) => ({ ...c }));
  }

  /** Every request received, oldest first (including rejected and faulted ones). */
  requests(): LoggedRequest[] {
    return [...this.log];
  }

  unexpected(): UnexpectedRequest[] {
    return [...this.unexpectedList];
  }

  clearLog(): void {
    this.log.length = 0;
    this.unexpectedList.length = 0;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? "/", "http://emulator").pathname;
    const body = await readBody(req);
    const contentType = req.headers["content-type"] ?? null;
    const params = Object.fromEntries(new URLSearchParams(body));
    const route = /^\/2010-04-01\/Accounts\/([^/]+)\/(Messages|Calls)\.json$/.exec(path);
    const resource = (route?.[2] as Resource | undefined) ?? null;
    const auth = this.authenticate(req.headers.authorization);
    const entry: LoggedRequest = { seq: ++this.seq, httpMethod: req.method ?? "GET", path, resource, contentType, params, auth, receivedAt: Date.now() };
    this.log.push(entry);
    const send = (status: number, json: unknown, headers: Record<string, string> = {}) => {
      entry.outcome = status;
      if (status >= 400 && typeof (json as { code?: unknown }).code === "number") entry.code = (json as { code: number }).code;
      res.writeHead(status, { "Content-Type": JSON_TYPE, ...headers }).end(JSON.stringify(json));
    };

    if (auth !== "ok") {
      // https://www.twilio.com/docs/api/errors/20003
      return send(401, twilioError(20003, "Authenticate", 401), { "WWW-Authenticate": 'Basic realm="Twilio API"' });
    }
    if (!route || !resource || req.method !== "POST") {
      this.unexpectedList.push({ path, reason: route ? `${req.method} is not served` : "not a Messages/Calls create path" });
      return send(404, twilioError(20404, `The requested resource ${path} was not found`, 404));
    }
    if (route[1] !== this.accountSid) return send(404, twilioError(20404, `The requested resource ${path} was not found`, 404));
    this.checkRequest(path, resource, contentType, params);

    const fault = this.faults.take({ resource, params });
    if (fault) entry.fault = describeFault(fault);
    if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault?.hang) {
      entry.outcome = "hung";
      return;
    }
    if (fault?.status !== undefined) return send(fault.status, faultBody(fault), fault.headers);

    const refused = validate(resource, params, this.numbers);
    if (refused) return send(refused.status, refused);
    const now = new Date();
    const created = resource === "Messages" ? messageResource(this.accountSid, params, now) : callResource(this.accountSid, params, now);
    this.created[resource].push(resource === "Calls" ? { ...created, twiml: params.Twiml ?? null } : created);
    send(201, created);
  }

  private authenticate(header: string | undefined): LoggedRequest["auth"] {
    const encoded = /^Basic\s+(\S+)$/i.exec(header ?? "")?.[1];
    if (!encoded) return "none";
    const decoded = Buffer.from(encoded, "base64").toString("utf8");
    return decoded === `${this.accountSid}:${this.authToken}` ? "ok" : "bad";
  }

  /** Records what Twilio would take but a careful client should not send. */
  private checkRequest(path: string, resource: Resource, contentType: string | null, params: Record<string, string>): void {
    if (!contentType?.startsWith("application/x-www-form-urlencoded")) {
      this.unexpectedList.push({ path, reason: `body is ${contentType ?? "untyped"}, Twilio takes form encoding` });
    }
    for (const name of Object.keys(params)) {
      if (!KNOWN_PARAMS[resource].includes(name)) this.unexpectedList.push({ path, reason: `unknown parameter ${name}` });
    }
    const twiml = params.Twiml;
    if (twiml !== undefined && !/^(<\?xml[^>]*\?>)?\s*<Response>[\s\S]*<\/Response>\s*$/.test(twiml)) {
      this.unexpectedList.push({ path, reason: "Twiml is not a <Response> document" });
    }
    // The Calls resource caps inline TwiML at 4,000 characters.
    if (twiml !== undefined && twiml.length > 4000) this.unexpectedList.push({ path, reason: "Twiml longer than 4000 characters" });
  }
}
