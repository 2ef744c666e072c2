// The pages' forms act through the REST API's own route handlers (common/view/route-call.ts) as the site's person:
// a transition screen's required Resolution, labels without spaces and fields off a screen are refused as the API
// refuses them, and the webhooks carry that person as their `user`.
import { routeCaller, type Caller } from "../../common/view/route-call.ts";
import type { Core, Route, RouteResult } from "../http.ts";
import { JiraHttpError, type JiraErrorBody, type JiraUser } from "../types.ts";

export type PersonCall = Caller<RouteResult>;

export function restAsPerson(core: Core, routes: readonly Route[], person: JiraUser): PersonCall {
  return routeCaller(
    routes,
    (call) => ({ core, ...call, query: new URLSearchParams(), user: person, app: false }),
    (err) => (err instanceof JiraHttpError ? { status: err.status, body: err.body } : undefined),
  );
}

/** What Jira's error body says, as one sentence for the page. */
export function errorText(body: unknown): string {
  const b = (body ?? {}) as Partial<JiraErrorBody>;
  const parts = [...(b.errorMessages ?? []), ...Object.values(b.errors ?? {})];
  return parts.length > 0 ? parts.join(" ") : "Jira refused the change.";
}
