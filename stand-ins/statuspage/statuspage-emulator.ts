// Atlassian Statuspage REST API v1 emulator for tests: a real HTTP server on 127.0.0.1 serving the calls Firewatch
// makes on one page — incidents (list, unresolved, get, create, update) and components (list, get, update) — with
// `Authorization: OAuth <api key>` (or `?api_key=`), Statuspage's JSON shapes, webhook deliveries to a subscriber,
// "UI" actions by people working on the page directly, fault injection, optional rate limiting and a request log.
// Reference: https://developer.statuspage.io/ ; webhooks: https://support.atlassian.com/statuspage/docs/enable-webhook-notifications/
// Requests Statuspage would not serve this way are recorded in `unexpected()`; tests should assert it stays empty.
// Point a client at `emulator.apiUrl` (`<baseUrl>/v1`).
import type { IncomingMessage, ServerResponse } from "node:http";
import { describeFault, faultBody, FaultQueue, RATE_LIMITED } from "./faults.ts";
import {
  DEFAULT_COMPONENTS,
  type ComponentStatus,
  type IncidentState,
  type SeedComponent,
  type WebhookEvent,
} from "./model.ts";
import { newId, StatusPage } from "./page.ts";
import { componentJson, incidentJson } from "./represent.ts";
import { parseBody, QUERY_PARAMS, resolveRoute, type Operation, type ParsedBody, type Route } from "./routes.ts";
import { validateComponentRequest, validateIncidentRequest, type Refusal } from "./validate.ts";
import { WebhookDispatcher, type WebhookDelivery, type WebhookOptions } from "./webhooks.ts";
import { mountBase, type Mountable, type StandInHandler } from "../common/mount.ts";
import { readBody } from "../common/http-request.ts";
import { LoopbackServer } from "../common/loopback-server.ts";
import type { StandInView } from "../common/view/view-server.ts";
import { statuspageView } from "./status-view.ts";

export interface StatuspageEmulatorOptions {
  /** The API key accepted (default "sp-emulator-key"). */
  apiKey?: string;
  /** The one page the key can reach (default "pg0firewatch"). */
  pageId?: string;
  /** Used in webhook unsubscribe links: https://<subdomain>.statuspage.io/… (default "firewatch-emulator"). */
  subdomain?: string;
  /** Seeded components (default DEFAULT_COMPONENTS: cmp0api API, cmp0webapp Web app, cmp0db Database). */
  components?: readonly SeedComponent[];
  /**
   * Enforce Statuspage's rate limit: this many requests per second per key "as measured on a 60 second rolling
   * window" (the real limit is 1). Off by default; inject rate-limit answers with faults instead.
   */
  rateLimitPerSecond?: number;
  /** The rolling window for rateLimitPerSecond (default 60 s, as documented; shorter keeps tests fast). */
  rateLimitWindowSeconds?: number;
  /** Status of a rate-limited answer: the reference says "420 or 429" (default 420, what clients report seeing). */
  rateLimitStatus?: 420 | 429;
}

export interface LoggedRequest {
  seq: number;
  method: string;
  /** The URL path as received, e.g. "/v1/pages/pg0firewatch/incidents". */
  path: string;
  operation: Operation | null;
  query: Record<string, string>;
  contentType: string | null;
  /** The parsed body ({} when none or unparseable). */
  body: Record<string, unknown>;
  /** How the key was given: OAuth header, api_key query parameter, not at all, or wrong. */
  auth: "header" | "query" | "none" | "bad";
  receivedAt: number;
  fault?: string;
  /** The HTTP status, or "hung". */
  outcome?: number | "hung";
  /** The `error` of an error answer. */
  error?: string;
}

export interface UnexpectedRequest {
  method: string;
  path: string;
  reason: string;
  receivedAt: number;
}

