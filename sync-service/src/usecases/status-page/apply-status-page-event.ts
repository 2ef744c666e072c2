import { randomUUID } from "node:crypto";
import { RetryLaterJobError } from "../../ports/jobs.ts";
import type { StatusPageEvent } from "../../ports/status-page-port.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { recordIncidentChange } from "../incidents/fan-out.ts";
import { statusLabel } from "./status-page-deps.ts";

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
    await mirrorStatusPageEvent(tx, event);
    const link =
      event.kind === "incident"
        ? await tx.statusPosts.linkByRemoteId(event.remoteId)
        : (await tx.statusPosts.linksWithComponent(event.componentId))[0];
    if (link) await recordIncidentChange(tx, { kind: "recorded", incidentId: link.incidentId, at: deps.clock.now() });
  });
}

async function mirrorStatusPageEvent(tx: Transaction, event: StatusPageEvent): Promise<void> {
  if (event.kind === "incident") {
    const link = await tx.statusPosts.linkByRemoteId(event.remoteId);
    if (!link) return;
    await waitForInFlight(tx, link.incidentId);
    for (const update of event.updates) {
      if (await tx.statusPosts.findByRemoteUpdateId(update.id)) continue;
      await tx.timeline.append({
        id: randomUUID(),
        incidentId: link.incidentId,
        type: "status.update",
        source: "statuspage",
        sourceId: `update:${update.id}`,
        occurredAt: update.createdAt,
        author: "Statuspage",
        body: `Status page — ${statusLabel(update.status)}: ${update.body}`,
        data: {
          remoteIncidentId: event.remoteId,
          updateId: update.id,
          status: update.status,
          components: update.components,
        },
      });
    }
    return;
  }
  const [link] = await tx.statusPosts.linksWithComponent(event.componentId);
  if (!link) return;
  await waitForInFlight(tx, link.incidentId);
  if (link.componentStates[event.componentId] === event.newStatus) return;
  await tx.timeline.append({
    id: randomUUID(),
    incidentId: link.incidentId,
    type: "status.component_changed",
    source: "statuspage",
    sourceId: `component_update:${event.updateId}`,
    occurredAt: event.at,
    author: "Statuspage",
    body: `${event.componentName}: ${event.oldStatus.replace(/_/g, " ")} → ${event.newStatus.replace(/_/g, " ")}`,
    data: {
      componentId: event.componentId,
      oldStatus: event.oldStatus,
      newStatus: event.newStatus,
      updateId: event.updateId,
    },
  });
}
