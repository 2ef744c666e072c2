import { RetryLaterJobError } from "../ports/jobs.ts";
import { TicketAccessError, TicketsNotConfiguredError, type TicketPort } from "../ports/ticket-port.ts";
import type { UseCaseDeps } from "./deps.ts";

export interface TicketDeps extends UseCaseDeps {
  readonly tickets: TicketPort;
  /** Base of links back to incidents. */
  readonly publicUrl: string;
}

export const TICKET_INTEGRATION = "jira";
/** While credentials are rejected or missing, jobs wait this long between tries, without wearing down. */
export const UNHEALTHY_RETRY_MS = 5 * 60_000;

let healthyRecordedAt = 0;

/**
 * Runs a tracker call and keeps the integration's health current: rejected credentials or missing
 * permissions mark it unhealthy and keep the job for later; success marks it healthy again.
 */
export async function callTracker<T>(deps: TicketDeps, call: () => Promise<T>): Promise<T> {
  try {
    const result = await call();
    const now = deps.clock.now();
    if (now.getTime() - healthyRecordedAt > 60_000) {
      healthyRecordedAt = now.getTime();
      await deps.uow.run((tx) => tx.integrations.record({ name: TICKET_INTEGRATION, healthy: true, lastError: null, checkedAt: now }));
    }
    return result;
  } catch (error) {
    if (error instanceof TicketAccessError || error instanceof TicketsNotConfiguredError) {
      healthyRecordedAt = 0;
      await deps.uow.run((tx) =>
        tx.integrations.record({ name: TICKET_INTEGRATION, healthy: false, lastError: error.message, checkedAt: deps.clock.now() }),
      );
      throw new RetryLaterJobError(`Jira: ${error.message}`, UNHEALTHY_RETRY_MS, { cause: error, countsAsAttempt: false });
    }
    throw error;
  }
}
