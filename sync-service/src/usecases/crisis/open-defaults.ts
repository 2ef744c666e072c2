// What a service gives each incident that opens on it: its subscribers, its bridge, and its play, run as Firewatch.
// One job per incident; a rerun after a crash finds the subscribers, bridge and play steps already there.
import { randomUUID } from "node:crypto";
import { crisisEntries } from "../../domain/crisis-entries.ts";
import { AppError } from "../../domain/errors.ts";
import { recordIncidentChange } from "../incidents/fan-out.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { runPlayInTx } from "./run-play.ts";
import { subscribeInTx } from "./subscribers.ts";

const FIREWATCH = { name: "Firewatch", userId: null };

export async function applyServiceDefaults(deps: UseCaseDeps, incidentId: string): Promise<void> {
  await deps.uow.run(async (tx) => {
    const found = await tx.incidents.get(incidentId);
    const incident = found && (await tx.incidents.lockById(found.tenantId, found.id));
    const service = incident?.serviceId ? await tx.services.get(incident.serviceId) : null;
    if (!incident || !service) return;
    const at = deps.clock.now();
    const by = `Firewatch (service ${service.name})`;
    for (const ref of service.crisis.subscribers) {
      // A person or team deleted since the service named them is skipped, not a reason to stop.
      await subscribeInTx(tx, incident, ref, "service", by, at).catch((error: unknown) => {
        if (!(error instanceof AppError) || error.kind !== "invalid") throw error;
      });
    }
    const bridge = service.crisis.conferenceBridge;
    if (bridge && !(await tx.crisis.bridgeOf(incident.id))) {
      await tx.crisis.setBridge(incident.id, bridge);
      await tx.timeline.append({ id: randomUUID(), ...crisisEntries.bridgeSet(incident.id, bridge, by, at) });
    }
    const play = service.crisis.responsePlayId
      ? await tx.crisis.findPlay(incident.tenantId, service.crisis.responsePlayId)
      : null;
    if (play) await runPlayInTx(tx, incident, play, FIREWATCH, at);
    else await recordIncidentChange(tx, { kind: "crisis", incidentId: incident.id, at });
  });
}
