// Twilio REST API emulator for tests: a real HTTP server on 127.0.0.1 serving the two create calls Firewatch makes,
//   POST /2010-04-01/Accounts/{AccountSid}/Messages.json  (https://www.twilio.com/docs/messaging/api/message-resource)
//   POST /2010-04-01/Accounts/{AccountSid}/Calls.json     (https://www.twilio.com/docs/voice/api/call-resource)
// with HTTP basic auth AccountSid:AuthToken, form-encoded bodies, Twilio's error JSON
// (https://www.twilio.com/docs/usage/twilios-response), fault injection and a request log.
// Requests Twilio would not serve this way are recorded in `unexpected()`; tests should assert it stays empty.
// A create that names a StatusCallback is later reported there, signed (status-reports.ts). By default every text
// is delivered and every call answered; `setFate` makes a number fail as real phones do.
// An answered call runs its TwiML, and texts come back to the account's numbers (phones.ts): `spoken`, `press` and
// `noInput` follow a call, `setSmsUrl` and `receiveSms` a text back, `messagesTo` shows what a number was sent.
import type { IncomingMessage, ServerResponse } from "node:http";
import { describeFault, faultBody, FaultQueue } from "./faults.ts";
import { Phones, type Alert } from "./phones.ts";
import { IncomingCalls, type IncomingCall, type PlaceCall } from "./incoming-calls.ts";
import { callResource, carelessness, messageResource, twilioError, validate, type Resource } from "./resources.ts";
import { StatusReports, type Fate, type StatusCallbackDelivery } from "./status-reports.ts";

export type { Fate, StatusCallbackDelivery, IncomingCall, PlaceCall };
import { mountBase, type Mountable, type StandInHandler } from "../common/mount.ts";
import { readBody } from "../common/http-request.ts";
import { LoopbackServer } from "../common/loopback-server.ts";
import type { StandInView } from "../common/view/view-server.ts";
import { sendReceived, type PhoneEntry } from "./phone-log.ts";
import { phoneView } from "./view/phone-view.ts";

export interface TwilioEmulatorOptions {
  accountSid?: string;
  authToken?: string;
  /** The account's phone numbers, usable as From (default ["+15005550006"], Twilio's magic valid sender). */
  numbers?: readonly string[];
  /** How long after the create each status callback goes out; a real handset takes seconds. */
  callbackDelayMs?: number;
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

const JSON_TYPE = "application/json; charset=utf-8";

export class TwilioEmulator implements Mountable {
  readonly accountSid: string;
  readonly authToken: string;
  readonly numbers: readonly string[];
  readonly faults = new FaultQueue();
  private readonly log: LoggedRequest[] = [];
  private readonly unexpectedList: UnexpectedRequest[] = [];
  private readonly created: Record<Resource, Record<string, unknown>[]> = { Messages: [], Calls: [] };
  private readonly server = new LoopbackServer((req, res) => this.handle(req, res));
  private seq = 0;
  private readonly reports: StatusReports;
  private readonly phones: Phones;
  private readonly incoming: IncomingCalls;
  private readonly screenKeys = new Map<string, string>();
  /** What the handsets saw, in order, and their web pages under /_view/ (view/phone-view.ts). */
  private readonly phoneLog: PhoneEntry[] = [];
  private readonly view: StandInView;
  baseUrl = "";

  constructor(options: TwilioEmulatorOptions = {}) {
    this.accountSid = options.accountSid ?? `AC${"a".repeat(32)}`;
    this.authToken = options.authToken ?? "emulator-auth-token";
    this.numbers = options.numbers ?? ["+15005550006"];
    this.reports = new StatusReports(this.accountSid, this.authToken, options.callbackDelayMs ?? 300);
    this.phones = new Phones({
      accountSid: this.accountSid,
      authToken: this.authToken,
      unexpected: (path, reason) => this.unexpectedList.push({ path, reason }),
      replied: (from, to, body) => {
        const record = {
          ...messageResource(this.accountSid, { From: from, To: to, Body: body }, new Date()),
          direction: "outbound-reply",
          status: "sent",
        };
        this.created.Messages.push(record);
        this.phoneLog.push({ kind: "sent", record });
      },
    });
    this.incoming = new IncomingCalls({
      ...{ accountSid: this.accountSid, authToken: this.authToken, fates: this.reports.fates },
      screenKeys: this.screenKeys,
      unexpected: (path, reason) => this.unexpectedList.push({ path, reason }),
      twimlOf: (sid, url, answer) => this.phones.twimlOf(sid, url, answer),
    });
    this.view = phoneView({ twilio: this, log: this.phoneLog, fates: this.reports.fates, baseUrl: () => this.baseUrl });
  }

