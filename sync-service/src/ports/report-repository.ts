import type { IncidentStatus } from "../domain/incident.ts";
import type { ActionItem } from "../domain/postmortem/action-item.ts";
import type { Severity } from "../domain/severity.ts";

export interface IncidentFacts {
  readonly severity: Severity;
  readonly serviceId: string | null;
  readonly createdAt: Date;
  readonly acknowledgedAt: Date | null;
  readonly resolvedAt: Date | null;
}

/** What the action-item tracker filters by; `overdueOn` (a `YYYY-MM-DD`) keeps open items due before it. */
export interface TrackedItemFilter {
  readonly tenantId: string;
  readonly status?: "open" | "done";
  readonly overdueOn?: string;
  readonly serviceId?: string;
  readonly severity?: Severity;
  readonly assignee?: string;
}

/** An action item with the facts of its incident that the tracker shows. */
export interface TrackedActionItem {
  readonly item: ActionItem;
  readonly incident: {
    readonly id: string;
    readonly number: number;
    readonly title: string;
    readonly severity: Severity;
    readonly status: IncidentStatus;
    readonly serviceId: string | null;
  };
}

/** Action items that are open, open past their due date (also counted as open), and done. */
export interface ActionItemCounts {
  readonly open: number;
  readonly overdue: number;
  readonly done: number;
}

export interface ReportRepository {
  /** The tenant's incidents opened in [from, to). */
  incidentsOpened(tenantId: string, from: Date, to: Date): Promise<IncidentFacts[]>;
  /** Action items of incidents opened in [from, to): done, open, and open past their due date. */
  actionItemCounts(tenantId: string, from: Date, to: Date, today: string): Promise<ActionItemCounts>;
  /** Action items by due date (earliest first) or by creation (newest first). */
  trackedItems(
    filter: TrackedItemFilter & { readonly sort: "due" | "created"; readonly limit: number },
  ): Promise<TrackedActionItem[]>;
  /** Open, overdue (open and due before `today`) and done items under the filter, ignoring its status. */
  trackedCounts(filter: Omit<TrackedItemFilter, "status" | "overdueOn">, today: string): Promise<ActionItemCounts>;
  /** The distinct assignees of the tenant's action items, by name. */
  itemOwners(tenantId: string): Promise<string[]>;
}
