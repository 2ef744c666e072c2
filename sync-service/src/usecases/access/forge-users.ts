// People who come through the Forge app are known by their Atlassian account id only: Forge passes no
// name or e-mail. Their name is read from the site's Jira, as the app, by a job
// (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-users/#api-rest-api-3-user-get).
import { TicketNotFoundError } from "../../ports/integration-errors.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { callTracker, type TicketDeps } from "../tickets/ticket-deps.ts";

export const USER_NAME_TASK = "user.name_from_tracker";

/** Queues reading the person's name from the tenant's Jira (one waiting job per person). */
export async function queueUserName(
  deps: UseCaseDeps,
  tenantId: string,
  userId: string,
  accountId: string,
): Promise<void> {
  await deps.uow.run((tx) =>
    tx.jobs.enqueue({ task: USER_NAME_TASK, key: `user_name:${userId}`, payload: { tenantId, userId, accountId } }),
  );
}

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