/** Fields a person can set on the incident form (the same as the API's incident object in requests). */
export interface UiIncidentInput {
  name?: string;
  status?: string;
  body?: string;
  components?: Record<string, ComponentStatus | "">;
  component_ids?: string[];
  impact_override?: string | null;
  deliver_notifications?: boolean;
  metadata?: Record<string, Record<string, unknown>>;
}

interface Answer {
  status: number;
  json: unknown;
  headers?: Record<string, string>;
  events?: WebhookEvent[];
}

const JSON_TYPE = "application/json; charset=utf-8";
const NOT_FOUND = "The requested resource could not be found.";

export class StatuspageEmulator implements Mountable {
  readonly apiKey: string;
  readonly pageId: string;
  readonly faults = new FaultQueue();
  /** People acting on Statuspage itself: same state changes and webhooks as the API, no request log entry. */
  readonly ui: StatuspageUi;
  private readonly page: StatusPage;
  /** The public status page under /_view/ (status-view.ts). */
  private readonly view: StandInView;
  private readonly dispatcher = new WebhookDispatcher();
  private readonly log: LoggedRequest[] = [];
  private readonly unexpectedList: UnexpectedRequest[] = [];
  private readonly server = new LoopbackServer((req, res) => this.handle(req, res));
  private readonly rateLimit: { capacity: number; windowMs: number; status: number; hits: number[] } | null;
  private seq = 0;
  baseUrl = "";

  constructor(options: StatuspageEmulatorOptions = {}) {
    this.apiKey = options.apiKey ?? "sp-emulator-key";
    this.pageId = options.pageId ?? "pg0firewatch";
    this.page = new StatusPage(
      this.pageId,
      options.subdomain ?? "firewatch-emulator",
      newId(),
      options.components ?? DEFAULT_COMPONENTS,
    );
    const windowSeconds = options.rateLimitWindowSeconds ?? 60;
    this.rateLimit = options.rateLimitPerSecond
      ? {
          capacity: Math.max(1, Math.floor(options.rateLimitPerSecond * windowSeconds)),
          windowMs: windowSeconds * 1000,
          status: options.rateLimitStatus ?? 420,
          hits: [],
        }
      : null;
    this.ui = new StatuspageUi(this.page, (events) => this.dispatcher.enqueue(events));
    this.view = statuspageView({ page: this.page, baseUrl: () => this.baseUrl });
  }

  /** Listens on 127.0.0.1, a free port; returns the base URL (the API root is `<baseUrl>/v1`). */
  async start(): Promise<string> {
    this.baseUrl = await this.server.start();
    return this.baseUrl;
  }

  /** Served at `baseUrl` by another server (`npm run demo`: the service's, under /sandbox/…) instead of listening. */
  mount(baseUrl: string): StandInHandler {
    this.baseUrl = mountBase(baseUrl);
    return this.server.handler;
  }

  /** Closes the server (cutting hung requests) and drops undelivered webhooks. */
  async stop(): Promise<void> {
    await this.dispatcher.close();
    await this.server.stop();
  }

  get apiUrl(): string {
    return `${this.baseUrl}/v1`;
  }

  /** Subscribes one webhook endpoint to the page (null unsubscribes); re-configuring lifts a quarantine. */
  configureWebhook(url: string | null, options: WebhookOptions = {}): void {
    this.dispatcher.configure(url, options);
  }

  /** Every delivery queued, oldest first, with the receiver's answer once sent. */
  webhookDeliveries(): WebhookDelivery[] {
    return this.dispatcher.deliveries();
  }

  /** Resolves once every queued webhook delivery has been attempted. */
  webhooksSettled(): Promise<void> {
    return this.dispatcher.settled();
  }

  /** Whether the subscriber was quarantined after a failed delivery (it then receives nothing more). */
  webhookQuarantined(): boolean {
    return this.dispatcher.quarantined();
  }

  /** Incidents as the API returns them, oldest first. */
  incidents(): Record<string, unknown>[] {
    return this.page.incidents.map((i) => this.incidentJson(i));
  }

