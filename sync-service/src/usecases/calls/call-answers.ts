import { callEntries } from "../../domain/call-entries.ts";
import { IllegalTransitionDomainError } from "../../domain/errors.ts";
import { incidentKey } from "../../domain/incident.ts";
import type { Principal } from "../../domain/principal.ts";
import { changeIncidentStatusIn } from "../incidents/change-incident-status.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { NotFoundUseCaseError } from "../shared/errors.ts";
import { lockedCall, rungAt, withId } from "./call-steps.ts";

/** What the call screen says: the service called and the incident the call opened. @throws NotFoundUseCaseError */
export async function screenOf(
  deps: UseCaseDeps,
  integrationKey: string,
  callSid: string,
): Promise<{ serviceName: string; incidentKey: string }> {
  return deps.uow.run(async (tx) => {
    const service = await tx.services.findByIntegrationKey(integrationKey);
    const call = await tx.calls.find(callSid);
    const incident = call && (await tx.incidents.findById(call.tenantId, call.incidentId));
    if (!service || !incident || call.serviceId !== service.id) throw new NotFoundUseCaseError("call", callSid);
    return { serviceName: service.name, incidentKey: incidentKey(incident) };
  });
}

/** The key a person rung pressed at the call screen. */
export interface ScreenAnswer {
  readonly callSid: string;
  readonly level: number;
  readonly userId: string;
  readonly digits: string;
}

/** "take": put the caller through; "decline": hang up on this person; "taken": someone else was quicker. */
export type ScreenOutcome = "take" | "decline" | "taken";

/** The key that takes the call at the screen. */
export const TAKE_KEY = "1";

/**
 * A person rung pressed a key at the call screen: 1 takes the call (first one wins) and acknowledges the incident
 * as them, as PagerDuty's Live Call Routing does; another key, or nobody pressing, leaves it ringing elsewhere.
 * @throws NotFoundUseCaseError for an unknown integration key or call
 */
export async function screenAnswered(
  deps: UseCaseDeps,
  integrationKey: string,
  answer: ScreenAnswer,
): Promise<ScreenOutcome> {
  return deps.uow.run(async (tx) => {
    const { call } = await lockedCall(tx, integrationKey, answer.callSid);
    if (!call) throw new NotFoundUseCaseError("call", answer.callSid);
    if (call.answeredBy) return call.answeredBy === answer.userId ? "take" : "taken";
    if (answer.digits !== TAKE_KEY) return "decline";
    const callee = (await rungAt(tx, call, answer.level)).find((c) => c.userId === answer.userId);
    const user = await tx.oncall.getUser(answer.userId);
    if (call.state !== "ringing" || call.level !== answer.level || !callee || !user) return "taken";
    const now = deps.clock.now();
    await tx.calls.update({ ...call, state: "connected", answeredBy: user.id });
    await tx.timeline.append(withId(callEntries(call.incidentId, call.callSid, now).answered(call.level, callee)));
    const by: Principal = { userId: user.id, tenantId: user.tenantId, name: user.name, role: user.role };
    try {
      await changeIncidentStatusIn(tx, now, by, call.incidentId, "acknowledge", "voice");
    } catch (error) {
      // Already acknowledged (their page, or someone else): they still have the caller.
      if (!(error instanceof IllegalTransitionDomainError)) throw error;
    }
    return "take";
  });
}

/** Twilio's recordingStatusCallback of a voicemail. */
export interface Voicemail {
  readonly callSid: string;
  readonly recordingSid: string;
  readonly url: string;
  readonly seconds: number;
  /** completed | absent | failed */
  readonly status: string;
}

/**
 * A caller's message is ready: its link goes on the timeline once (a repeated callback updates the same entry).
 * @throws NotFoundUseCaseError for an unknown integration key or call
 */
export async function voicemailRecorded(
  deps: UseCaseDeps,
  integrationKey: string,
  voicemail: Voicemail,
): Promise<void> {
  await deps.uow.run(async (tx) => {
    const { call } = await lockedCall(tx, integrationKey, voicemail.callSid);
    if (!call) throw new NotFoundUseCaseError("call", voicemail.callSid);
    const entries = callEntries(call.incidentId, call.callSid, deps.clock.now());
    // "absent": too short or silent to keep (https://www.twilio.com/docs/voice/twiml/record#recordingstatuscallback).
    if (voicemail.status === "absent") await tx.timeline.append(withId(entries.ended("no message")));
    if (voicemail.status !== "completed") return;
    const recording = { url: voicemail.url, seconds: voicemail.seconds, sid: voicemail.recordingSid };
    await tx.timeline.append(withId(entries.voicemail(recording)));
    await tx.calls.update({ ...call, state: "ended" });
  });
}
