import { RetryLaterJobError } from "../../ports/jobs.ts";
import type { LifecycleDeps } from "./access-deps.ts";

/**
 * The purge job: deletes the site's data if it is still uninstalled and the retention period is over;
 * a re-installed site is left alone; a job that runs early (an uninstall, re-install and uninstall
 * again keeps the earlier run time) waits for the rest of the period.
 */
export async function purgeSite(deps: LifecycleDeps, tenantId: string): Promise<void> {
  const profile = await deps.installations.profile(tenantId);
  if (!profile?.uninstalledAt) return;
  const now = deps.clock.now();
  const due = profile.uninstalledAt.getTime() + deps.uninstalledRetentionMs;
  if (due > now.getTime())
    throw new RetryLaterJobError("the retention period of the uninstalled site is not over", due - now.getTime(), {
      countsAsAttempt: false,
    });
  await deps.installations.purge(tenantId, new Date(now.getTime() - deps.uninstalledRetentionMs));
}
