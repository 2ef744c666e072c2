import type { RemoteIssue } from "../../ports/ticket-port.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { recordActionItemIssue } from "./postmortem-deps.ts";

/** A change in the tenant's tracker to an issue that is an action item (from its webhook or a Forge event). */
export async function applyActionItemIssue(deps: UseCaseDeps, tenantId: string, issue: RemoteIssue): Promise<void> {
  await deps.uow.run(async (tx) => {
    for (const item of await tx.postmortems.itemsByIssueId(tenantId, issue.id))
      await recordActionItemIssue(deps, tx, item, issue);
  });
}
