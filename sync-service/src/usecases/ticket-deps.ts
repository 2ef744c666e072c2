import { TicketAccessError, TicketsNotConfiguredError, type TicketPort } from "../ports/ticket-port.ts";
import type { UseCaseDeps } from "./deps.ts";
import { withIntegrationHealth } from "./integration-health.ts";

export interface TicketDeps extends UseCaseDeps {
  readonly tickets: TicketPort;
  /** Base of links back to incidents. */
  readonly publicUrl: string;
}

export const TICKET_INTEGRATION = "jira";
export { UNHEALTHY_RETRY_MS } from "./integration-health.ts";

/**
 * Runs a tracker call and keeps the integration's health current: rejected credentials or missing
 * permissions mark it unhealthy and keep the job for later; success marks it healthy again.
 */
export async function callTracker<T>(deps: TicketDeps, call: () => Promise<T>): Promise<T> {
  return withIntegrationHealth(deps, TICKET_INTEGRATION, (e) => e instanceof TicketAccessError || e instanceof TicketsNotConfiguredError, call);
}
