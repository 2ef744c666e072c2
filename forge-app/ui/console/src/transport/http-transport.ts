import { apiErrorOf, ApiError, type HttpMethod, type Transport } from "./transport.ts";

/** Names the console on every request: the service asks it of cookie-authenticated writes (a cross-site form cannot set it). */
export const CLIENT_HEADER = { "X-Firewatch-Client": "console" } as const;

/**
 * The browser transport: fetch with the API token as a Bearer header, and the same-origin session cookie when
 * there is one. GETs revalidate with the browser's
 * HTTP cache (`cache: "no-cache"` sends If-None-Match; the API answers 304 when nothing changed), which is
 * what makes polling for live updates cheap.
 */
export function httpTransport(baseUrl: string, token: () => string | null, onUnauthorized: () => void): Transport {
  async function send(method: HttpMethod, path: string, body: unknown, accept: string): Promise<Response> {
    const headers: Record<string, string> = { Accept: accept, ...CLIENT_HEADER };
    const t = token();
    if (t) headers.Authorization = `Bearer ${t}`;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    let response: Response;
    try {
      response = await fetch(`${baseUrl}${path}`, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        cache: "no-cache",
        credentials: "same-origin",
      });
    } catch {
      throw new ApiError(
        0,
        "NETWORK.UNREACHABLE",
        "Firewatch cannot be reached. Check your connection; the console retries on its own.",
      );
    }
    if (response.ok) return response;
    const parsed = await response.json().catch(() => null);
    if (response.status === 401) onUnauthorized();
    throw apiErrorOf(response.status, parsed);
  }
  return {
    async request<T>(method: HttpMethod, path: string, body?: unknown): Promise<T> {
      const response = await send(method, path, body, "application/json");
      return (response.status === 204 ? undefined : await response.json()) as T;
    },
    async text(path: string): Promise<string> {
      return (await send("GET", path, undefined, "*/*")).text();
    },
  };
}
