import type { ActionItem } from "../domain/postmortem/action-item.ts";
import type { Postmortem } from "../domain/postmortem/postmortem.ts";

export interface PostmortemRepository {
  get(incidentId: string): Promise<Postmortem | null>;
  /** Whether the incident is resolved and its page exists: what it shows changing then refreshes the page. */
  refreshable(incidentId: string): Promise<boolean>;
  /** The postmortem written to this Confluence page (page ids are per site: check the incident's tenant). */
  findByPageId(pageId: string): Promise<Postmortem | null>;
  save(postmortem: Postmortem): Promise<void>;
  insertItem(item: ActionItem): Promise<void>;
  updateItem(item: ActionItem): Promise<void>;
  getItem(id: string): Promise<ActionItem | null>;
  /** Sets only `remindedOn`, so it never overwrites a concurrent update of the item's issue. */
  markItemReminded(id: string, date: string): Promise<void>;
  /** Sets only `createSentAt`: a create request for the item's issue is about to go to the tracker. */
  markItemCreateSent(id: string, at: Date): Promise<void>;
  itemsOf(incidentId: string): Promise<ActionItem[]>;
  /** The tenant's action items whose tracker issue has this id (issue ids are per site). */
  itemsByIssueId(tenantId: string, issueId: string): Promise<ActionItem[]>;
  /** Linked items whose issue is not done, for the reconciliation sweep. */
  openLinkedItems(
    limit: number,
    tenantId?: string,
  ): Promise<{ readonly tenantId: string; readonly item: ActionItem }[]>;
}
