// Keyset paging for Prisma: rows strictly after the last one a page ended with, in the same order the page
// was read in, so a row added or removed between pages neither repeats nor shifts the others.
import type { CreatedKey, NameKey, PageRequest } from "../../ports/repositories.ts";

/** `where` and `orderBy` for a page of a list ordered by name, ties by id. */
export function byName(page: PageRequest<NameKey>) {
  const after = page.after;
  return {
    where: after ? { OR: [{ name: { gt: after.name } }, { name: after.name, id: { gt: after.id } }] } : {},
    orderBy: [{ name: "asc" as const }, { id: "asc" as const }],
    take: page.limit,
  };
}

/** `where` and `orderBy` for a page of a list ordered by creation, ties by id. */
export function byCreation(page: PageRequest<CreatedKey>) {
  const after = page.after;
  return {
    where: after
      ? { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] }
      : {},
    orderBy: [{ createdAt: "asc" as const }, { id: "asc" as const }],
    take: page.limit,
  };
}