  /** Texts to the account's `number` (its first unless told) are posted to `url`, as its SmsUrl. */
  setSmsUrl(url: string, number = this.numbers[0]!): void {
    this.phones.setSmsUrl(number, url);
  }

  /** `from` texts `body` to the account's number; the TwiML answer's <Message>s go back to `from` (messagesTo). */
  receiveSms(
    from: string,
    body: string,
    to = this.numbers[0]!,
  ): Promise<{ status: number | string; replies: string[] }> {
    return sendReceived(this.phoneLog, { from, to, body }, () => this.phones.receiveSms(from, to, body));
  }

  /** Calls to the account's `number` (its first unless told) are posted to `url`, as its VoiceUrl. */
  setVoiceUrl(url: string, number = this.numbers[0]!): void {
    this.incoming.setVoiceUrl(number, url);
  }

  /** What `number` presses when a call it picks up screens it (a <Number url>'s <Gather>); nothing unless set. */
  setScreenKeys(number: string, digits: string): void {
    this.screenKeys.set(number, digits);
  }

  /** `from` calls the account's number (incoming-calls.ts); resolves once the call ended, with what happened. */
  placeCall(call: PlaceCall): Promise<IncomingCall> {
    return this.incoming.place({ ...call, to: call.to ?? this.numbers[0]! });
  }

  /** The bodies of the texts sent to `number` (pages and answers to its texts), oldest first. */
  messagesTo(number: string): string[] {
    return this.created.Messages.filter((m) => m.to === number).map((m) => String(m.body));
  }

  /** What the callee of an answered call has heard so far. */
  spoken(callSid: string): string[] {
    return this.phones.spoken(callSid);
  }

  /** Whether the call waits at a <Gather> for a key. */
  isWaitingForKey(callSid: string): boolean {
    return this.phones.isWaiting(callSid);
  }

  /** The callee presses `digits` at the <Gather>; resolves with what the call says next. */
  press(callSid: string, digits: string): Promise<string[]> {
    return this.phones.press(callSid, digits);
  }

  /** The callee presses nothing until the <Gather> times out; returns what the call says next. */
  noInput(callSid: string): string[] {
    return this.phones.noInput(callSid);
  }

  /** Errors Twilio would have logged about the application's TwiML or webhooks (12100, 11200, …). */
  alerts(): Alert[] {
    return [...this.phones.alerts];
  }

  /** From now on, texts or calls to `number` end this way (a switched-off phone: undelivered, 30003). */
  setFate(number: string, fate: Fate): void {
    this.reports.fates.set(number, fate);
  }

  /** Status callbacks made so far, oldest first. */
  statusCallbacks(): StatusCallbackDelivery[] {
    return this.reports.log.map((c) => ({ ...c }));
  }

  /** Resolves once every status callback due has been made. */
  async settled(): Promise<void> {
    await this.reports.settled();
  }

  /** Listens on 127.0.0.1, a free port; returns the base URL (the notifier's `apiUrl`). */
  async start(): Promise<string> {
    this.baseUrl = await this.server.start();
    return this.baseUrl;
  }

  /** Served at `baseUrl` by another server (`npm run demo`: the service's, under /sandbox/…) instead of listening. */
  mount(baseUrl: string): StandInHandler {
    this.baseUrl = mountBase(baseUrl);
    return this.server.handler;
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
    const url = new URL(req.url ?? "/", "http://emulator");
    if (this.view.handles(url.pathname)) return this.view.handle(req, res, url);
    const path = url.pathname;
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
    for (const reason of carelessness(resource, contentType, params)) this.unexpectedList.push({ path, reason });

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
    const record = resource === "Calls" ? { ...created, twiml: params.Twiml ?? null } : created;
    this.created[resource].push(record);
    this.phoneLog.push({ kind: resource === "Calls" ? "call" : "sent", record });
    send(201, created);
    if (resource === "Calls") this.connect(params, String(created.sid));
    if (params.StatusCallback) this.reports.report(resource, params, record);
  }

  /** A call whose number answers (its fate) runs its TwiML at once. */
  private connect(params: Record<string, string>, sid: string): void {
    if ((this.reports.fates.get(params.To!)?.status ?? "completed") !== "completed") return;
    if (params.Twiml === undefined)
      return void this.unexpectedList.push({ path: `call ${sid}`, reason: "fetching TwiML from Url is not emulated" });
    this.phones.answer(sid, params.From!, params.To!, params.Twiml);
  }

  private authenticate(header: string | undefined): LoggedRequest["auth"] {
    const encoded = /^Basic\s+(\S+)$/i.exec(header ?? "")?.[1];
    if (!encoded) return "none";
    const decoded = Buffer.from(encoded, "base64").toString("utf8");
    return decoded === `${this.accountSid}:${this.authToken}` ? "ok" : "bad";
  }
}
