import { isOwnComponentChange } from "../../domain/status-post.ts";
import { statusPageEntries } from "../../domain/status-post-entries.ts";
import type { NewTimelineEntry } from "../../domain/timeline-entries.ts";
import { RetryLaterJobError } from "../../ports/jobs.ts";
import type { StatusPageEvent } from "../../ports/status-page-port.ts";
import type { StatusPageLink } from "../../ports/status-post-repository.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { recordIncidentChange } from "../incidents/fan-out.ts";

/** While one of our posts is in flight its update id is unknown, so a webhook waits this long to tell echo from news. */
const IN_FLIGHT_WAIT_MS = 3_000;

async function waitForInFlight(tx: Transaction, incidentId: string): Promise<void> {
  const unsettled = await tx.statusPosts.nextUnsettled(incidentId);
  if (unsettled?.state === "sending") {
    throw new RetryLaterJobError(
      `Status post ${unsettled.id} is being published; its update id decides whether this notification is our echo`,
      IN_FLIGHT_WAIT_MS,
      { countsAsAttempt: false },
    );
  }
}

/**
 * Mirrors what changed on the status page into the incident timeline: incident updates written there
 * (not the ones Firewatch posted) and component changes Firewatch did not make. Notifications about
 * status-page incidents that no Firewatch incident owns are ignored.
 */
export async function applyStatusPageEvent(deps: UseCaseDeps, event: StatusPageEvent): Promise<void> {
  await deps.uow.run(async (tx) => {
    const link =
      event.kind === "incident"
        ? await tx.statusPosts.linkByRemoteId(event.remoteId)
        : (await tx.statusPosts.linksWithComponent(event.componentId))[0];
    if (!link) return;
    await waitForInFlight(tx, link.incidentId);
    const entries = await newEntries(tx, link, event);
    await recordIncidentChange(tx, { kind: "recorded", incidentId: link.incidentId, at: deps.clock.now() }, ...entries);
  });
}

async function newEntries(tx: Transaction, link: StatusPageLink, event: StatusPageEvent): Promise<NewTimelineEntry[]> {
  if (event.kind === "component") {
    const ours =
      link.componentStates[event.componentId] === event.newStatus ||
      isOwnComponentChange(await tx.statusPosts.listOf(link.incidentId), event);
    return ours ? [] : [statusPageEntries.componentChanged(link.incidentId, event)];
  }
  const entries: NewTimelineEntry[] = [];
  for (const update of event.updates)
    if (!(await tx.statusPosts.findByRemoteUpdateId(update.id)))
      entries.push(statusPageEntries.update(link.incidentId, event.remoteId, update));
  return entries;
}
