// Stakeholders of an incident: told of every status update, never paged. A responder subscribes anyone; a viewer
// may subscribe (and unsubscribe) only themselves, as a stakeholder following an incident would.
import { randomUUID } from "node:crypto";
import { crisisEntries } from "../../domain/crisis-entries.ts";
import { subscriberKey, subscriberRef, type SubscriberOrigin, type SubscriberRef } from "../../domain/crisis.ts";
import type { Incident } from "../../domain/incident.ts";
import { hasRole, type Principal } from "../../domain/principal.ts";
import type { StoredSubscriber } from "../../ports/crisis-repository.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { ForbiddenUseCaseError, NotFoundUseCaseError } from "../shared/errors.ts";
import { findIncident } from "../shared/find-incident.ts";
import { subscriberName, validSubscriber } from "./subscriber-refs.ts";

export type SubscriberView = StoredSubscriber & { readonly name: string };

function mayChange(by: Principal, ref: SubscriberRef): void {
  if (hasRole(by, "responder") || ("userId" in ref && ref.userId === by.userId)) return;
  throw new ForbiddenUseCaseError(
    "AUTH.RESPONDER_REQUIRED",
    "A viewer can subscribe or unsubscribe only themselves; ask a responder to add others.",
  );
}

/** Subscribes in the caller's transaction; an entry on the timeline when it is new. @throws InvalidInputDomainError */
export async function subscribeInTx(
  tx: Transaction,
  incident: Incident,
  ref: SubscriberRef,
  origin: SubscriberOrigin,
  addedBy: string,
  at: Date,
): Promise<{ subscriber: SubscriberView; added: boolean }> {
  const valid = await validSubscriber(tx, incident.tenantId, ref, "subscriber");
  const { kind, ref: key } = subscriberKey(valid);
  const stored = await tx.crisis.addSubscriber({
    id: randomUUID(),
    incidentId: incident.id,
    kind,
    ref: key,
    origin,
    addedBy,
    createdAt: at,
  });
  const name = await subscriberName(tx, incident.tenantId, valid);
  if (stored.added)
    await tx.timeline.append({
      id: randomUUID(),
      ...crisisEntries.subscriberAdded(incident.id, stored.subscriber.id, name, addedBy, at),
    });
  return { subscriber: { ...stored.subscriber, name }, added: stored.added };
}

/** @throws NotFoundUseCaseError, ForbiddenUseCaseError, InvalidInputDomainError */
export async function addSubscriber(
  deps: UseCaseDeps,
  by: Principal,
  incidentRef: string,
  ref: SubscriberRef,
): Promise<{ subscriber: SubscriberView; added: boolean }> {
  mayChange(by, ref);
  return deps.uow.run(async (tx) => {
    const incident = await findIncident(tx, by.tenantId, incidentRef);
    return subscribeInTx(tx, incident, ref, "manual", by.name, deps.clock.now());
  });
}

export async function listSubscribers(
  deps: UseCaseDeps,
  by: Principal,
  incidentRef: string,
): Promise<SubscriberView[]> {
  return deps.uow.run(async (tx) => {
    const incident = await findIncident(tx, by.tenantId, incidentRef);
    const stored = await tx.crisis.listSubscribers(incident.id);
    return Promise.all(
      stored.map(async (s) => ({ ...s, name: await subscriberName(tx, by.tenantId, subscriberRef(s.kind, s.ref)) })),
    );
  });
}

/** @throws NotFoundUseCaseError (incident or subscriber), ForbiddenUseCaseError */
export async function removeSubscriber(
  deps: UseCaseDeps,
  by: Principal,
  incidentRef: string,
  subscriberId: string,
): Promise<void> {
  await deps.uow.run(async (tx) => {
    const incident = await findIncident(tx, by.tenantId, incidentRef);
    const existing = (await tx.crisis.listSubscribers(incident.id)).find((s) => s.id === subscriberId);
    if (!existing) throw new NotFoundUseCaseError("subscriber", subscriberId);
    const ref = subscriberRef(existing.kind, existing.ref);
    mayChange(by, ref);
    await tx.crisis.removeSubscriber(incident.id, subscriberId);
    const name = await subscriberName(tx, by.tenantId, ref);
    const at = deps.clock.now();
    await tx.timeline.append({
      id: randomUUID(),
      ...crisisEntries.subscriberRemoved(incident.id, subscriberId, name, by.name, at),
    });
  });
}
