// A Forge site's life cycle beyond install: uninstall (https://developer.atlassian.com/platform/forge/events-reference/life-cycle/)
// cuts the site off at once and keeps its data for a retention period, so an admin who uninstalled by
// mistake gets everything back by installing again (restore-site.ts); after the period a durable job deletes
// it all (purge-site.ts).
import { TENANT_PURGE_TASK } from "../../ports/installation-repository.ts";
import type { LifecycleDeps } from "./access-deps.ts";

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
