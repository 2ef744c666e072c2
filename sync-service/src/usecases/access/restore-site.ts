import type { LifecycleDeps } from "./access-deps.ts";

/** An install event for a site uninstalled within the retention period: the site is back, with its data. @returns whether it was uninstalled */
export function restoreSite(deps: LifecycleDeps, tenantId: string): Promise<boolean> {
  return deps.installations.restore(tenantId);
}
