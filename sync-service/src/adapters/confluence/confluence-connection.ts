// How to reach a Confluence site and call it: the tenant's connection settings, and the guarded call every
// request goes through (app token checked, time limit, lenient answers, errors translated for the jobs).
import { isSchemaMismatchError } from "confluence.js";
import { translateConfluenceError } from "./confluence-errors.ts";

export interface ConfluenceSettings {
  /** The site, e.g. https://acme.atlassian.net (confluence.js adds /wiki/api/v2). */
  readonly baseUrl: string;
  readonly email: string;
  readonly apiToken: string;
  readonly spaceKey: string;
  readonly timeoutMs?: number;
}

/** How to reach one tenant's Confluence site: with an API token, or a Forge installation's API as the app. */
export interface ConfluenceSite {
  /** confluence.js `host`: the site, or https://api.atlassian.com/ex/confluence/<cloudId>; it adds /wiki/…. */
  readonly apiUrl: string;
  /** The site as people open it, for the page's link. */
  readonly siteUrl: string;
  readonly auth: ConfluenceAuth;
  readonly timeoutMs?: number;
}

export type ConfluenceAuth =
  | { readonly type: "basic"; readonly email: string; readonly apiToken: string }
  | { readonly type: "bearer"; getToken(): Promise<string> };

/** A tenant's Confluence and the space its postmortems go to. */
export interface ConfluenceConnection extends ConfluenceSite {
  readonly spaceKey: string;
}

const DEFAULT_TIMEOUT_MS = 15_000;

/**
 * Calls Confluence: the app token checked first (a missing or expired one is a typed error before confluence.js
 * sees the request), within a time limit, the answer read leniently, errors translated for the jobs.
 */
export function confluenceCall(site: Pick<ConfluenceSite, "auth" | "timeoutMs">) {
  const { auth } = site;
  const timeoutMs = site.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return async function call<T>(work: () => Promise<T>): Promise<T> {
    if (auth.type === "bearer")
      await auth.getToken().catch((error: unknown) => Promise.reject(translateConfluenceError(error)));
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>(
      (_, reject) =>
        (timer = setTimeout(() => reject(new Error(`Confluence did not answer within ${timeoutMs} ms`)), timeoutMs)),
    );
    try {
      return await Promise.race([lenient(work), timeout]);
    } catch (error) {
      throw translateConfluenceError(error);
    } finally {
      clearTimeout(timer);
    }
  };
}

export function basicConfluenceConnection(settings: ConfluenceSettings): ConfluenceConnection {
  const auth = { type: "basic" as const, email: settings.email, apiToken: settings.apiToken };
  return {
    apiUrl: settings.baseUrl,
    siteUrl: settings.baseUrl,
    auth,
    spaceKey: settings.spaceKey,
    timeoutMs: settings.timeoutMs,
  };
}

/**
 * confluence.js validates every answer against Atlassian's OpenAPI document and throws SchemaMismatchError on any
 * difference, with no "warn" mode (unlike jira.js). The live API drifts from that document (an enum value it does
 * not list, a field typed differently), and a drift is data, not an outage: retrying it only ends in the
 * dead-letter queue. So the raw JSON answer is taken as it is, and this adapter reads each field it needs
 * defensively (String()/Number() and fallbacks). An answer that is not JSON at all is still an error.
 */
async function lenient<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (!isSchemaMismatchError(error)) throw error;
    const raw = (error as { body?: unknown }).body;
    try {
      const data: unknown = typeof raw === "string" ? JSON.parse(raw) : undefined;
      if (data !== null && typeof data === "object") return data as T;
    } catch {
      // not JSON: fall through to the error below
    }
    throw new Error(`Confluence answered something that is not the JSON its API documents: ${error.message}`, {
      cause: error,
    });
  }
}
