import type { UseCaseDeps } from "../shared/deps.ts";

export const TICKET_INBOUND_TASK = "ticket.inbound";

/** Where a tracker delivery came from: a Jira admin webhook (the standalone site) or a Forge product event. */
export type TicketDeliverySource = "jira" | "forge";

/**
 * Records a tracker delivery for the tenant whose site sent it and queues its processing in one
 * transaction, before the 2xx. `eventKey` is the event's identity in the signed body, for deliveries
 * whose id is not signed. @returns false for a delivery (or event) recorded before: a redelivery or replay is a no-op
 */
export async function recordTicketDelivery(
  deps: UseCaseDeps,
  source: TicketDeliverySource,
  deliveryId: string,
  payload: unknown,
  tenantId: string,
  eventKey?: string,
): Promise<boolean> {
  return deps.uow.run(async (tx) => {
    if (!(await tx.inbox.record(source, deliveryId, payload, eventKey))) return false;
    await tx.jobs.enqueue({
      task: TICKET_INBOUND_TASK,
      key: `${source}_delivery:${deliveryId}`,
      payload: { deliveryId, source, tenantId },
    });
    return true;
  });
}
