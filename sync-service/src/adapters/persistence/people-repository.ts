import { randomUUID } from "node:crypto";
import type { ContactKind } from "../../ports/notifier-port.ts";
import type { PeopleRepository } from "../../ports/people-repository.ts";
import { MINUTE_MS } from "../../domain/clock.ts";
import { DuplicatePersistenceError, uniqueViolation } from "./errors.ts";
import type { Prisma } from "./generated/client.ts";

type Db = Prisma.TransactionClient;

export function peopleRepository(db: Db): PeopleRepository {
  return {
    async updateUser(user) {
      const { id, tenantId, name, email, role, timeZone, active } = user;
      try {
        await db.user.updateMany({ where: { id, tenantId }, data: { name, email, role, timeZone, active } });
      } catch (error) {
        if (uniqueViolation(error))
          throw new DuplicatePersistenceError(
            "USER.EMAIL_TAKEN",
            `\`email\`: another person already has the e-mail ${JSON.stringify(email)}.`,
            { cause: error },
          );
        throw error;
      }
    },
    async lockActiveAdmins(tenantId) {
      const rows = await db.$queryRaw<{ id: string }[]>`SELECT id::text AS id FROM users
        WHERE tenant_id = ${tenantId}::uuid AND role = 'admin' AND active ORDER BY id FOR UPDATE`;
      return rows.map((r) => r.id);
    },
    listTokens: (userId) =>
      db.apiToken.findMany({
        where: { userId, revokedAt: null },
        select: { id: true, name: true, createdAt: true, lastUsedAt: true },
        orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      }),
    async revokeToken(userId, id, at) {
      const { count } = await db.apiToken.updateMany({
        where: { id, userId, revokedAt: null },
        data: { revokedAt: at },
      });
      return count > 0;
    },
    async revokeTokens(userId, at) {
      await db.apiToken.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: at } });
      await db.calendarFeed.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: at } });
    },
    async replaceCalendarFeed(tenantId, userId, tokenHash, at) {
      await db.calendarFeed.updateMany({ where: { userId, revokedAt: null }, data: { revokedAt: at } });
      await db.calendarFeed.create({ data: { id: randomUUID(), tenantId, userId, tokenHash, createdAt: at } });
      return { createdAt: at, lastUsedAt: null };
    },
    findCalendarFeed: (userId) =>
      db.calendarFeed.findFirst({
        where: { userId, revokedAt: null },
        select: { createdAt: true, lastUsedAt: true },
        orderBy: { createdAt: "desc" },
      }),
    async revokeCalendarFeed(userId, at) {
      const { count } = await db.calendarFeed.updateMany({
        where: { userId, revokedAt: null },
        data: { revokedAt: at },
      });
      return count > 0;
    },
    async useCalendarFeed(tokenHash, at) {
      const feed = await db.calendarFeed.findUnique({ where: { tokenHash } });
      if (!feed || feed.revokedAt) return null;
      // Feeds have no foreign key to users: one whose person is gone or deactivated shows nothing.
      const user = await db.user.findFirst({ where: { id: feed.userId, tenantId: feed.tenantId, active: true } });
      if (!user) return null;
      const stale = new Date(at.getTime() - MINUTE_MS);
      if (!feed.lastUsedAt || feed.lastUsedAt <= stale)
        await db.calendarFeed.updateMany({
          where: { id: feed.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: stale } }] },
          data: { lastUsedAt: at },
        });
      return { tenantId: feed.tenantId, userId: feed.userId };
    },
    async findContact(userId, id) {
      const row = await db.contactMethod.findFirst({ where: { userId, id } });
      return row && { id: row.id, userId: row.userId, kind: row.kind as ContactKind, address: row.address };
    },
    async updateContact(contact) {
      await db.contactMethod.updateMany({
        where: { id: contact.id, userId: contact.userId },
        data: { kind: contact.kind, address: contact.address },
      });
    },
    async deleteContact(userId, id) {
      const { count } = await db.contactMethod.deleteMany({ where: { userId, id } });
      return count > 0;
    },
    async replaceNotificationRules(userId, contactMethodId, delays) {
      await db.notificationRule.deleteMany({ where: { userId, contactMethodId } });
      await db.notificationRule.createMany({
        data: delays.map((delayMinutes) => ({ id: randomUUID(), userId, contactMethodId, delayMinutes })),
      });
    },
  };
}
