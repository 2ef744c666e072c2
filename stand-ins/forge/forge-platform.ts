// The Forge platform around an installed app, for tests: what Forge does between a site's Jira (and
// Confluence) and the app's remote. It signs invocation tokens (invocation-tokens.ts), delivers the site's
// product events to the remote endpoint and retries them as Forge does (up to four retries,
// https://developer.atlassian.com/platform/forge/forge-remote-invocation-contract), runs the scheduled
// trigger, and runs the app's resolver function with @forge/api wired to the site and the remote the way
// the Forge runtime wires it: `__forge_fetch__` carries asUser/asApp product calls through the API gateway
// and `invokeRemote` to the remote with a fresh token (https://developer.atlassian.com/platform/forge/remote/).
import { AsyncLocalStorage } from "node:async_hooks";
import { randomUUID } from "node:crypto";
import type { ConfluenceEmulator } from "../confluence/index.ts";
import type { JiraEmulator } from "../jira/index.ts";
import { InvocationTokens, type FitOverrides } from "./invocation-tokens.ts";

export interface ForgeSite {
  readonly jira: JiraEmulator;
  readonly confluence?: ConfluenceEmulator;
  /** What people open, e.g. https://acme.atlassian.net. */
  readonly siteUrl: string;
}

/** One delivery of a product event to the remote, with each attempt's status (0: no answer). */
export interface EventDelivery {
  readonly payload: Record<string, unknown>;
  readonly attempts: number[];
}

const RETRIES = 4;

/**
 * What @forge/api reads from the runtime around one function invocation. Forge gives every invocation a
 * runtime of its own; here invocations share one process and may overlap (a panel reloading while a form
 * saves), so each one's runtime lives in its async context and the globals @forge/api reads resolve to it.
 */
interface Invocation {
  readonly runtime: Record<string, unknown>;
  readonly fetch: (meta: ForgeFetchMeta, path: string, init?: RequestInit) => Promise<Response>;
}
const invocations = new AsyncLocalStorage<Invocation>();

function current(): Invocation {
  const invocation = invocations.getStore();
  if (!invocation)
    throw new Error("forge emulator: @forge/api called outside a function invocation (ForgeInstallation.callResolver)");
  return invocation;
}

function installForgeRuntime(): void {
  const runtime = globalThis as Record<string, unknown>;
  if (Object.getOwnPropertyDescriptor(runtime, "__forge_fetch__")) return;
  Object.defineProperty(runtime, "__forge_runtime__", {
    configurable: true,
    get: () => invocations.getStore()?.runtime,
  });
  Object.defineProperty(runtime, "__forge_fetch__", {
    configurable: true,
    value: (meta: ForgeFetchMeta, path: string, init?: RequestInit) => current().fetch(meta, path, init),
  });
}

export class ForgePlatform {
  readonly appId = randomUUID();
  readonly tokens = new InvocationTokens();
  /** Set once the remote (the Firewatch service under test) is listening. */
  remoteUrl = "";

  get appAri(): string {
    return `ari:cloud:ecosystem::app/${this.appId}`;
  }

  get jwksUrl(): string {
    return this.tokens.jwksUrl;
  }

  start(): Promise<void> {
    return this.tokens.start();
  }

  stop(): Promise<void> {
    return this.tokens.stop();
  }

  install(site: ForgeSite): ForgeInstallation {
    return new ForgeInstallation(this, site);
  }
}

type ForgeFetchMeta = { type: string; provider?: string; remote?: string; accountId?: string };

/**
 * The product an invocation comes from. An app with Jira and Confluence modules is installed in each
 * product; an invocation from a Confluence module names Confluence's API as `app.apiBaseUrl` and brings
 * a token for it.
 */
export type Product = "jira" | "confluence";

export class ForgeInstallation {
  readonly installationId = `ari:cloud:ecosystem::installation/${randomUUID()}`;
  readonly deliveries: EventDelivery[] = [];
  /** Every request made to the remote, as "METHOD /path", oldest first. */
  readonly remoteCalls: string[] = [];
  /** Seconds the app tokens Forge sends along stay valid (negative: they arrive expired). */
  appTokenTtl = 3600;

  constructor(
    readonly platform: ForgePlatform,
    readonly site: ForgeSite,
  ) {}

  get cloudId(): string {
    return this.site.jira.cloudId;
  }

  private product(product: Product) {
    const found = product === "confluence" ? this.site.confluence : this.site.jira;
    if (!found) throw new Error(`forge emulator: this site has no ${product}`);
    return found;
  }

  /** A token for this installation, as a person (`principal`) or as the platform (events, triggers). */
  fit(principal: string | null, overrides: FitOverrides = {}, product: Product = "jira"): Promise<string> {
    const claims = {
      appAri: this.platform.appAri,
      installationId: this.installationId,
      cloudId: this.cloudId,
      apiBaseUrl: this.product(product).gatewayUrl,
      principal,
    };
    return this.platform.tokens.mint(claims, overrides);
  }

