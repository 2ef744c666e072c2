import type { UseCaseDeps } from "./deps.ts";

export const TICKET_INBOUND_TASK = "ticket.inbound";

/**
 * Records a tracker webhook delivery and queues its processing in one transaction, before the 2xx.
 * @returns false for a delivery recorded before (a redelivery is a no-op)
 */
export async function recordTicketDelivery(deps: UseCaseDeps, source: string, deliveryId: string, payload: unknown): Promise<boolean> {
  return deps.uow.run(async (tx) => {
    if (!(await tx.inbox.record(source, deliveryId, payload))) return false;
    await tx.jobs.enqueue({ task: TICKET_INBOUND_TASK, key: `${source}_delivery:${deliveryId}`, payload: { deliveryId } });
    return true;
  });
}
