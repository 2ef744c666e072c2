import type { Principal } from "../../domain/principal.ts";
import type { Severity } from "../../domain/severity.ts";
import type { ActionItemCounts, TrackedActionItem } from "../../ports/report-repository.ts";
import type { UseCaseDeps } from "../shared/deps.ts";

export interface ActionItemQuery {
  readonly status?: "open" | "overdue" | "done";
  /** The older form of `status=overdue`. */
  readonly overdue?: boolean;
  readonly serviceId?: string;
  readonly severity?: Severity;
  readonly owner?: string;
  readonly sort: "due" | "created";
  readonly limit: number;
}

export interface ActionItemTracker {
  readonly items: (TrackedActionItem & { readonly serviceName: string | null })[];
  /** Open / overdue / done under the query's service, severity and owner, whatever its status. */
  readonly counts: ActionItemCounts;
  /** Everyone who owns an action item, for the owner filter. */
  readonly owners: string[];
}

/** The managers' tracker: action items with their incident and service, and the counts beside them. */
export async function trackActionItems(
  deps: UseCaseDeps,
  by: Principal,
  q: ActionItemQuery,
): Promise<ActionItemTracker> {
  const today = deps.clock.now().toISOString().slice(0, 10);
  const filter = { tenantId: by.tenantId, serviceId: q.serviceId, severity: q.severity, assignee: q.owner };
  return deps.uow.run(async (tx) => {
    const items = await tx.reports.trackedItems({
      ...filter,
      status: q.status === "overdue" ? undefined : q.status,
      overdueOn: q.status === "overdue" || q.overdue ? today : undefined,
      sort: q.sort,
      limit: q.limit,
    });
    const services = new Map((await tx.services.list(by.tenantId)).map((s) => [s.id, s.name]));
    return {
      items: items.map((t) => ({
        ...t,
        serviceName: t.incident.serviceId ? (services.get(t.incident.serviceId) ?? "deleted") : null,
      })),
      counts: await tx.reports.trackedCounts(filter, today),
      owners: await tx.reports.itemOwners(by.tenantId),
    };
  });
}
