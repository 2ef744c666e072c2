// Cursor paging of the API's lists: `?limit=` (1–500, default 100) and an opaque `cursor`, answered with
// the list's own array field plus `nextCursor` (null on the last page). A cursor holds the sort key of the
// page's last item, so pages neither repeat nor skip an item when others are added or removed meanwhile.
import { z } from "zod";
import type { CreatedKey, NameKey, PageRequest } from "../ports/repositories.ts";
import { BadRequestWebError, parseOrThrow } from "./errors.ts";

export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 500;

const sizeMessage = `must be a whole number from 1 to ${MAX_PAGE_SIZE}`;
const pageQuery = z.object({
  limit: z.coerce
    .number({ error: sizeMessage })
    .int(sizeMessage)
    .min(1, sizeMessage)
    .max(MAX_PAGE_SIZE, sizeMessage)
    .default(DEFAULT_PAGE_SIZE),
  cursor: z.string().max(2_000).optional(),
});

/** How a list is ordered: each item's key, and the key as the JSON a cursor carries. */
export interface ListOrder<T, K> {
  readonly keyOf: (item: T) => K;
  readonly toJson: (key: K) => unknown;
  readonly fromJson: z.ZodType<K>;
}

const id = z.uuid();

export const BY_NAME: ListOrder<{ readonly name: string; readonly id: string }, NameKey> = {
  keyOf: ({ name, id }) => ({ name, id }),
  toJson: ({ name, id }) => [name, id],
  fromJson: z.tuple([z.string(), id]).transform(([name, id]) => ({ name, id })),
};

export const BY_CREATION: ListOrder<{ readonly createdAt: Date; readonly id: string }, CreatedKey> = {
  keyOf: ({ createdAt, id }) => ({ createdAt, id }),
  toJson: ({ createdAt, id }) => [createdAt.getTime(), id],
  fromJson: z
    .tuple([z.number().int().min(0).max(8.64e15), id])
    .transform(([ms, id]) => ({ createdAt: new Date(ms), id })),
};

/** Outbox jobs, newest first: the id is a bigint sequence, carried as its decimal string. */
export const BY_NEWEST_ID: ListOrder<{ readonly id: string }, string> = {
  keyOf: ({ id }) => id,
  toJson: (id) => [id],
  fromJson: z.tuple([z.string().regex(/^\d{1,18}$/)]).transform(([id]) => id),
};

export interface Page<T> {
  readonly items: T[];
  /** Pass back as `cursor` for the next page; null on the last page. */
  readonly nextCursor: string | null;
}

function decodeCursor<K>(cursor: string, fromJson: z.ZodType<K>): K {
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    json = undefined;
  }
  const key = fromJson.safeParse(json);
  if (key.success) return key.data;
  const message = "is not one this API gave out; pass `nextCursor` from the previous page unchanged";
  throw new BadRequestWebError("REQUEST.INVALID", `Invalid query string: \`cursor\`: ${message}`, [
    { path: "cursor", message },
  ]);
}

/**
 * Reads `?limit=&cursor=` from `query` and fetches that page with `fetch` (one item more than asked, to
 * know whether another page follows). @throws BadRequestWebError naming `limit` or `cursor`
 */
export async function readPage<T, K>(
  query: unknown,
  order: ListOrder<T, K>,
  fetch: (page: PageRequest<K>) => Promise<T[]>,
): Promise<Page<T>> {
  const { limit, cursor } = parseOrThrow(pageQuery, query, "query string");
  const rows = await fetch({ limit: limit + 1, ...(cursor ? { after: decodeCursor(cursor, order.fromJson) } : {}) });
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  const nextCursor =
    rows.length > limit && last
      ? Buffer.from(JSON.stringify(order.toJson(order.keyOf(last)))).toString("base64url")
      : null;
  return { items, nextCursor };
}
