import { retryAfterMsOf } from "../../ports/jobs.ts";
import type { RemoteIssue } from "../../ports/ticket-port.ts";
import { callTracker } from "../tickets/ticket-deps.ts";
import { queueReminder } from "./action-item-reminder.ts";
import { recordActionItemIssue, type ActionItemDeps } from "./postmortem-deps.ts";
import { scheduleSweep } from "./schedule-sweep.ts";

/**
 * The safety net under the webhooks: reads every open action item's issue back, queues a reminder for each
 * that is still open and overdue (once a day). The periodic sweep covers every tenant and schedules the
 * next one (one keyed job, so there is never more than one waiting); a Forge site's hourly trigger sweeps
 * just that tenant. A tenant whose tracker cannot be reached now is left for the next sweep, not the others.
 */
export async function sweepActionItems(deps: ActionItemDeps, tenantId?: string): Promise<number> {
  const items = await deps.uow.run((tx) => tx.postmortems.openLinkedItems(500, tenantId));
  const unreachable = new Set<string>();
  let swept = 0;
  for (const { tenantId: owner, item } of items) {
    if (unreachable.has(owner)) continue;
    let issue: RemoteIssue;
    try {
      issue = await callTracker(deps, owner, (t) => t.get(item.issueId!));
    } catch (error) {
      if (retryAfterMsOf(error) === null || tenantId) throw error;
      unreachable.add(owner);
      continue;
    }
    await deps.uow.run(async (tx) => {
      await recordActionItemIssue(deps, tx, item, issue);
      const current = await tx.postmortems.getItem(item.id);
      if (current) await queueReminder(tx, current, deps.clock.now());
    });
    swept++;
  }
  if (!tenantId) await scheduleSweep(deps);
  return swept;
}
