import { createHash } from "node:crypto";
import type { UseCaseDeps } from "../shared/deps.ts";
import { STATUS_INBOUND_TASK } from "./status-page-deps.ts";

/**
 * Records a status-page webhook and queues it, before the 2xx. Statuspage sends no delivery id, so the
 * body's hash is the key: a redelivery of the same notification is a no-op (entries are keyed by the
 * update ids inside anyway). @returns false for a body seen before
 */
export async function recordStatusPageDelivery(deps: UseCaseDeps, raw: Buffer, payload: unknown): Promise<boolean> {
  const key = createHash("sha256").update(raw).digest("hex");
  return deps.uow.run(async (tx) => {
    if (!(await tx.inbox.record("statuspage", key, payload))) return false;
    await tx.jobs.enqueue({
      task: STATUS_INBOUND_TASK,
      key: `statuspage_delivery:${key}`,
      payload: { deliveryKey: key },
    });
    return true;
  });
}
