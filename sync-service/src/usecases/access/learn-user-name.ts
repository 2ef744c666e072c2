// The job behind queueUserName: the person's name as the site's Jira shows it to the app
// (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-users/#api-rest-api-3-user-get).
import { TicketNotFoundError } from "../../ports/integration-errors.ts";
import { callTracker, type TicketDeps } from "../tickets/ticket-deps.ts";

/** Reads and stores the name; an account the site does not show keeps its placeholder. */
export async function learnUserName(
  deps: TicketDeps,
  tenantId: string,
  userId: string,
  accountId: string,
): Promise<void> {
  const name = await callTracker(deps, tenantId, (jira) => jira.displayName(accountId)).catch((error: unknown) => {
    if (error instanceof TicketNotFoundError) return null;
    throw error;
  });
  if (name?.trim()) await deps.uow.run((tx) => tx.oncall.renameUser(tenantId, userId, name.trim()));
}
