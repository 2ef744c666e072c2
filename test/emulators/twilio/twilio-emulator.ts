// Twilio REST API emulator for tests: a real HTTP server on 127.0.0.1 serving the two create calls Firewatch makes,
//   POST /2010-04-01/Accounts/{AccountSid}/Messages.json  (https://www.twilio.com/docs/messaging/api/message-resource)
//   POST /2010-04-01/Accounts/{AccountSid}/Calls.json     (https://www.twilio.com/docs/voice/api/call-resource)
// with HTTP basic auth AccountSid:AuthToken, form-encoded bodies, Twilio's error JSON
// (https://www.twilio.com/docs/usage/twilios-response), fault injection and a request log.
// Requests Twilio would not serve this way are recorded in `unexpected()`; tests should assert it stays empty.
// A create that names a StatusCallback is later reported there, signed as Twilio signs
// (https://www.twilio.com/docs/usage/webhooks/webhooks-security): a text goes `sent`, then `delivered` or
// `undelivered`/`failed` with an ErrorCode (https://www.twilio.com/docs/messaging/guides/track-outbound-message-status);
// a call reports only its final status (https://www.twilio.com/docs/voice/api/call-resource#statuscallback).
// By default every text is delivered and every call answered; `setFate` makes a number fail as real phones do.
import type { IncomingMessage, ServerResponse } from "node:http";
import twilio from "twilio";
import { describeFault, faultBody, FaultQueue } from "./faults.ts";
import { callResource, messageResource, twilioError, validate, type Resource } from "./resources.ts";
import { readBody } from "../common/http-request.ts";
import { LoopbackServer } from "../common/loopback-server.ts";

export interface TwilioEmulatorOptions {
  accountSid?: string;
  authToken?: string;
  /** The account's phone numbers, usable as From (default ["+15005550006"], Twilio's magic valid sender). */
  numbers?: readonly string[];
  /** How long after the create each status callback goes out; a real handset takes seconds. */
  callbackDelayMs?: number;
}

/** What becomes of a text or call to a number, after Twilio accepted it. */
export type Fate =
  | { readonly status: "delivered" }
  | { readonly status: "undelivered" | "failed"; readonly errorCode: number }
  | { readonly status: "completed" | "busy" | "no-answer" | "failed" };

