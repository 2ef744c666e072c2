// How to reach a Jira site and call it through jira.js, within a time limit. Error kinds follow Jira's REST conventions
// (https://developer.atlassian.com/cloud/jira/platform/rest/v3/intro/#status-codes):
// 401/403 are permanent until someone fixes credentials or permissions; 429 carries Retry-After
// (https://developer.atlassian.com/cloud/jira/platform/rate-limiting/); 5xx and network errors are transient.
import {
  createCloudClient,
  isAuthError,
  isForbiddenError,
  isNotFoundError,
  isRateLimitError,
  isScopeError,
  type CloudClient,
} from "jira.js";
import { IntegrationError, TicketNotFoundError } from "../../ports/integration-errors.ts";

export const DEFAULT_TIMEOUT_MS = 10_000;

/** The standalone site: JIRA_BASE_URL with an API token (Basic auth). */
export interface JiraSettings {
  readonly baseUrl: string;
  readonly email: string;
  readonly apiToken: string;
  readonly timeoutMs?: number;
}

/** How to reach one tenant's Jira: the site with an API token, or a Forge installation's API as the app. */
export interface JiraConnection {
  /** jira.js `host`: the site, or the installation's API base URL (https://api.atlassian.com/ex/jira/<cloudId>). */
  readonly apiUrl: string;
  /** The site as people open it, for links to issues. */
  readonly siteUrl: string | null;
  readonly auth:
    | { readonly type: "basic"; readonly email: string; readonly apiToken: string }
    | { readonly type: "bearer"; getToken(): Promise<string> };
  readonly timeoutMs?: number;
}

export function basicConnection(settings: JiraSettings): JiraConnection {
  return {
    apiUrl: settings.baseUrl,
    siteUrl: settings.baseUrl,
    auth: { type: "basic", email: settings.email, apiToken: settings.apiToken },
    timeoutMs: settings.timeoutMs,
  };
}

/**
 * jira.js has no request timeout; a hung Jira must not hold a worker slot, so calls race a timer. jira.js 6 passes no
 * AbortSignal to fetch, so the request itself runs on and may still complete in Jira: a create that timed out has an
 * unknown outcome, which the link and action-item jobs reconcile by search before sending another (create-once.ts).
 */
async function withTimeout<T>(ms: number, call: () => Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Jira did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([call(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

function translate(error: unknown): unknown {
  if (isNotFoundError(error)) return new TicketNotFoundError("jira", "Jira answered 404", { cause: error });
  if (isAuthError(error) || isScopeError(error))
    return new IntegrationError("jira", "access", "Jira rejected the credentials (401)", { cause: error });
  if (isForbiddenError(error))
    return new IntegrationError("jira", "access", "the Jira account lacks a permission (403)", { cause: error });
  if (isRateLimitError(error))
    return new IntegrationError("jira", "transient", "Jira rate limit (429)", {
      cause: error,
      retryAfterMs: error.retryAfterMs ?? 10_000,
    });
  return error;
}

/** The adapter's guarded call (timeout, error translation). */
export type JiraCall = <T>(work: (jira: CloudClient) => Promise<T>) => Promise<T>;

/** Calls Jira for one connection; with none, every call is a not-configured error. */
export function jiraCall(connection: JiraConnection | null): JiraCall {
  const client: CloudClient | null = connection
    ? createCloudClient({ host: connection.apiUrl, auth: connection.auth })
    : null;
  const timeoutMs = connection?.timeoutMs ?? DEFAULT_TIMEOUT_MS;

  return async function call<T>(work: (jira: CloudClient) => Promise<T>): Promise<T> {
    if (!client || !connection)
      throw new IntegrationError(
        "jira",
        "not_configured",
        "JIRA_BASE_URL, JIRA_EMAIL and JIRA_API_TOKEN are not all set",
      );
    // An app token that is missing or expired is a typed error here, before jira.js sees the request.
    if (connection.auth.type === "bearer") await connection.auth.getToken();
    try {
      return await withTimeout(timeoutMs, () => work(client));
    } catch (error) {
      throw translate(error);
    }
  };
}
