import { ACTION_ITEM_SWEEP_TASK, SWEEP_KEY, type ActionItemDeps } from "./postmortem-deps.ts";

/** Queues the next periodic sweep of open action items (one keyed job, so never more than one waits). */
export async function scheduleSweep(deps: ActionItemDeps, at?: Date): Promise<void> {
  const runAt = at ?? new Date(deps.clock.now().getTime() + (deps.sweepIntervalMs ?? 15 * 60_000));
  await deps.uow.run((tx) => tx.jobs.enqueue({ task: ACTION_ITEM_SWEEP_TASK, key: SWEEP_KEY, payload: {}, runAt }));
}
