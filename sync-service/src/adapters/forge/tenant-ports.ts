import type { InstallationRepository, TenantProfile } from "../../ports/installation-repository.ts";

/**
 * One port per tenant: the standalone tenant (no cloud id) shares `standalone`; a Forge site's port is
 * built from its profile and kept for `ttlMs` (settings and site URLs change rarely), unless `build`
 * says not to keep it yet.
 */
export function perTenant<T>(
  installations: InstallationRepository,
  standalone: T,
  ttlMs: number,
  build: (tenantId: string, site: TenantProfile & { cloudId: string }) => Promise<{ port: T; keep: boolean }>,
): (tenantId: string) => Promise<T> {
  const ports = new Map<string, { port: T; builtAt: number }>();
  return async (tenantId) => {
    const cached = ports.get(tenantId);
    if (cached && Date.now() - cached.builtAt < ttlMs) return cached.port;
    const profile = await installations.profile(tenantId);
    if (!profile?.cloudId) {
      // A tenant without a cloud id is the standalone one, for good: never look it up again.
      if (profile) ports.set(tenantId, { port: standalone, builtAt: Number.POSITIVE_INFINITY });
      return standalone;
    }
    const { port, keep } = await build(tenantId, { ...profile, cloudId: profile.cloudId });
    if (keep) ports.set(tenantId, { port, builtAt: Date.now() });
    return port;
  };
}