  incident(id: string): Record<string, unknown> | undefined {
    const found = this.page.incident(id);
    return found ? this.incidentJson(found) : undefined;
  }

  /** Components as the API returns them, in page order. */
  components(): Record<string, unknown>[] {
    return [...this.page.components.values()].map((c) => componentJson(c, this.pageId));
  }

  /** Requests received, oldest first (including refused and faulted ones); filter by method, path or operation. */
  requests(filter: { method?: string; path?: string | RegExp; operation?: Operation } = {}): LoggedRequest[] {
    return this.log.filter(
      (r) =>
        (!filter.method || r.method === filter.method.toUpperCase()) &&
        (!filter.operation || r.operation === filter.operation) &&
        (filter.path === undefined ||
          (typeof filter.path === "string" ? r.path === filter.path : filter.path.test(r.path))),
    );
  }

  /** Requests the emulator could not serve as Statuspage would: unknown paths, fields, parameters, body types. */
  unexpected(): UnexpectedRequest[] {
    return [...this.unexpectedList];
  }

  clearLog(): void {
    this.log.length = 0;
    this.unexpectedList.length = 0;
  }

  private incidentJson(incident: IncidentState): Record<string, unknown> {
    return incidentJson(incident, this.page.components, this.pageId);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = Date.now();
    const url = new URL(req.url ?? "/", "http://emulator");
    if (this.view.handles(url.pathname)) return this.view.handle(req, res, url);
    const method = (req.method ?? "GET").toUpperCase();
    const raw = await readBody(req);
    const contentType = req.headers["content-type"] ?? null;
    const query = Object.fromEntries(url.searchParams);
    const apiKeyParam = query.api_key;
    delete query.api_key;
    const auth = this.authenticate(req.headers.authorization, apiKeyParam);
    const parsed: ParsedBody = raw === "" || method === "GET" ? { ok: true, body: {} } : parseBody(raw, contentType);
    const entry: LoggedRequest = {
      seq: ++this.seq,
      method,
      path: url.pathname,
      operation: null,
      query,
      contentType,
      body: parsed.ok ? parsed.body : {},
      auth,
      receivedAt,
    };
    this.log.push(entry);
    const unexpected = (reason: string) => this.unexpectedList.push({ method, path: url.pathname, reason, receivedAt });
    const send = (answer: Answer) => {
      entry.outcome = answer.status;
      const error = (answer.json as { error?: unknown } | null)?.error;
      if (answer.status >= 400 && typeof error === "string") entry.error = error;
      res.writeHead(answer.status, { "Content-Type": JSON_TYPE, ...answer.headers }).end(JSON.stringify(answer.json));
      // Webhooks go out after the answer, asynchronously, as Statuspage's do.
      if (answer.events?.length) this.dispatcher.enqueue(answer.events);
    };

    const apiPath = url.pathname.startsWith("/v1/") ? url.pathname.slice(3).replace(/\.json$/, "") : null;
    const resolved =
      apiPath === null ? ({ unexpected: "not under the /v1/ API root" } as const) : resolveRoute(method, apiPath);
    if ("unexpected" in resolved) unexpected(resolved.unexpected);
    if ("route" in resolved && parsed.unexpected) unexpected(parsed.unexpected);

    // https://developer.statuspage.io/ — Authentication: "Authorization: OAuth <key>" or "?api_key=<key>"; 401 "Could
    // not authenticate" (the body `{"error":"Could not authenticate"}` is what clients report seeing).
    if (auth === "none" || auth === "bad") return send({ status: 401, json: { error: "Could not authenticate" } });
    if ("unexpected" in resolved) return send({ status: 404, json: { error: NOT_FOUND } });
    const route = resolved.route;
    entry.operation = route.operation;
    for (const key of Object.keys(query))
      if (!QUERY_PARAMS[route.operation].includes(key))
        unexpected(`unknown query parameter "${key}" for ${route.operation}`);
    if (route.pageId !== this.pageId) return send({ status: 404, json: { error: NOT_FOUND } });
    if (!parsed.ok) return send({ status: 400, json: { error: parsed.error } });

    const fault = this.faults.take({ method, path: apiPath!, operation: route.operation, body: entry.body });
    if (fault) entry.fault = describeFault(fault);
    if (fault?.delayMs) await new Promise((resolve) => setTimeout(resolve, fault.delayMs));
    if (fault?.hang) {
      entry.outcome = "hung";
      return;
    }
    if (fault?.status !== undefined)
      return send({ status: fault.status, json: faultBody(fault), headers: fault.headers });

    const limited = this.takeRateLimit(Date.now());
    if (limited) return send(limited);

    let answer: Answer;
    try {
      answer = this.serve(route, query, entry.body, unexpected);
    } catch (err) {
      unexpected(`emulator error: ${err instanceof Error ? err.stack : String(err)}`);
      answer = { status: 500, json: { error: "Internal Server Error" } };
    }
    send(answer);
  }

