import type { SessionRepository } from "../../ports/session-repository.ts";
import type { Prisma } from "./generated/client.ts";

type Db = Prisma.TransactionClient;

export function sessionRepository(db: Db): SessionRepository {
  return {
    async insert(session, tokenHash) {
      await db.consoleSession.create({ data: { ...session, tokenHash } });
    },
    async find(tokenHash) {
      const row = await db.consoleSession.findUnique({ where: { tokenHash } });
      if (!row) return null;
      // Sessions have no foreign key to users: the person is read here, and one who is gone signs in nobody.
      const user = await db.user.findFirst({ where: { id: row.userId, tenantId: row.tenantId } });
      if (!user?.active) return null;
      const { tokenHash: _hash, ...session } = row;
      return { session, principal: { userId: user.id, tenantId: user.tenantId, name: user.name, role: user.role } };
    },
    async extend(id, expiresAt) {
      await db.consoleSession.updateMany({ where: { id, revokedAt: null }, data: { expiresAt } });
    },
    async revoke(tokenHash, now) {
      await db.consoleSession.updateMany({ where: { tokenHash, revokedAt: null }, data: { revokedAt: now } });
    },
    async revokeAllOf(userId, now) {
      const { count } = await db.consoleSession.updateMany({
        where: { userId, revokedAt: null },
        data: { revokedAt: now },
      });
      return count;
    },
  };
}
