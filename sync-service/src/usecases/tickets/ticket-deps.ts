import type { TicketPort, TicketPorts } from "../../ports/ticket-port.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { withIntegrationHealth } from "../shared/integration-health.ts";

export interface TicketDeps extends UseCaseDeps {
  /** Each tenant's tracker; reach it through callTracker so its health is kept. */
  readonly tickets: TicketPorts;
  /** Base of links back to incidents. */
  readonly publicUrl: string;
}

export const TICKET_INTEGRATION = "jira";
export { UNHEALTHY_RETRY_MS } from "../shared/integration-health.ts";

/**
 * Runs a call to the tenant's tracker and keeps the integration's health current: rejected credentials
 * or missing permissions mark it unhealthy and keep the job for later; success marks it healthy again.
 */
export async function callTracker<T>(
  deps: TicketDeps,
  tenantId: string,
  call: (tickets: TicketPort) => Promise<T>,
): Promise<T> {
  return withIntegrationHealth(deps, tenantId, TICKET_INTEGRATION, async () =>
    call(await deps.tickets.forTenant(tenantId)),
  );
}
