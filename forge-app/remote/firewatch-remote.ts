// The Firewatch service as the Forge app reaches it: Forge Remote (`remotes: firewatch` in manifest.yml).
// Forge signs each call with a Forge Invocation Token for the site and user, and adds the app's system token
// (https://developer.atlassian.com/platform/forge/runtime-reference/invoke-remote-api/); the service
// verifies the token and acts in the site's tenant. Who the user is, and whether they administer Jira,
// the service learns from the token and from Jira itself: nothing the app adds here can vouch for it.
import { invokeRemote } from "@forge/api";

export const REMOTE_KEY = "firewatch";

/** What every resolver answers the UI: the service's status and body, passed through. */
export interface Answer<T = unknown> {
  readonly status: number;
  readonly body: T;
}

export interface CallOptions {
  readonly method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  readonly body?: unknown;
  /** The site's URL, for links the service writes; the invocation token names the site only by cloud id. */
  readonly siteUrl?: string | null;
}

export async function callService<T = unknown>(path: string, options: CallOptions = {}): Promise<Answer<T>> {
  const headers: Record<string, string> = { Accept: "application/json" };
  if (options.body !== undefined) headers["Content-Type"] = "application/json";
  if (options.siteUrl) headers["X-Firewatch-Site-Url"] = options.siteUrl;
  const response = await invokeRemote(REMOTE_KEY, {
    path,
    method: options.method ?? "POST",
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const type = response.headers.get("content-type") ?? "";
  const text = await response.text();
  let body: unknown = text;
  if (type.includes("json") && text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = text;
    }
  }
  return { status: response.status, body: body as T };
}

/** The service's error shape, for answers the app makes up itself (refusals before any call). */
export function refusal(
  status: number,
  code: string,
  message: string,
): Answer<{ error: { code: string; message: string } }> {
  return { status, body: { error: { code, message } } };
}
