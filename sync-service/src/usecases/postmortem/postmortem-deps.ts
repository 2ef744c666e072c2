// What the postmortem actions share: their job names, dependencies, the calls to the tenant's documents and tracker
// links, and how an action item's issue is recorded.
import { isDone, type ActionItem, type ActionItemSla } from "../../domain/postmortem/action-item.ts";
import type { PostmortemTemplate } from "../../domain/postmortem/template.ts";
import { timelineRecords } from "../../domain/timeline-records.ts";
import type { DocumentPort, DocumentPorts } from "../../ports/document-port.ts";
import type { RemoteIssue, TicketPorts } from "../../ports/ticket-port.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";
import { recordIncidentChange } from "../incidents/fan-out.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { withIntegrationHealth } from "../shared/integration-health.ts";
import type { TicketDeps } from "../tickets/ticket-deps.ts";

export const ACTION_ITEM_TASK = "action_item.create";
export const ACTION_ITEM_SWEEP_TASK = "action_items.sweep";
export const SWEEP_KEY = "action_items_sweep";

export interface ActionItemDeps extends TicketDeps {
  readonly actionItemSla?: ActionItemSla;
  /** How often the reconciler reads open items back from the tracker. */
  readonly sweepIntervalMs?: number;
}

export interface PostmortemDeps extends UseCaseDeps {
  readonly templates: readonly PostmortemTemplate[];
  readonly publicUrl: string;
  /** For links to Jira issues: each tenant's site. */
  readonly tickets?: TicketPorts;
}

export const DOCUMENT_INTEGRATION = "confluence";
export interface PublishDeps extends PostmortemDeps {
  readonly documents: DocumentPorts;
}

/** Runs a call to the tenant's documents and keeps the integration's health current (see withIntegrationHealth). */
export function callDocuments<T>(
  deps: PublishDeps,
  tenantId: string,
  call: (documents: DocumentPort) => Promise<T>,
): Promise<T> {
  return withIntegrationHealth(deps, tenantId, DOCUMENT_INTEGRATION, async () =>
    call(await deps.documents.forTenant(tenantId)),
  );
}

/**
 * The tenant's Jira site for links to issues; null when unknown. Resolve it before a transaction: it may
 * read the database on its own connection.
 */
export async function ticketSiteUrl(tickets: TicketPorts | undefined, tenantId: string): Promise<string | null> {
  return tickets ? (await tickets.forTenant(tenantId)).siteUrl : null;
}

/** Writes what the tracker says of the item's issue; a change becomes a timeline entry and refreshes the page. */
export async function recordActionItemIssue(
  deps: UseCaseDeps,
  tx: Transaction,
  item: ActionItem,
  issue: RemoteIssue,
): Promise<void> {
  const current = (await tx.postmortems.getItem(item.id)) ?? item;
  const now = deps.clock.now();
  const next: ActionItem = {
    ...current,
    state: "linked",
    issueId: issue.id,
    issueKey: issue.key,
    statusName: issue.statusName,
    statusCategory: issue.statusCategory,
    assignee: issue.assignee ?? null,
    dueDate: issue.dueDate ?? current.dueDate,
    error: null,
    doneAt: issue.statusCategory === "done" ? (current.doneAt ?? now) : null,
  };
  const changed = (["state", "issueKey", "statusName", "statusCategory", "assignee", "dueDate"] as const).some(
    (k) => next[k] !== current[k],
  );
  if (!changed) return;
  await tx.postmortems.updateItem({ ...next, updatedAt: now });
  const what =
    current.state !== "linked"
      ? `created as ${issue.key}`
      : isDone(next) && !isDone(current)
        ? `done (${issue.statusName})`
        : `now ${issue.statusName}${next.assignee ? `, ${next.assignee}` : ""}, due ${next.dueDate}`;
  await recordIncidentChange(
    tx,
    { kind: "recorded", incidentId: item.incidentId, at: now },
    timelineRecords.actionItem(next, "action_item.updated", `Action item "${next.title}" ${what}`, now, null),
  );
}
