import { ACTION_ITEM_SWEEP_TASK, SWEEP_KEY } from "./postmortem-deps.ts";
import type { UseCaseDeps } from "../shared/deps.ts";

/**
 * The Forge site's scheduled trigger (hourly): the safety net under product events. It brought a fresh
 * app token with it; this queues a read-back of the site's open action items. Keyed per tenant, so
 * triggers that come faster than the sweep runs never pile up.
 */
export async function reconcileInstallation(deps: UseCaseDeps, tenantId: string): Promise<void> {
  await deps.uow.run((tx) =>
    tx.jobs.enqueue({ task: ACTION_ITEM_SWEEP_TASK, key: `${SWEEP_KEY}:${tenantId}`, payload: { tenantId } }),
  );
}
