import { randomUUID } from "node:crypto";
import { tenantSettingsOf } from "../../domain/tenant-settings.ts";
import type { AppCredential, AtlassianProduct, InstallationRepository } from "../../ports/installation-repository.ts";
import { uniqueViolation } from "./errors.ts";
import type { Prisma, PrismaClient } from "./generated/client.ts";

/** A token is written again only when the new one outlives the stored one by this much: not on every event. */
const TOKEN_REFRESH_STEP_MS = 60_000;

/**
 * Tenants of Forge installations, kept in the database and cached in memory: a site's tenant never
 * changes once made, and a token is read from the database only when the cached one is about to expire.
 */
export function installationRepository(prisma: PrismaClient): InstallationRepository {
  const tenantOfCloud = new Map<string, { id: string; siteUrl: string | null }>();
  const credentials = new Map<string, AppCredential>();
  const cacheKey = (tenantId: string, product: AtlassianProduct) => `${tenantId}:${product}`;

  async function tenantFor(cloudId: string, siteUrl: string | null): Promise<string> {
    const known = tenantOfCloud.get(cloudId);
    if (known && (!siteUrl || siteUrl === known.siteUrl)) return known.id;
    const name = siteUrl ? new URL(siteUrl).host : `Atlassian site ${cloudId}`;
    let tenant;
    try {
      tenant = await prisma.tenant.upsert({
        where: { cloudId },
        create: { id: randomUUID(), name, cloudId, jiraSiteUrl: siteUrl },
        update: siteUrl ? { jiraSiteUrl: siteUrl, name } : {},
        select: { id: true, jiraSiteUrl: true },
      });
    } catch (error) {
      // Two first contacts at once: the loser of the insert finds the winner's tenant.
      if (!uniqueViolation(error)) throw error;
      tenant = await prisma.tenant.findUniqueOrThrow({ where: { cloudId }, select: { id: true, jiraSiteUrl: true } });
    }
    tenantOfCloud.set(cloudId, { id: tenant.id, siteUrl: tenant.jiraSiteUrl });
    return tenant.id;
  }

  return {
    async recordContact(contact, now) {
      const tenantId = await tenantFor(contact.cloudId, contact.siteUrl);
      const token = contact.appToken;
      if (!token || token.expiresAt <= now) return tenantId;
      const key = cacheKey(tenantId, contact.product);
      const cached = credentials.get(key);
      if (cached && cached.apiBaseUrl === contact.apiBaseUrl && token.expiresAt.getTime() - cached.expiresAt.getTime() < TOKEN_REFRESH_STEP_MS) return tenantId;
      const row = { installationId: contact.installationId, apiBaseUrl: contact.apiBaseUrl, token: token.token, expiresAt: token.expiresAt, updatedAt: now };
      // Only ever moves forward: a slow request carrying an older token must not replace a newer one.
      await prisma.$executeRaw`
        INSERT INTO forge_credentials (tenant_id, product, installation_id, api_base_url, token, expires_at, updated_at)
        VALUES (${tenantId}::uuid, ${contact.product}, ${row.installationId}, ${row.apiBaseUrl}, ${row.token}, ${row.expiresAt}, ${now})
        ON CONFLICT (tenant_id, product) DO UPDATE
        SET installation_id = EXCLUDED.installation_id, api_base_url = EXCLUDED.api_base_url, token = EXCLUDED.token,
            expires_at = EXCLUDED.expires_at, updated_at = EXCLUDED.updated_at
        WHERE forge_credentials.expires_at < EXCLUDED.expires_at OR forge_credentials.api_base_url <> EXCLUDED.api_base_url`;
      credentials.set(key, { apiBaseUrl: row.apiBaseUrl, token: row.token, expiresAt: row.expiresAt });
      return tenantId;
    },
    async userOf(tenantId, accountId) {
      const where = { tenantId_atlassianAccountId: { tenantId, atlassianAccountId: accountId } };
      const placeholder = `Atlassian user ${accountId.slice(-6)}`;
      const answer = (u: { id: string; name: string; role: "admin" | "responder" | "viewer" }, created: boolean) => ({ userId: u.id, name: u.name, role: u.role, created });
      const existing = await prisma.user.findUnique({ where });
      if (existing) return answer(existing, false);
      // Forge tells neither name nor e-mail: the name is learnt from Jira later (a job); `.invalid`
      // (RFC 2606) keeps the unique e-mail column honest.
      const data = { id: randomUUID(), tenantId, atlassianAccountId: accountId, name: placeholder, email: `${accountId}@atlassian-account.invalid`, role: "responder" as const };
      try {
        return answer(await prisma.user.create({ data }), true);
      } catch (error) {
        if (!uniqueViolation(error)) throw error;
        return answer(await prisma.user.findUniqueOrThrow({ where }), false);
      }
    },
    async credential(tenantId, product) {
      const key = cacheKey(tenantId, product);
      const cached = credentials.get(key);
      if (cached && cached.expiresAt.getTime() - Date.now() > TOKEN_REFRESH_STEP_MS) return cached;
      const row = await prisma.forgeCredential.findUnique({ where: { tenantId_product: { tenantId, product } } });
      if (!row) return null;
      const credential = { apiBaseUrl: row.apiBaseUrl, token: row.token, expiresAt: row.expiresAt };
      credentials.set(key, credential);
      return credential;
    },
    async profile(tenantId) {
      const row = await prisma.tenant.findUnique({ where: { id: tenantId } });
      return row && { id: row.id, cloudId: row.cloudId, siteUrl: row.jiraSiteUrl, settings: tenantSettingsOf(row.settings) };
    },
    async saveSettings(tenantId, settings) {
      await prisma.tenant.update({ where: { id: tenantId }, data: { settings: settings as unknown as Prisma.InputJsonObject } });
    },
  };
}
