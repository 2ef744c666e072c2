import { randomUUID } from "node:crypto";
import { callEntries } from "../../domain/call-entries.ts";
import type { CallStep } from "../../domain/call-routing.ts";
import { openIncident, type Incident } from "../../domain/incident.ts";
import type { Service } from "../../domain/service.ts";
import { recordIncidentChange } from "../incidents/fan-out.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { currentStep, lockedCall, takeStep } from "./call-steps.ts";

/** Twilio's incoming-call webhook, as far as routing needs it. */
export interface IncomingCall {
  readonly callSid: string;
  readonly from: string;
}

export interface CallAnswer {
  readonly service: Service;
  /** The incident the call opened; null when the line takes no calls. */
  readonly incident: Incident | null;
  readonly step: CallStep;
}

/**
 * A call to the service's number: opens an incident on the service (through the same fan-out as any other, so its
 * escalation, chat and tickets run too) and rings the first level with someone on call. A repeated webhook of the
 * same call opens nothing and records nothing again: it gets the step the call is at.
 * @throws NotFoundUseCaseError for an unknown integration key
 */
export async function answerCall(
  deps: UseCaseDeps,
  integrationKey: string,
  incoming: IncomingCall,
): Promise<CallAnswer> {
  return deps.uow.run(async (tx) => {
    const { service, call } = await lockedCall(tx, integrationKey, incoming.callSid);
    const now = deps.clock.now();
    if (call) {
      const incident = await tx.incidents.findById(service.tenantId, call.incidentId);
      return { service, incident, step: await currentStep(tx, service, call, now) };
    }
    if (!service.callRouting) return { service, incident: null, step: { kind: "closed" } };
    const incident = openIncident(
      {
        id: randomUUID(),
        tenantId: service.tenantId,
        number: await tx.tenants.nextIncidentNumber(service.tenantId),
        title: `Phone call from ${incoming.from}`,
        description: `A call to ${service.name}'s on-call number ${service.callRouting.number}.`,
        severity: service.defaultSeverity,
        serviceId: service.id,
      },
      now,
    );
    await tx.incidents.insert(incident);
    const entries = callEntries(incident.id, incoming.callSid, now);
    await recordIncidentChange(tx, { kind: "opened", incident, service }, entries.received(incident, incoming.from));
    const opened = {
      callSid: incoming.callSid,
      tenantId: service.tenantId,
      serviceId: service.id,
      incidentId: incident.id,
      caller: incoming.from,
      level: 0,
      state: "ringing" as const,
      answeredBy: null,
    };
    await tx.calls.insert(opened);
    return { service, incident, step: await takeStep(tx, service, opened, 0, now) };
  });
}
