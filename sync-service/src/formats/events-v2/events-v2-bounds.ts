// Firewatch's bounds on the Events v2 fields PagerDuty leaves open (it documents only summary ≤ 1024,
// dedup_key ≤ 255 and the 512 KB body: see test/fixtures/pagerduty/README.md). What is kept of an event is
// stored with its alert and shown on the timeline, so each part is bounded, with PagerDuty-shaped errors.

/** source, component, group, class and client: names and hosts, far shorter in practice. */
export const MAX_NAME = 1024;
/** client_url, and a link or image (its URL with a text): monitoring links can carry long queries. */
export const MAX_URL = 16_384;
export const MAX_LINKS = 100;
/** custom_details as JSON, in characters. */
export const MAX_CUSTOM_DETAILS = 65_536;
/**
 * Nesting of anything that is not a string. 100,000 levels fit in the 512 KB body: PostgreSQL refuses such a
 * document ("stack depth limit exceeded") and PGlite's parser spins on it for minutes.
 */
export const MAX_DEPTH = 32;

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** A string's length, or any other value's nesting and size as JSON. */
function tooLong(name: string, value: unknown, max: number): string[] {
  if (value === undefined || value === null) return [];
  if (typeof value === "string")
    return value.length > max ? [`Length of '${name}' is incorrect (should be at most ${max} characters)`] : [];
  if (depthOf(value, MAX_DEPTH) > MAX_DEPTH)
    return [`'${name}' nests too deep (should be at most ${MAX_DEPTH} levels)`];
  return JSON.stringify(value).length > max
    ? [`Size of '${name}' is incorrect (should be at most ${max} characters as JSON)`]
    : [];
}

/** How deep `value` nests, counted without recursion and given up past `limit`. */
export function depthOf(value: unknown, limit: number): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 1]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== "object" || v === null) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Object.values(v)) stack.push([child, depth + 1]);
  }
  return deepest;
}

function linksErrors(name: "links" | "images", value: unknown): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return [`'${name}' must be an array`];
  if (value.length > MAX_LINKS) return [`Length of '${name}' is incorrect (should be at most ${MAX_LINKS} entries)`];
  return value.flatMap((item, i) =>
    isObject(item) ? tooLong(`${name}[${i}]`, item, MAX_URL + 2 * MAX_NAME) : [`'${name}[${i}]' must be an object`],
  );
}

/** Every bound the event breaks, as PagerDuty words its own errors. */
export function boundsErrors(body: Record<string, unknown>, payload: Record<string, unknown> | null): string[] {
  return [
    ...(payload
      ? (["source", "component", "group", "class"] as const).flatMap((key) =>
          tooLong(`payload.${key}`, payload[key], MAX_NAME),
        )
      : []),
    ...tooLong("payload.custom_details", payload?.custom_details, MAX_CUSTOM_DETAILS),
    ...tooLong("client", body.client, MAX_NAME),
    ...tooLong("client_url", body.client_url, MAX_URL),
    ...linksErrors("links", body.links),
    ...linksErrors("images", body.images),
  ];
}
