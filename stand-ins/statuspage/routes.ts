// Path routing and body parsing for the v1 API.
// Paths: https://developer.statuspage.io/ — "All calls currently begin with the following prefix:
// https://api.statuspage.io/v1/", collections may carry a `.json` suffix ("…/pages/asdf123/incidents.json").
// Bodies: "Information can be sent in the body as form urlencoded or JSON, but make sure the Content-Type header
// matches the body structure" — form fields use Rails brackets: incident[name]=…, incident[component_ids][]=….
import { isPlainObject } from "./validate.ts";

export type Operation =
  | "incidents.list"
  | "incidents.unresolved"
  | "incidents.get"
  | "incidents.create"
  | "incidents.update"
  | "components.list"
  | "components.get"
  | "components.update";

/** Query parameters each operation documents (api_key, the auth alternative, is handled separately). */
export const QUERY_PARAMS: Record<Operation, readonly string[]> = {
  "incidents.list": ["q", "limit", "page"],
  "incidents.unresolved": ["page", "per_page"],
  "incidents.get": [],
  "incidents.create": [],
  "incidents.update": [],
  "components.list": ["page", "per_page"],
  "components.get": [],
  "components.update": [],
};

export interface Route {
  operation: Operation;
  pageId: string;
  /** Incident or component id for the per-item operations. */
  itemId?: string;
}

export type Resolved = { route: Route } | { unexpected: string };

/** Maps METHOD + path (without the /v1 prefix and `.json`) to an emulated operation. */
export function resolveRoute(method: string, apiPath: string): Resolved {
  const segments = apiPath.split("/").filter(Boolean);
  if (segments[0] !== "pages" || !segments[1])
    return { unexpected: "not an emulated path (only /v1/pages/{page_id}/incidents… and …/components…)" };
  const pageId = segments[1];
  const [collection, item, extra] = segments.slice(2);
  const notServed = (what: string): Resolved => ({ unexpected: `${method} ${what} is not emulated` });
  if (collection === "incidents") {
    if (extra !== undefined) return notServed(`…/incidents/{id}/${extra}`);
    if (item === undefined) {
      if (method === "GET") return { route: { operation: "incidents.list", pageId } };
      if (method === "POST") return { route: { operation: "incidents.create", pageId } };
      return notServed("…/incidents");
    }
    if (item === "unresolved")
      return method === "GET"
        ? { route: { operation: "incidents.unresolved", pageId } }
        : notServed("…/incidents/unresolved");
    if (["upcoming", "scheduled", "active_maintenance"].includes(item))
      return notServed(`…/incidents/${item} (scheduled maintenances)`);
    if (method === "GET") return { route: { operation: "incidents.get", pageId, itemId: item } };
    if (method === "PATCH" || method === "PUT")
      return { route: { operation: "incidents.update", pageId, itemId: item } };
    return notServed("…/incidents/{id}");
  }
  if (collection === "components") {
    if (extra !== undefined) return notServed(`…/components/{id}/${extra}`);
    if (item === undefined)
      return method === "GET" ? { route: { operation: "components.list", pageId } } : notServed("…/components");
    if (method === "GET") return { route: { operation: "components.get", pageId, itemId: item } };
    if (method === "PATCH" || method === "PUT")
      return { route: { operation: "components.update", pageId, itemId: item } };
    return notServed("…/components/{id}");
  }
  return { unexpected: `…/pages/{page_id}/${collection ?? ""} is not emulated` };
}

export type ParsedBody =
  { ok: true; body: Record<string, unknown>; unexpected?: string } | { ok: false; error: string; unexpected?: string };

/** Parses a JSON or form body; the Content-Type must match, as the reference asks. */
export function parseBody(raw: string, contentType: string | null): ParsedBody {
  if (raw.trim() === "") return { ok: true, body: {} };
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  if (type === "application/json") {
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch {
      return { ok: false, error: "The request body is not valid JSON" };
    }
    if (!isPlainObject(body)) return { ok: false, error: "The request body must be a JSON object" };
    return { ok: true, body };
  }
  if (type === "application/x-www-form-urlencoded") {
    const parsed = parseRailsForm(raw);
    return parsed.unsupported.length
      ? { ok: true, body: parsed.body, unexpected: `form keys not understood: ${parsed.unsupported.join(", ")}` }
      : { ok: true, body: parsed.body };
  }
  return {
    ok: false,
    error: "Unsupported Content-Type",
    unexpected: `body sent as ${type || "untyped"}; Statuspage takes JSON or form encoding with a matching Content-Type`,
  };
}

/** Rails-style nested form keys: a[b][c]=v → {a: {b: {c: v}}}, a[b][]=v → {a: {b: [v]}}. */
export function parseRailsForm(raw: string): { body: Record<string, unknown>; unsupported: string[] } {
  const body: Record<string, unknown> = {};
  const unsupported: string[] = [];
  for (const [key, value] of new URLSearchParams(raw)) {
    const m = /^([^[\]]+)((?:\[[^[\]]*\])*)$/.exec(key);
    if (!m) {
      unsupported.push(key);
      continue;
    }
    const parts = [m[1]!, ...[...m[2]!.matchAll(/\[([^[\]]*)\]/g)].map((x) => x[1]!)];
    let cursor: Record<string, unknown> = body;
    let ok = true;
    for (let i = 0; i < parts.length; i++) {
      const part = parts[i]!;
      const last = i === parts.length - 1;
      const arrayNext = parts[i + 1] === "" && i + 1 === parts.length - 1;
      if (part === "") {
        ok = false;
        break;
      }
      if (last) {
        cursor[part] = value;
        break;
      }
      if (arrayNext) {
        const existing = cursor[part] ?? [];
        if (!Array.isArray(existing)) {
          ok = false;
          break;
        }
        existing.push(value);
        cursor[part] = existing;
        break;
      }
      const next = cursor[part] ?? {};
      if (!isPlainObject(next)) {
        ok = false;
        break;
      }
      cursor[part] = next;
      cursor = next;
    }
    if (!ok) unsupported.push(key);
  }
  return { body, unsupported };
}
