import { randomUUID } from "node:crypto";
import { emailAlertEvent, emailNoteEntry, type InboundEmail } from "../../domain/inbound-email.ts";
import type { Incident } from "../../domain/incident.ts";
import type { Service } from "../../domain/service.ts";
import type { AlertIntakeTransaction as Transaction } from "../../ports/unit-of-work.ts";
import type { IntakeDeps } from "../shared/deps.ts";
import { NotFoundUseCaseError } from "../shared/errors.ts";
import { recordIncidentChange } from "../incidents/fan-out.ts";
import { serviceDeliveryKey } from "./ingest-alert-batch.ts";
import { applyAlertEvent } from "./ingest-alert-event.ts";

/** The inbox source of e-mail: one delivery per message and service. */
export const EMAIL_SOURCE = "email";

export interface EmailOutcome {
  /** `duplicate`: the message was taken before (an SMTP retry), nothing changed. */
  readonly effect: "opened" | "deduplicated" | "noted" | "duplicate";
  readonly incidentId: string | null;
}

/** What the inbox keeps of a message: enough to find its incident from a reply, and no body. */
interface StoredEmail {
  readonly messageId: string | null;
  readonly incidentId: string | null;
  readonly effect: EmailOutcome["effect"];
}

/** @throws NotFoundUseCaseError when no service has `integrationKey` */
export async function serviceOfIntegrationKey(deps: IntakeDeps, integrationKey: string): Promise<Service> {
  const service = await deps.intake.run((tx) => tx.intake.serviceByIntegrationKey(integrationKey));
  if (!service) throw new NotFoundUseCaseError("service", integrationKey);
  return service;
}

/**
 * Takes one e-mail to the service with `integrationKey`, in one transaction with its inbox record: a reply to
 * an incident of the service's tenant (its key in the subject, or an earlier message of it in In-Reply-To or
 * References) becomes a note on it; any other message is a trigger, as an Events v2 one, opening an incident.
 * The same message again (by Message-ID) changes nothing. @throws NotFoundUseCaseError for an unknown key
 */
export async function ingestEmail(
  deps: IntakeDeps,
  integrationKey: string,
  email: InboundEmail,
): Promise<EmailOutcome> {
  return deps.intake.run(async (tx) => {
    const service = await tx.intake.serviceByIntegrationKey(integrationKey);
    if (!service) throw new NotFoundUseCaseError("service", integrationKey);
    const key = serviceDeliveryKey(service, email.messageKey);
    // Held to the commit, so a second copy arriving meanwhile waits and then finds this one in the inbox.
    await tx.locks.lock(`email:${key}`);
    if ((await tx.inbox.find(EMAIL_SOURCE, key)) !== null) return { effect: "duplicate", incidentId: null };
    const answered = email.isReply ? await answeredIncident(tx, service, email) : null;
    const outcome: EmailOutcome = answered
      ? await addNote(tx, answered, email)
      : await openOrJoin(tx, deps.clock.now(), integrationKey, service, email);
    const stored: StoredEmail = { messageId: email.messageId, ...outcome };
    await tx.inbox.record(EMAIL_SOURCE, key, stored);
    return outcome;
  });
}

async function openOrJoin(
  tx: Transaction,
  now: Date,
  integrationKey: string,
  service: Service,
  email: InboundEmail,
): Promise<EmailOutcome> {
  const { effect, incidentId } = await applyAlertEvent(
    tx,
    now,
    integrationKey,
    emailAlertEvent(email, service.defaultSeverity),
  );
  return { effect: effect === "opened" ? "opened" : "deduplicated", incidentId };
}

async function addNote(tx: Transaction, incident: Incident, email: InboundEmail): Promise<EmailOutcome> {
  const note = emailNoteEntry(incident.id, randomUUID(), email);
  await recordIncidentChange(
    tx,
    { kind: "note", incidentId: incident.id, entryId: note.id, at: note.occurredAt },
    note,
  );
  return { effect: "noted", incidentId: incident.id };
}

/** The incident a reply answers: the key in its subject, else the incident of the nearest earlier message. */
async function answeredIncident(tx: Transaction, service: Service, email: InboundEmail): Promise<Incident | null> {
  if (email.incidentNumber !== null) {
    const byKey = await tx.incidents.findByNumber(service.tenantId, email.incidentNumber);
    if (byKey) return byKey;
  }
  for (const messageKey of email.answers) {
    const earlier = (await tx.inbox.find(EMAIL_SOURCE, serviceDeliveryKey(service, messageKey))) as StoredEmail | null;
    if (!earlier?.incidentId) continue;
    const incident = await tx.incidents.lockById(service.tenantId, earlier.incidentId);
    if (incident) return incident;
  }
  return null;
}
