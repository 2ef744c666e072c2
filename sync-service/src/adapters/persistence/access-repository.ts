import { randomUUID } from "node:crypto";
import { MINUTE_MS } from "../../domain/clock.ts";
import type { AccessRepository } from "../../ports/access-repository.ts";
import type { PrismaClient } from "./generated/client.ts";

import { STANDALONE_TENANT_ID } from "../../domain/tenant-settings.ts";

export const DEFAULT_TENANT_ID = STANDALONE_TENANT_ID;
const ADMIN_EMAIL = "admin@firewatch.local";

export function accessRepository(prisma: PrismaClient): AccessRepository {
  return {
    async ensureDefaultTenant() {
      await prisma.tenant.upsert({
        where: { id: DEFAULT_TENANT_ID },
        create: { id: DEFAULT_TENANT_ID, name: "default" },
        update: {},
      });
      return DEFAULT_TENANT_ID;
    },
    async ensureAdminToken(tenantId, tokenHash, name) {
      await prisma.$transaction(async (tx) => {
        const admin = await tx.user.upsert({
          where: { tenantId_email: { tenantId, email: ADMIN_EMAIL } },
          create: { id: randomUUID(), tenantId, email: ADMIN_EMAIL, name: "admin", role: "admin" },
          update: {},
        });
        await tx.apiToken.upsert({
          where: { tokenHash },
          create: { id: randomUUID(), userId: admin.id, name, tokenHash },
          update: { revokedAt: null },
        });
      });
    },
    async hasTokens(tenantId) {
      return (await prisma.apiToken.count({ where: { user: { tenantId }, revokedAt: null } })) > 0;
    },
    async findPrincipal(tokenHash) {
      const token = await prisma.apiToken.findUnique({ where: { tokenHash }, include: { user: true } });
      if (!token || token.revokedAt || !token.user.active) return null;
      await recordUse(prisma, token);
      return { userId: token.user.id, tenantId: token.user.tenantId, name: token.user.name, role: token.user.role };
    },
    async issueToken(tenantId, userId, tokenHash, name) {
      const user = await prisma.user.findFirst({ where: { id: userId, tenantId }, select: { id: true } });
      if (!user) return null;
      return prisma.apiToken.create({
        data: { id: randomUUID(), userId, name, tokenHash },
        select: { id: true, name: true, createdAt: true, lastUsedAt: true },
      });
    },
  };
}

/**
 * Records when the token was last used, at most once a minute: most requests write nothing, and the condition
 * keeps concurrent requests from writing it twice.
 */
async function recordUse(prisma: PrismaClient, token: { id: string; lastUsedAt: Date | null }): Promise<void> {
  const now = new Date();
  const stale = new Date(now.getTime() - MINUTE_MS);
  if (token.lastUsedAt && token.lastUsedAt > stale) return;
  await prisma.apiToken.updateMany({
    where: { id: token.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lte: stale } }] },
    data: { lastUsedAt: now },
  });
}