  private serve(
    route: Route,
    query: Record<string, string>,
    body: Record<string, unknown>,
    unexpected: (reason: string) => void,
  ): Answer {
    const refuse = (r: Refusal): Answer => ({ status: r.status, json: { error: r.error } });
    switch (route.operation) {
      case "incidents.list": {
        // "q: search for the text query string in the incidents' name, status, postmortem_body, and incident_updates
        // fields"; "limit: The maximum number of rows to return per page. The default and maximum limit is 100."
        const q = query.q?.toLowerCase();
        const matching = [...this.page.incidents]
          .reverse()
          .filter(
            (i) => !q || [i.name, i.status, ...i.updates.map((u) => u.body)].some((t) => t.toLowerCase().includes(q)),
          );
        return {
          status: 200,
          json: paginate(matching, query.page, query.limit, 100, unexpected).map((i) => this.incidentJson(i)),
        };
      }
      case "incidents.unresolved": {
        const open = [...this.page.incidents].reverse().filter((i) => i.status !== "resolved");
        return {
          status: 200,
          json: paginate(open, query.page, query.per_page, 100, unexpected).map((i) => this.incidentJson(i)),
        };
      }
      case "incidents.get": {
        const incident = this.page.incident(route.itemId!);
        return incident
          ? { status: 200, json: this.incidentJson(incident) }
          : { status: 404, json: { error: NOT_FOUND } };
      }
      case "incidents.create": {
        const checked = validateIncidentRequest(body, "create", this.page.componentIds());
        checked.notes.forEach(unexpected);
        if (!checked.ok) return refuse(checked.refusal);
        const { incident, events } = this.page.createIncident(checked.value);
        return { status: 201, json: this.incidentJson(incident), events };
      }
      case "incidents.update": {
        const incident = this.page.incident(route.itemId!);
        if (!incident) return { status: 404, json: { error: NOT_FOUND } };
        const checked = validateIncidentRequest(body, "update", this.page.componentIds());
        checked.notes.forEach(unexpected);
        if (!checked.ok) return refuse(checked.refusal);
        const { events } = this.page.updateIncident(incident, checked.value);
        return { status: 200, json: this.incidentJson(incident), events };
      }
      case "components.list": {
        const all = [...this.page.components.values()];
        return {
          status: 200,
          json: paginate(all, query.page, query.per_page, 100, unexpected).map((c) => componentJson(c, this.pageId)),
        };
      }
      case "components.get": {
        const component = this.page.components.get(route.itemId!);
        return component
          ? { status: 200, json: componentJson(component, this.pageId) }
          : { status: 404, json: { error: NOT_FOUND } };
      }
      case "components.update": {
        const component = this.page.components.get(route.itemId!);
        if (!component) return { status: 404, json: { error: NOT_FOUND } };
        const checked = validateComponentRequest(body);
        checked.notes.forEach(unexpected);
        if (!checked.ok) return refuse(checked.refusal);
        const events = this.page.setComponent(component, checked.value);
        return { status: 200, json: componentJson(component, this.pageId), events };
      }
    }
  }