/** A status callback the emulator made, and how the receiver answered. */
export interface StatusCallbackDelivery {
  url: string;
  params: Record<string, string>;
  signature: string;
  /** The receiver's HTTP status, or the network error. */
  outcome: number | string;
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
  private readonly fates = new Map<string, Fate>();
  private readonly callbackLog: StatusCallbackDelivery[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private readonly callbackDelayMs: number;
  baseUrl = "";

  constructor(options: TwilioEmulatorOptions = {}) {
    this.accountSid = options.accountSid ?? `AC${"a".repeat(32)}`;
    this.authToken = options.authToken ?? "emulator-auth-token";
    this.numbers = options.numbers ?? ["+15005550006"];
    this.callbackDelayMs = options.callbackDelayMs ?? 300;
  }

  /** From now on, texts or calls to `number` end this way (a switched-off phone: undelivered, 30003). */
  setFate(number: string, fate: Fate): void {
    this.fates.set(number, fate);
  }

  /** Status callbacks made so far, oldest first. */
  statusCallbacks(): StatusCallbackDelivery[] {
    return this.callbackLog.map((c) => ({ ...c }));
  }

  /** Resolves once every status callback due has been made. */
  async settled(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.all([...this.inFlight]);
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
    const entry: LoggedRequest = {
      seq: ++this.seq,
      httpMethod: req.method ?? "GET",
      path,
      resource,
      contentType,
      params,
      auth,
      receivedAt: Date.now(),
    };
    this.log.push(entry);
    const send = (status: number, json: unknown, headers: Record<string, string> = {}) => {
      entry.outcome = status;
      if (status >= 400 && typeof (json as { code?: unknown }).code === "number")
        entry.code = (json as { code: number }).code;
      res.writeHead(status, { "Content-Type": JSON_TYPE, ...headers }).end(JSON.stringify(json));
    };

    if (auth !== "ok") {
      // https://www.twilio.com/docs/api/errors/20003
      return send(401, twilioError(20003, "Authenticate", 401), { "WWW-Authenticate": 'Basic realm="Twilio API"' });
    }
    if (!route || !resource || req.method !== "POST") {
      this.unexpectedList.push({
        path,
        reason: route ? `${req.method} is not served` : "not a Messages/Calls create path",
      });
      return send(404, twilioError(20404, `The requested resource ${path} was not found`, 404));
    }
    if (route[1] !== this.accountSid)
      return send(404, twilioError(20404, `The requested resource ${path} was not found`, 404));
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
    const created =
      resource === "Messages"
        ? messageResource(this.accountSid, params, now)
        : callResource(this.accountSid, params, now);
    this.created[resource].push(resource === "Calls" ? { ...created, twiml: params.Twiml ?? null } : created);
    send(201, created);
    if (params.StatusCallback) this.report(resource, params, String(created.sid));
  }

  /** Makes the status callbacks of one accepted text or call, in order, each after the delay. */
  private report(resource: Resource, params: Record<string, string>, sid: string): void {
    const fate = this.fates.get(params.To!) ?? { status: resource === "Messages" ? "delivered" : "completed" };
    const base = { AccountSid: this.accountSid, ApiVersion: "2010-04-01", From: params.From!, To: params.To! };
    const steps: Record<string, string>[] =
      resource === "Messages"
        ? [
            { MessageStatus: "sent" },
            { MessageStatus: fate.status, ...("errorCode" in fate ? { ErrorCode: String(fate.errorCode) } : {}) },
          ].map((s) => ({
            ...base,
            MessageSid: sid,
            SmsSid: sid,
            SmsStatus: s.MessageStatus!,
            ...s,
          }))
        : [
            {
              ...base,
              CallSid: sid,
              CallStatus: fate.status,
              Direction: "outbound-api",
              ...(fate.status === "completed" ? { CallDuration: "14" } : {}),
            },
          ];
    const run = (async () => {
      for (const step of steps) {
        await new Promise((resolve) => setTimeout(resolve, this.callbackDelayMs));
        const record = (resource === "Messages" ? this.created.Messages : this.created.Calls).find(
          (r) => r.sid === sid,
        );
        if (record) record.status = step.MessageStatus ?? step.CallStatus;
        await this.callback(params.StatusCallback!, step);
      }
    })();
    this.inFlight.add(run);
    void run.finally(() => this.inFlight.delete(run));
  }

  private async callback(url: string, params: Record<string, string>): Promise<void> {
    const signature = twilio.getExpectedTwilioSignature(this.authToken, url, params);
    const entry: StatusCallbackDelivery = { url, params, signature, outcome: "pending" };
    this.callbackLog.push(entry);
    try {
      const res = await fetch(url, {
        method: "POST",
        headers: {
          "Content-Type": "application/x-www-form-urlencoded",
          "X-Twilio-Signature": signature,
          "User-Agent": "TwilioProxy/1.1",
        },
        body: new URLSearchParams(params).toString(),
      });
      entry.outcome = res.status;
    } catch (error) {
      entry.outcome = (error as Error).message;
    }
  }

  private authenticate(header: string | undefined): LoggedRequest["auth"] {
    const encoded = /^Basic\s+(\S+)$/i.exec(header ?? "")?.[1];
    if (!encoded) return "none";
    const decoded = Buffer.from(encoded, "base64").toString("utf8");
    return decoded === `${this.accountSid}:${this.authToken}` ? "ok" : "bad";
  }

  /** Records what Twilio would take but a careful client should not send. */
  private checkRequest(
    path: string,
    resource: Resource,
    contentType: string | null,
    params: Record<string, string>,
  ): void {
    if (!contentType?.startsWith("application/x-www-form-urlencoded")) {
      this.unexpectedList.push({ path, reason: `body is ${contentType ?? "untyped"}, Twilio takes form encoding` });
    }
    for (const name of Object.keys(params)) {
      if (!KNOWN_PARAMS[resource].includes(name))
        this.unexpectedList.push({ path, reason: `unknown parameter ${name}` });
    }
    const twiml = params.Twiml;
    if (twiml !== undefined && !/^(<\?xml[^>]*\?>)?\s*<Response>[\s\S]*<\/Response>\s*$/.test(twiml)) {
      this.unexpectedList.push({ path, reason: "Twiml is not a <Response> document" });
    }
    // The Calls resource caps inline TwiML at 4,000 characters.
    if (twiml !== undefined && twiml.length > 4000)
      this.unexpectedList.push({ path, reason: "Twiml longer than 4000 characters" });
  }
}
