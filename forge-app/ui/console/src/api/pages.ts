// The API pages its lists (`?limit=&cursor=`, answered with the list and `nextCursor`); pickers and lists in
// the console show every item, so they follow the cursors to the end.
import type { Transport } from "../transport/transport.ts";

/** The API's largest page; a list of more is fetched page by page. */
const PAGE_SIZE = 500;
/** Stops after this many pages (50,000 items, far more than a picker can show) whatever the API says. */
const MAX_PAGES = 100;

/** Every page of a cursor-paged list (`{ [field]: T[], nextCursor }`), joined into one `{ [field]: T[] }`. */
export async function fetchAllPages<R extends Record<string, unknown[]>>(
  transport: Transport,
  path: string,
  field: keyof R & string,
): Promise<R> {
  const items: unknown[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MAX_PAGES; page++) {
    const query = `${path.includes("?") ? "&" : "?"}limit=${PAGE_SIZE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`;
    const body: Record<string, unknown> = await transport.request("GET", `${path}${query}`);
    items.push(...((body[field] as unknown[] | undefined) ?? []));
    cursor = typeof body.nextCursor === "string" ? body.nextCursor : null;
    if (!cursor) break;
  }
  return { [field]: items } as R;
}
