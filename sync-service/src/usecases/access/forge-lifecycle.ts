// A Forge site's life cycle beyond install: uninstall (https://developer.atlassian.com/platform/forge/events-reference/life-cycle/)
// cuts the site off at once and keeps its data for a retention period, so an admin who uninstalled by
// mistake gets everything back by installing again; after the period a durable job deletes it all.
import type { Clock } from "../../domain/clock.ts";
import { TENANT_PURGE_TASK, type InstallationRepository } from "../../ports/installation-repository.ts";
import { RetryLaterJobError } from "../../ports/jobs.ts";

export interface LifecycleDeps {
  readonly installations: InstallationRepository;
  readonly clock: Clock;
  /** FIREWATCH_UNINSTALLED_RETENTION_DAYS in ms. */
  readonly uninstalledRetentionMs: number;
}

/** Revokes the site's app and API tokens, parks its jobs and schedules the deletion of its data. */
export async function uninstallSite(deps: LifecycleDeps, tenantId: string): Promise<void> {
  const now = deps.clock.now();
  const runAt = new Date(now.getTime() + deps.uninstalledRetentionMs);
  await deps.installations.uninstall(tenantId, now, {
    task: TENANT_PURGE_TASK,
    key: `${TENANT_PURGE_TASK}:${tenantId}`,
    payload: { tenantId },
    runAt,
  });
}

/** An install event for a site uninstalled within the retention period: the site is back, with its data. @returns whether it was uninstalled */
export function restoreSite(deps: LifecycleDeps, tenantId: string): Promise<boolean> {
  return deps.installations.restore(tenantId);
}

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
