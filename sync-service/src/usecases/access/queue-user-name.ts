// People who come through the Forge app are known by their Atlassian account id only: Forge passes no
// name or e-mail. Their name is read from the site's Jira, as the app, by a job (learn-user-name.ts).
import type { UseCaseDeps } from "../shared/deps.ts";
import { userNameJob } from "./access-deps.ts";

/** Queues reading the person's name from the tenant's Jira (one waiting job per person). */
export async function queueUserName(
  deps: UseCaseDeps,
  tenantId: string,
  userId: string,
  accountId: string,
): Promise<void> {
  await deps.uow.run((tx) => tx.jobs.enqueue(userNameJob(tenantId, userId, accountId)));
}
