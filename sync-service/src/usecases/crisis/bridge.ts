import type { ConferenceBridge } from "../../domain/crisis.ts";
import type { Incident } from "../../domain/incident.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";

/** The bridge an incident shows: its own (set by a play or a person), else its service's. */
export async function bridgeFor(
  tx: Pick<Transaction, "crisis" | "services">,
  incident: Pick<Incident, "id" | "serviceId">,
): Promise<ConferenceBridge | null> {
  const own = await tx.crisis.bridgeOf(incident.id);
  if (own) return own;
  const service = incident.serviceId ? await tx.services.get(incident.serviceId) : null;
  return service?.crisis.conferenceBridge ?? null;
}
