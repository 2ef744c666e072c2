// The timeline of a call to a service's number: who called, who was rung at which level, who did not answer, who
// took the call, or the message left. Each entry is keyed by the call's CallSid, so a repeated webhook changes nothing.
import { callLength, type Callee, type DialOutcome } from "./call-routing.ts";
import { incidentKey, type Incident } from "./incident.ts";
import type { NewTimelineEntry } from "./timeline-entries.ts";
import { record } from "./timeline-records.ts";

const MISSED: Record<Exclude<DialOutcome, "completed">, string> = {
  "no-answer": "did not answer",
  busy: "did not answer (busy)",
  failed: "could not be called",
  canceled: "was not reached (the caller hung up)",
};

/** One call's entries on its incident. */
export function callEntries(incidentId: string, callSid: string, at: Date) {
  const key = `call:${callSid}`;
  return {
    /** The entry the incident opens with. */
    received(incident: Incident, caller: string): NewTimelineEntry {
      const body = `Call from ${caller}: ${incidentKey(incident)} triggered`;
      return record(incidentId, "incident.triggered", key, at, body, { callSid, caller });
    },
    ringing(level: number, callee: Callee): NewTimelineEntry {
      const body = `Ringing ${callee.name} (level ${level + 1})`;
      const data = { callSid, level, userId: callee.userId, name: callee.name };
      return record(incidentId, "call.ringing", `${key}:ring:${level}:${callee.userId}`, at, body, data);
    },
    missed(
      level: number,
      callee: Pick<Callee, "userId" | "name">,
      outcome: Exclude<DialOutcome, "completed">,
    ): NewTimelineEntry {
      const body = `${callee.name} ${MISSED[outcome]}`;
      const data = { callSid, level, userId: callee.userId, outcome };
      return record(incidentId, "call.missed", `${key}:missed:${level}:${callee.userId}`, at, body, data);
    },
    answered(level: number, callee: Pick<Callee, "userId" | "name">): NewTimelineEntry {
      const body = `${callee.name} took the call`;
      const data = { callSid, level, userId: callee.userId };
      return record(incidentId, "call.answered", `${key}:answered`, at, body, data, callee.name);
    },
    voicemail(recording: { url: string; seconds: number; sid: string }): NewTimelineEntry {
      const body = `Voicemail left (${callLength(recording.seconds)}): ${recording.url}`;
      const data = { callSid, recordingSid: recording.sid, url: recording.url, seconds: recording.seconds };
      return record(incidentId, "call.voicemail", `${key}:voicemail`, at, body, data);
    },
    /** The call ended before anyone took it: the caller hung up, or left no message. */
    ended(why: "hung up" | "no message"): NewTimelineEntry {
      const body = why === "hung up" ? "The caller hung up before anyone answered" : "The caller left no message";
      return record(incidentId, "call.ended", `${key}:ended`, at, body, { callSid, why });
    },
    unreachable(): NewTimelineEntry {
      return record(incidentId, "call.unreachable", `${key}:unreachable`, at, "Nobody could be reached", { callSid });
    },
  };
}
