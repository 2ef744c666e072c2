import { randomUUID } from "node:crypto";
import { tenantSettingsOf } from "../../domain/tenant-settings.ts";
import type { AppCredential, AtlassianProduct, InstallationRepository } from "../../ports/installation-repository.ts";
import { uniqueViolation } from "./errors.ts";
import type { Prisma, PrismaClient } from "./generated/client.ts";
import { ENQUEUE_KEYED_SQL, enqueueParams } from "./job-store.ts";
import type { SecretBox } from "./secret-box.ts";
import { cancelTenantJobsSql, purgeTenant } from "./tenant-purge.ts";

/** A token is written again only when the new one outlives the stored one by this much: not on every event. */
const TOKEN_REFRESH_STEP_MS = 60_000;

/**
 * Tenants of Forge installations, kept in the database and cached in memory: a site's tenant never
 * changes once made, and a token is read from the database only when the cached one is about to expire.
 * Tokens are stored sealed by `box` (AES-256-GCM); a stored value it cannot open (plain text from before
 * encryption) counts as no token: Forge sends a fresh one with the next invocation, within the hour.
 */
export function installationRepository(prisma: PrismaClient, box: SecretBox): InstallationRepository {
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

  const forgetCredentials = (tenantId: string) => {
    for (const product of ["jira", "confluence"] as const) credentials.delete(cacheKey(tenantId, product));
  };

  return {
    async recordContact(contact, now) {
      let tenantId = await tenantFor(contact.cloudId, contact.siteUrl);
      // Read each time, not cached: another process may have handled the uninstall event or purged the tenant.
      let state = await prisma.tenant.findUnique({ where: { id: tenantId }, select: { uninstalledAt: true } });
      if (!state) {
        tenantOfCloud.delete(contact.cloudId);
        tenantId = await tenantFor(contact.cloudId, contact.siteUrl);
        state = await prisma.tenant.findUniqueOrThrow({ where: { id: tenantId }, select: { uninstalledAt: true } });
      }
      const { uninstalledAt } = state;
      const token = contact.appToken;
      if (uninstalledAt || !token || token.expiresAt <= now) return { tenantId, uninstalledAt };
      const key = cacheKey(tenantId, contact.product);
      const cached = credentials.get(key);
      if (
        cached &&
        cached.apiBaseUrl === contact.apiBaseUrl &&
        token.expiresAt.getTime() - cached.expiresAt.getTime() < TOKEN_REFRESH_STEP_MS
      )
        return { tenantId, uninstalledAt };
      const row = {
        installationId: contact.installationId,
        apiBaseUrl: contact.apiBaseUrl,
        sealed: box.seal(token.token),
        expiresAt: token.expiresAt,
      };
      // Only ever moves forward: a slow request carrying an older token must not replace a newer one
      // (a stored value that is not sealed, from before encryption, is always replaced).
      await prisma.$executeRaw`
        INSERT INTO forge_credentials (tenant_id, product, installation_id, api_base_url, token, expires_at, updated_at)
        VALUES (${tenantId}::uuid, ${contact.product}, ${row.installationId}, ${row.apiBaseUrl}, ${row.sealed}, ${row.expiresAt}, ${now})
        ON CONFLICT (tenant_id, product) DO UPDATE
        SET installation_id = EXCLUDED.installation_id, api_base_url = EXCLUDED.api_base_url, token = EXCLUDED.token,
            expires_at = EXCLUDED.expires_at, updated_at = EXCLUDED.updated_at
        WHERE forge_credentials.expires_at < EXCLUDED.expires_at OR forge_credentials.api_base_url <> EXCLUDED.api_base_url
           OR forge_credentials.token NOT LIKE 'v1:%'`;
      credentials.set(key, { apiBaseUrl: row.apiBaseUrl, token: token.token, expiresAt: row.expiresAt });
      return { tenantId, uninstalledAt };
    },
    async uninstall(tenantId, now, purge) {
      const reason = "cancelled: the Forge app was uninstalled from this site";
      await prisma.$transaction(async (tx) => {
        await tx.tenant.update({ where: { id: tenantId }, data: { uninstalledAt: now } });
        await tx.forgeCredential.deleteMany({ where: { tenantId } });
        await tx.apiToken.updateMany({ where: { user: { tenantId }, revokedAt: null }, data: { revokedAt: now } });
        await tx.$executeRawUnsafe(cancelTenantJobsSql, tenantId, reason, now);
        await tx.$executeRawUnsafe(ENQUEUE_KEYED_SQL, ...enqueueParams(purge));
      });
      forgetCredentials(tenantId);
    },
    async purge(tenantId, cutoff) {
      const purged = await purgeTenant(prisma, tenantId, cutoff);
      if (purged) {
        for (const [cloudId, known] of tenantOfCloud) if (known.id === tenantId) tenantOfCloud.delete(cloudId);
        forgetCredentials(tenantId);
      }
      return purged;
    },
    async restore(tenantId) {
      const { count } = await prisma.tenant.updateMany({
        where: { id: tenantId, uninstalledAt: { not: null } },
        data: { uninstalledAt: null },
      });
      return count > 0;
    },
    async userOf(tenantId, accountId) {
      const where = { tenantId_atlassianAccountId: { tenantId, atlassianAccountId: accountId } };
      const placeholder = `Atlassian user ${accountId.slice(-6)}`;
      const answer = (u: { id: string; name: string; role: "admin" | "responder" | "viewer" }, created: boolean) => ({
        userId: u.id,
        name: u.name,
        role: u.role,
        created,
      });
      const existing = await prisma.user.findUnique({ where });
      if (existing) return answer(existing, false);
      // Forge tells neither name nor e-mail: the name is learnt from Jira later (a job); `.invalid`
      // (RFC 2606) keeps the unique e-mail column honest.
      const data = {
        id: randomUUID(),
        tenantId,
        atlassianAccountId: accountId,
        name: placeholder,
        email: `${accountId}@atlassian-account.invalid`,
        role: "responder" as const,
      };
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
      const token = row && box.open(row.token);
      if (!row || token === null) return null;
      const credential = { apiBaseUrl: row.apiBaseUrl, token, expiresAt: row.expiresAt };
      credentials.set(key, credential);
      return credential;
    },
    async installedTenants() {
      const rows = await prisma.tenant.findMany({
        where: { cloudId: { not: null }, uninstalledAt: null },
        select: { id: true },
        orderBy: { id: "asc" },
      });
      return rows.map((r) => r.id);
    },
    async storedAccounts(tenantId, limit, afterAccountId) {
      const rows = await prisma.user.findMany({
        where: { tenantId, atlassianAccountId: afterAccountId ? { gt: afterAccountId } : { not: null } },
        orderBy: { atlassianAccountId: "asc" },
        take: limit,
        select: { id: true, atlassianAccountId: true, personalDataAt: true, createdAt: true },
      });
      return rows.map((r) => ({
        userId: r.id,
        accountId: r.atlassianAccountId!,
        updatedAt: r.personalDataAt ?? r.createdAt,
      }));
    },
    async eraseAccount(tenantId, userId, now) {
      await prisma.$transaction(async (tx) => {
        const user = await tx.user.findFirst({ where: { id: userId, tenantId }, select: { atlassianAccountId: true } });
        if (!user?.atlassianAccountId) return;
        // Contact methods hold e-mail addresses and phone numbers; notification rules go with them (cascade).
        await tx.contactMethod.deleteMany({ where: { userId } });
        await tx.user.update({
          where: { id: userId },
          data: {
            name: "Former Atlassian user",
            email: `${user.atlassianAccountId}@atlassian-account.invalid`,
            personalDataAt: now,
          },
        });
      });
    },
    async profile(tenantId) {
      const row = await prisma.tenant.findUnique({ where: { id: tenantId } });
      return (
        row && {
          id: row.id,
          cloudId: row.cloudId,
          siteUrl: row.jiraSiteUrl,
          settings: tenantSettingsOf(row.settings),
          uninstalledAt: row.uninstalledAt,
        }
      );
    },
    async saveSettings(tenantId, settings) {
      await prisma.tenant.update({
        where: { id: tenantId },
        data: { settings: settings as unknown as Prisma.InputJsonObject },
      });
    },
  };
}