  /** A request to the remote as Forge sends it: the token, and the app's system token for the product's API. */
  async invokeRemote(
    path: string,
    init: { method?: string; headers?: Record<string, string>; body?: string } = {},
    as: { accountId?: string | null; token?: string; product?: Product } = {},
  ): Promise<Response> {
    const product = as.product ?? "jira";
    const token = as.token ?? (await this.fit(as.accountId ?? null, {}, product));
    this.remoteCalls.push(`${init.method ?? "POST"} ${path}`);
    return fetch(`${this.platform.remoteUrl}${path}`, {
      method: init.method ?? "POST",
      body: init.body,
      headers: {
        ...init.headers,
        authorization: `Bearer ${token}`,
        "x-forge-oauth-system": this.product(product).issueAppToken(this.appTokenTtl),
      },
    });
  }

  /** Posts one product event to the remote's endpoint, retrying failures as Forge does. */
  async sendEvent(payload: Record<string, unknown>, path = "/forge/events"): Promise<EventDelivery> {
    const delivery: EventDelivery = { payload, attempts: [] };
    this.deliveries.push(delivery);
    for (let attempt = 0; attempt <= RETRIES; attempt++) {
      const status = await this.invokeRemote(path, {
        headers: { "content-type": "application/json" },
        body: JSON.stringify(payload),
      }).then(
        (r) => r.status,
        () => 0,
      );
      delivery.attempts.push(status);
      if (status >= 200 && status < 300) break;
      if (status >= 400 && status < 500) break;
      await new Promise((resolve) => setTimeout(resolve, 20 * 2 ** attempt));
    }
    return delivery;
  }

  /** From now on, every change in the site's Jira reaches the remote as a product event. */
  deliverProductEvents(): void {
    this.site.jira.onForgeEvent(async (payload) => void (await this.sendEvent(payload)));
  }

  /** The `scheduledTrigger` module firing in one product's installation (manifest.yml: firewatch-reconcile → /forge/scheduled). */
  scheduledTrigger(product: Product = "jira"): Promise<Response> {
    return this.invokeRemote(
      "/forge/scheduled",
      { headers: { "content-type": "application/json" }, body: JSON.stringify({ context: { cloudId: this.cloudId } }) },
      { product },
    );
  }

  /**
   * Runs the app's resolver function for `functionKey` as `accountId`, on a module whose context has
   * `extension` (e.g. `{ issue: { id, key } }`). While it runs, @forge/api's product calls reach this site's
   * gateway (asUser: the person's token; asApp: the app's) and `invokeRemote` reaches the remote.
   */
  async callResolver(
    handler: (request: any, backend?: any) => Promise<unknown>,
    functionKey: string,
    call: { accountId: string; payload?: unknown; extension?: Record<string, unknown>; product?: Product },
  ): Promise<unknown> {
    installForgeRuntime();
    const invocation: Invocation = {
      runtime: {
        appContext: {
          appId: this.platform.appId,
          installationId: this.installationId,
          environmentType: "DEVELOPMENT",
          moduleKey: "firewatch",
        },
      },
      fetch: (meta, path, init = {}) => this.forgeFetch(meta, path, init, call.accountId, call.product ?? "jira"),
    };
    return invocations.run(invocation, () =>
      handler(
        {
          call: { functionKey, payload: call.payload },
          context: { cloudId: this.cloudId, siteUrl: this.site.siteUrl, extension: call.extension ?? {} },
        },
        { principal: { accountId: call.accountId }, installContext: `ari:cloud:jira::site/${this.cloudId}` },
      ),
    );
  }

  private async forgeFetch(
    meta: ForgeFetchMeta,
    path: string,
    init: RequestInit,
    accountId: string,
    from: Product,
  ): Promise<Response> {
    if (meta.type === "frc") {
      const headers: Record<string, string> = {};
      new Headers(init.headers).forEach((value, name) => (headers[name] = value));
      return this.invokeRemote(
        path,
        { method: init.method ?? "GET", headers, body: init.body as string | undefined },
        { accountId, product: from },
      );
    }
    if (meta.type !== "fpp") throw new Error(`forge emulator: no ${meta.type} calls`);
    const product =
      meta.remote === "confluence" ? this.site.confluence : meta.remote === "jira" ? this.site.jira : undefined;
    if (!product) throw new Error(`forge emulator: this site has no ${meta.remote}`);
    const token =
      meta.provider === "user"
        ? product.userToken(meta.accountId ?? accountId)
        : product.issueAppToken(this.appTokenTtl);
    const headers = new Headers(init.headers);
    headers.set("authorization", `Bearer ${token}`);
    return fetch(`${product.gatewayUrl}${path}`, { ...init, headers });
  }
}
