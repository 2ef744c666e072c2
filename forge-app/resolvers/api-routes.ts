// The service routes the console (global page) may reach through the `api` resolver. Forge Remote sends
// whatever path the resolver names, and the service decodes it again, so a prefix check is not enough:
// `/api/%2e%2e/forge/events` passes `startsWith("/api/")` and can land outside /api once normalised. The
// path is therefore decoded segment by segment, refused when a segment is `.`/`..`/empty or hides a
// separator, matched against this list (method + pattern), and forwarded rebuilt from its decoded segments.
// Not listed on purpose: /api/users/:id/tokens and /api/session (a Forge site's people act only through Forge,
// never with a Firewatch API token or a console session).

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

const ROUTES: readonly string[] = [
  "GET /api/me",
  "GET /api/incidents",
  "POST /api/incidents",
  "GET /api/incidents/:ref",
  "PATCH /api/incidents/:ref",
  "POST /api/incidents/:ref/acknowledge",
  "POST /api/incidents/:ref/resolve",
  "POST /api/incidents/:ref/notes",
  "GET /api/incidents/:ref/jira-issues",
  "POST /api/incidents/:ref/jira-issues",
  "GET /api/incidents/:ref/timeline",
  "PATCH /api/incidents/:ref/timeline/:entryId",
  "GET /api/incidents/:ref/status-posts",
  "POST /api/incidents/:ref/status-posts",
  "GET /api/incidents/:ref/channel",
  "POST /api/incidents/:ref/channel",
  "PATCH /api/incidents/:ref/channel",
  "GET /api/incidents/:ref/postmortem",
  "POST /api/incidents/:ref/postmortem",
  "PATCH /api/incidents/:ref/postmortem",
  "GET /api/incidents/:ref/postmortem/preview",
  "GET /api/incidents/:ref/action-items",
  "POST /api/incidents/:ref/action-items",
  "GET /api/incidents/:ref/response",
  "POST /api/incidents/:ref/escalate",
  "POST /api/incidents/:ref/responders",
  "GET /api/action-items",
  "GET /api/services",
  "POST /api/services",
  "GET /api/services/:id",
  "PATCH /api/services/:id",
  "DELETE /api/services/:id",
  "GET /api/jobs",
  "POST /api/jobs/:id/retry",
  "GET /api/integrations",
  "GET /api/escalation-rules",
  "POST /api/escalation-rules",
  "POST /api/escalation-rules/validate",
  "POST /api/escalation-rules/test",
  "GET /api/escalation-rules/:id",
  "PATCH /api/escalation-rules/:id",
  "DELETE /api/escalation-rules/:id",
  "POST /api/escalation-rules/:id/test",
  "GET /api/users",
  "POST /api/users",
  "GET /api/users/:id",
  "PATCH /api/users/:id",
  "DELETE /api/users/:id",
  "GET /api/users/:id/contact-methods",
  "POST /api/users/:id/contact-methods",
  "PATCH /api/users/:id/contact-methods/:contactMethodId",
  "DELETE /api/users/:id/contact-methods/:contactMethodId",
  "POST /api/users/:id/contact-methods/:contactMethodId/test",
  "GET /api/users/:id/oncall.ics",
  "GET /api/users/:id/calendar-feed",
  "POST /api/users/:id/calendar-feed",
  "DELETE /api/users/:id/calendar-feed",
  "GET /api/schedules",
  "POST /api/schedules",
  "GET /api/schedules/:id",
  "PUT /api/schedules/:id",
  "GET /api/schedules/:id/oncall",
  "GET /api/schedules/:id/ical",
  "POST /api/schedules/:id/overrides",
  "DELETE /api/schedules/:id/overrides/:index",
  "GET /api/escalation-policies",
  "POST /api/escalation-policies",
  "DELETE /api/escalation-policies/:id",
  "GET /api/teams",
  "POST /api/teams",
  "GET /api/teams/:id",
  "PATCH /api/teams/:id",
  "DELETE /api/teams/:id",
  "GET /api/response-plays",
  "POST /api/response-plays",
  "GET /api/response-plays/:id",
  "PUT /api/response-plays/:id",
  "DELETE /api/response-plays/:id",
  "GET /api/incidents/:ref/subscribers",
  "POST /api/incidents/:ref/subscribers",
  "DELETE /api/incidents/:ref/subscribers/:subscriberId",
  "GET /api/incidents/:ref/status-updates",
  "POST /api/incidents/:ref/status-updates",
  "POST /api/incidents/:ref/response-plays/:playId",
  "GET /api/escalation-policies/:id",
  "PUT /api/escalation-policies/:id",
  "GET /api/reports/incidents",
  "GET /api/reports/drills",
  "GET /api/reports/oncall",
  "GET /api/settings/incidents",
  "PUT /api/settings/incidents",
];

/** The console's allow-list, as "METHOD /path" with `:param` segments (what the service's router names). */
export const CONSOLE_API_ROUTES: readonly string[] = ROUTES;

const SPLIT = ROUTES.map((route) => {
  const [method, path] = route.split(" ") as [Method, string];
  return { method, segments: path.split("/").slice(1) };
});

const hasControl = (text: string) => [...text].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);

/** The path's segments, decoded once; null when one is empty, `.`/`..`, malformed or hides a separator. */
function decodedSegments(path: string): string[] | null {
  if (!path.startsWith("/")) return null;
  const segments: string[] = [];
  for (const raw of path.slice(1).split("/")) {
    let segment: string;
    try {
      segment = decodeURIComponent(raw);
    } catch {
      return null;
    }
    if (segment === "" || segment === "." || segment === ".." || /[/\\]/.test(segment) || hasControl(segment))
      return null;
    segments.push(segment);
  }
  return segments;
}

const fits = (pattern: readonly string[], segments: readonly string[]) =>
  pattern.length === segments.length && pattern.every((p, i) => p.startsWith(":") || p === segments[i]);

/**
 * The normalised path to forward for a console call, or null when the call is not on the allow-list.
 * The query string is kept (re-serialised); the fragment is dropped.
 */
export function allowedApiPath(method: string, path: string): string | null {
  const [beforeHash = ""] = path.split("#");
  const queryAt = beforeHash.indexOf("?");
  const pathname = queryAt < 0 ? beforeHash : beforeHash.slice(0, queryAt);
  const segments = decodedSegments(pathname);
  if (!segments || !SPLIT.some((route) => route.method === method && fits(route.segments, segments))) return null;
  const query = queryAt < 0 ? "" : new URLSearchParams(beforeHash.slice(queryAt + 1)).toString();
  return `/${segments.map(encodeURIComponent).join("/")}${query ? `?${query}` : ""}`;
}