  private authenticate(header: string | undefined, apiKeyParam: string | undefined): LoggedRequest["auth"] {
    if (header !== undefined) {
      const key = /^OAuth\s+(\S+)$/i.exec(header)?.[1];
      return key === this.apiKey ? "header" : "bad";
    }
    if (apiKeyParam !== undefined) return apiKeyParam === this.apiKey ? "query" : "bad";
    return "none";
  }

  /** Rolling-window limiter: null when the request may go ahead (and is counted), else the refusal. */
  private takeRateLimit(now: number): Answer | null {
    const limit = this.rateLimit;
    if (!limit) return null;
    while (limit.hits.length && limit.hits[0]! <= now - limit.windowMs) limit.hits.shift();
    if (limit.hits.length >= limit.capacity) {
      const retryAfter = Math.max(1, Math.ceil((limit.hits[0]! + limit.windowMs - now) / 1000));
      return { status: limit.status, json: { error: RATE_LIMITED }, headers: { "Retry-After": String(retryAfter) } };
    }
    limit.hits.push(now);
    return null;
  }
}

/** People using the Statuspage web app: the same changes as the API (validated the same way) and the same webhooks. */
export class StatuspageUi {
  constructor(
    private readonly page: StatusPage,
    private readonly emit: (events: WebhookEvent[]) => void,
  ) {}

  /** Creates an incident as a person would on the "Create incident" form; returns it as the API shows it. */
  createIncident(input: UiIncidentInput): Record<string, unknown> {
    const change = this.check(input, "create");
    const { incident, events } = this.page.createIncident(change);
    this.emit(events);
    return incidentJson(incident, this.page.components, this.page.id);
  }

  /** Posts an update to an incident (status, message, component statuses, …). */
  updateIncident(incidentId: string, input: UiIncidentInput): Record<string, unknown> {
    const incident = this.page.incident(incidentId);
    if (!incident) throw new Error(`statuspage emulator: no incident ${incidentId}`);
    const { events } = this.page.updateIncident(incident, this.check(input, "update"));
    this.emit(events);
    return incidentJson(incident, this.page.components, this.page.id);
  }

  /** Changes one component's status from the Components page (no incident). */
  setComponentStatus(componentId: string, status: ComponentStatus): Record<string, unknown> {
    const component = this.page.components.get(componentId);
    if (!component) throw new Error(`statuspage emulator: no component ${componentId}`);
    const checked = validateComponentRequest({ component: { status } });
    if (!checked.ok) throw new Error(`statuspage emulator: ${checked.refusal.error}`);
    this.emit(this.page.setComponent(component, checked.value));
    return componentJson(component, this.page.id);
  }

  private check(input: UiIncidentInput, mode: "create" | "update") {
    const checked = validateIncidentRequest(
      { incident: input as Record<string, unknown> },
      mode,
      this.page.componentIds(),
    );
    if (!checked.ok) throw new Error(`statuspage emulator: ${checked.refusal.error}`);
    if (checked.notes.length) throw new Error(`statuspage emulator: ${checked.notes.join("; ")}`);
    return checked.value;
  }
}

/** `page` is 1-based; `size` defaults to and is capped at `max`. */
function paginate<T>(
  items: T[],
  page: string | undefined,
  size: string | undefined,
  max: number,
  unexpected: (reason: string) => void,
): T[] {
  const parse = (value: string | undefined, name: string, fallback: number): number => {
    if (value === undefined) return fallback;
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) {
      unexpected(`query parameter ${name}=${value} is not a positive integer`);
      return fallback;
    }
    return n;
  };
  const perPage = Math.min(parse(size, "limit/per_page", max), max);
  const pageNo = parse(page, "page", 1);
  return items.slice((pageNo - 1) * perPage, pageNo * perPage);
}
