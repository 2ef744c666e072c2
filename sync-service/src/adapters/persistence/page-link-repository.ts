import { isPageLinkPurpose, type PageLink } from "../../domain/page-link.ts";
import type { PageLinkRepository } from "../../ports/page-link-repository.ts";
import type { Prisma } from "./generated/client.ts";

type Db = Prisma.TransactionClient;
type Row = Prisma.PageLinkGetPayload<object>;

function pageLinkOf(row: Row): PageLink {
  // Rows are only written from PageLink values; anything else is corruption, not a link.
  if (!isPageLinkPurpose(row.purpose)) throw new Error(`page link ${row.id} has an unknown purpose`);
  return {
    id: row.id,
    tenantId: row.tenantId,
    userId: row.userId,
    incidentId: row.incidentId,
    purpose: row.purpose,
    expiresAt: row.expiresAt,
    usedAt: row.usedAt,
    createdAt: row.createdAt,
  };
}

export function pageLinkRepository(db: Db): PageLinkRepository {
  return {
    async insert(link, tokenHash) {
      await db.pageLink.create({ data: { ...link, tokenHash } });
    },
    async find(tokenHash) {
      const row = await db.pageLink.findUnique({ where: { tokenHash } });
      return row && pageLinkOf(row);
    },
    async consume(tokenHash, now) {
      // One conditional UPDATE: of two requests racing with the same link, exactly one sees a row.
      const rows = await db.$queryRaw<{ id: string }[]>`
        UPDATE page_links SET used_at = ${now}
        WHERE token_hash = ${tokenHash} AND used_at IS NULL AND expires_at > ${now}
        RETURNING id`;
      if (rows.length !== 1) return null;
      const row = await db.pageLink.findUnique({ where: { id: rows[0]!.id } });
      return row && { ...pageLinkOf(row), usedAt: null };
    },
  };
}
