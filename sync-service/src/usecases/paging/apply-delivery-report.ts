import { randomUUID } from "node:crypto";
import { timelineRecords } from "../../domain/timeline-records.ts";
import type { DeliveryReport } from "../../ports/notifier-port.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { pageNextRule, stillTriggered } from "./paging-deps.ts";

/** The notification rule index a page key names (its last part). */
function pageIndexOf(key: string): number | null {
  const index = Number(key.split(":").at(-1));
  return Number.isInteger(index) && index >= 0 ? index : null;
}

/**
 * What the provider reported later about a page it accepted: delivered, or failed (a text undelivered to a
 * switched-off phone, a call nobody answered). A failure goes on the timeline and, while the incident is still
 * unacknowledged, moves the page to the person's next notification rule, as a refusal at send does. Reports
 * repeat and arrive out of order: only the first final one for a sent page counts.
 * @returns false when no page sent under this id has that provider id (nothing changed)
 */
export async function applyDeliveryReport(deps: UseCaseDeps, pageId: string, report: DeliveryReport): Promise<boolean> {
  return deps.uow.run(async (tx) => {
    const page = await tx.oncall.lockPage(pageId);
    if (!page || page.providerId !== report.providerId) return false;
    if (report.outcome === "pending" || page.state !== "sent") return true;
    if (report.outcome === "delivered") {
      await tx.oncall.updatePage({ ...page, state: "delivered" });
      return true;
    }
    await tx.oncall.updatePage({ ...page, state: "failed", error: report.detail });
    const incident = await tx.incidents.get(page.incidentId);
    const user = await tx.oncall.getUser(page.userId);
    const contact = (await tx.oncall.listContacts(page.userId)).find((c) => c.id === page.contactMethodId);
    if (!incident || !user) return true;
    const kind = contact?.kind ?? "its contact method";
    const now = deps.clock.now();
    const record = { pageId: page.id, userId: user.id, userName: user.name, kind };
    await tx.timeline.append({
      id: randomUUID(),
      ...timelineRecords.pageFailed(incident.id, now, record, report.detail, true),
    });
    const index = pageIndexOf(page.key);
    if (stillTriggered(incident) && index !== null) {
      await pageNextRule(
        tx,
        {
          incidentId: page.incidentId,
          round: page.round,
          level: page.level,
          userId: page.userId,
          index,
          contactMethodId: page.contactMethodId,
        },
        now,
      );
    }
    return true;
  });
}
