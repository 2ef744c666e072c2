import type { IncidentStatus } from "../domain/incident.ts";
import type { Acknowledgement, Notification } from "../domain/oncall-health/oncall-health.ts";
import type { ActionItem } from "../domain/postmortem/action-item.ts";
import type { Severity } from "../domain/severity.ts";

export interface IncidentFacts {
  readonly severity: Severity;
  readonly serviceId: string | null;
  readonly createdAt: Date;
  readonly acknowledgedAt: Date | null;
  readonly resolvedAt: Date | null;
  /** Who first acknowledged it (the `incident.acknowledged` timeline entry's person), when a person did. */
  readonly acknowledgedBy: string | null;
}

/** A drill with the people who took part: paged, acknowledged, added as responders, wrote notes. */
export interface DrillFacts extends IncidentFacts {
  readonly id: string;
  readonly number: number;
  readonly title: string;
  readonly paged: string[];
  readonly respondersAdded: string[];
  readonly noteWriters: string[];
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
  /** The tenant's incidents opened in [from, to), drills left out. */
  incidentsOpened(tenantId: string, from: Date, to: Date): Promise<IncidentFacts[]>;
  /** The tenant's drills opened in [from, to), oldest first. */
  drillsOpened(tenantId: string, from: Date, to: Date): Promise<DrillFacts[]>;
  /** Notifications (rows of `pages`) of the tenant's incidents, drills left out, sent from a day before `from` to `to`. */
  notificationsSent(tenantId: string, from: Date, to: Date): Promise<Notification[]>;
  /** The first acknowledgement by a person of each of the tenant's incidents (no drills) made in [from, to). */
  acknowledgements(tenantId: string, from: Date, to: Date): Promise<Acknowledgement[]>;
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
