import { queueLevel, stillTriggered, type EscalationDeps } from "./paging-deps.ts";

/** Snapshots the service's policy (later edits do not change a running escalation) and pages level 1. */
export async function startEscalation(deps: EscalationDeps, incidentId: string): Promise<void> {
  await deps.uow.run(async (tx) => {
    const incident = await tx.incidents.get(incidentId);
    // Once started, an escalation keeps its policy: a later service change does not page level 1 again.
    if (!stillTriggered(incident) || !incident.serviceId || (await tx.oncall.escalationOf(incidentId))) return;
    const service = await tx.services.get(incident.serviceId);
    const policy = service?.escalationPolicyId ? await tx.oncall.getPolicy(service.escalationPolicyId) : null;
    if (!policy) return;
    await tx.oncall.startEscalation(incidentId, policy, deps.clock.now());
    await queueLevel(tx, incidentId, 0, 0, deps.clock.now());
  });
}
