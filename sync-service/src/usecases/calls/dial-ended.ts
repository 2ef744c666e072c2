import { callEntries } from "../../domain/call-entries.ts";
import type { CallStep, DialOutcome } from "../../domain/call-routing.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { NotFoundUseCaseError } from "../shared/errors.ts";
import { currentStep, lockedCall, rungAt, takeStep, withId } from "./call-steps.ts";

/** The end of one level's <Dial>: its DialCallStatus, and the level the webhook was given for. */
export interface DialEnd {
  readonly callSid: string;
  readonly level: number;
  readonly outcome: DialOutcome;
}

/**
 * A level's phones stopped ringing: after a call someone took, or once the caller hung up, the line hangs up;
 * otherwise everyone rung is marked as not answering and the next level with someone on call rings, past the last
 * one voicemail. A repeated webhook
 * (the call has moved on from that level) records nothing and gets the step the call is at.
 * @throws NotFoundUseCaseError for an unknown integration key or call
 */
export async function dialEnded(deps: UseCaseDeps, integrationKey: string, end: DialEnd): Promise<CallStep> {
  return deps.uow.run(async (tx) => {
    const { service, call } = await lockedCall(tx, integrationKey, end.callSid);
    if (!call) throw new NotFoundUseCaseError("call", end.callSid);
    const now = deps.clock.now();
    if (call.state === "connected" || (end.outcome === "completed" && call.state === "ringing")) {
      await tx.calls.update({ ...call, state: "ended" });
      return { kind: "hangup" };
    }
    if (call.state !== "ringing" || call.level !== end.level || end.outcome === "completed")
      return currentStep(tx, service, call, now);
    const entries = callEntries(call.incidentId, call.callSid, now);
    // The caller hung up while it rang: there is nobody left to put through (Twilio ignores this answer).
    if (end.outcome === "canceled") {
      await tx.timeline.append(withId(entries.ended("hung up")));
      await tx.calls.update({ ...call, state: "ended" });
      return { kind: "hangup" };
    }
    for (const callee of await rungAt(tx, call, call.level))
      await tx.timeline.append(withId(entries.missed(call.level, callee, end.outcome)));
    return takeStep(tx, service, call, call.level + 1, now);
  });
}
