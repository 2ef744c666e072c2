// The pages' forms act through the REST API's own route handlers, as the site's person: the same validation (a
// transition screen's required Resolution, labels without spaces, fields off a screen), the same state change and
// the same webhooks as a call of the API, with that person as the webhook's `user`. Not logged as requests: a
// person in Jira's web UI makes no REST calls the app could see either.
import type { Core, Route, RouteResult } from "../http.ts";
import { JiraHttpError, type JiraErrorBody, type JiraUser } from "../types.ts";

export type PersonCall = (method: string, path: string, body?: unknown) => Promise<RouteResult>;

export function restAsPerson(core: Core, routes: readonly Route[], person: JiraUser): PersonCall {
  return async (method, path, body) => {
    const route = routes.find((r) => r.method === method && r.pattern.test(path));
    if (!route) throw new Error(`jira emulator: no route ${method} ${path}`);
    const params = route.pattern
      .exec(path)!
      .slice(1)
      .map((p) => decodeURIComponent(p));
    const query = new URLSearchParams();
    try {
      return await route.handler({ core, method, path, params, query, body, user: person, app: false });
    } catch (err) {
      if (err instanceof JiraHttpError) return { status: err.status, body: err.body };
      throw err;
    }
  };
}

/** What Jira's error body says, as one sentence for the page. */
export function errorText(body: unknown): string {
  const b = (body ?? {}) as Partial<JiraErrorBody>;
  const parts = [...(b.errorMessages ?? []), ...Object.values(b.errors ?? {})];
  return parts.length > 0 ? parts.join(" ") : "Jira refused the change.";
}
