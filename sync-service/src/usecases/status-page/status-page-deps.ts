// What the status-page actions share: their job names and dependencies.
import type { StatusPagePort } from "../../ports/status-page-port.ts";
import type { UseCaseDeps } from "../shared/deps.ts";

export const STATUS_PUBLISH_TASK = "status_page.publish";
export const STATUS_INBOUND_TASK = "status_page.inbound";
/** The integration name in GET /api/integrations. */
export const STATUS_PAGE_INTEGRATION = "statuspage";

export interface StatusPageDeps extends UseCaseDeps {
  readonly statusPage: StatusPagePort;
}
