// The pages' forms act through the REST API's own route handlers (common/view/route-call.ts) as the site's person,
// as the Confluence editor does: a page saved here is a new version by that person, checked like any PUT (version
// number + 1, valid ADF, a title), and read back by Firewatch's postmortem sync like any other edit.
import { routeCaller, type Caller } from "../../common/view/route-call.ts";
import type { Core, Route, RouteResult } from "../http.ts";
import { ConfluenceHttpError, type ConfluenceUser } from "../types.ts";

export type PersonCall = Caller<RouteResult>;

export function restAsPerson(core: Core, routes: readonly Route[], person: ConfluenceUser): PersonCall {
  return routeCaller(
    routes,
    (call) => ({
      core,
      ...call,
      query: new URLSearchParams(),
      user: person,
      canView: () => true,
      unexpected: (reason: string) => core.recordUnexpected(call.method, call.path, reason),
    }),
    (err) => (err instanceof ConfluenceHttpError ? { status: err.status, body: err.body } : undefined),
  );
}

/** What Confluence's error body (v2 or v1) says, for the page. */
export function errorText(body: unknown): string {
  const b = (body ?? {}) as { errors?: { title?: string }[]; message?: string };
  return b.errors?.map((e) => e.title).join(" ") || b.message || "Confluence refused the change.";
}
