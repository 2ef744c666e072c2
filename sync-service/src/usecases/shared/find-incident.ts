import { parseIncidentKey, type Incident } from "../../domain/incident.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";
import { NotFoundUseCaseError } from "./errors.ts";
import { isUuid } from "../../domain/ids.ts";

/** Finds an incident by id or by key (`INC-42`). @throws NotFoundUseCaseError */
export async function findIncident(
  tx: Pick<Transaction, "incidents">,
  tenantId: string,
  ref: string,
): Promise<Incident> {
  const number = parseIncidentKey(ref);
  const incident =
    number !== null
      ? await tx.incidents.findByNumber(tenantId, number)
      : isUuid(ref)
        ? await tx.incidents.findById(tenantId, ref.toLowerCase())
        : null;
  if (!incident) throw new NotFoundUseCaseError("incident", ref);
  return incident;
}

/** Like findIncident, but holds the incident's row lock for the rest of the transaction. */
export async function lockIncident(
  tx: Pick<Transaction, "incidents">,
  tenantId: string,
  ref: string,
): Promise<Incident> {
  const found = await findIncident(tx, tenantId, ref);
  const locked = await tx.incidents.lockById(tenantId, found.id);
  if (!locked) throw new NotFoundUseCaseError("incident", ref);
  return locked;
}
