// The calls use cases on the in-memory store: what each webhook of a call records and answers, and that a
// repeated or stale one records nothing again.
import { describe, expect, it } from "vitest";
import type { CallRouting } from "../../domain/call-routing.ts";
import { addPolicy, addService, addUser, inMemoryWorld } from "../testing/fixtures.ts";
import { answerCall } from "./answer-call.ts";
import { screenAnswered, voicemailRecorded } from "./call-answers.ts";
import { dialEnded } from "./dial-ended.ts";

const ROUTING: CallRouting = { number: "+14155550100", greeting: null, ringSeconds: 25, voicemail: true };
const SID = `CA${"a".repeat(32)}`;

function world(routing: CallRouting | null = ROUTING) {
  const w = inMemoryWorld();
  const alice = addUser(w.store, "Alice", [{ kind: "voice", address: "+14155550101", delayMinutes: 0 }]);
  const bob = addUser(w.store, "Bob", [{ kind: "sms", address: "+14155550102", delayMinutes: 0 }]);
  const nobody = addUser(w.store, "Email-only", [{ kind: "email", address: "e@example.com", delayMinutes: 0 }]);
  const policy = addPolicy(w.store, [
    { delayMinutes: 5, targets: [{ type: "user", id: alice.id }] },
    { delayMinutes: 5, targets: [{ type: "user", id: nobody.id }] },
    { delayMinutes: 5, targets: [{ type: "user", id: bob.id }] },
  ]);
  const service = addService(w.store, { escalationPolicyId: policy.id, callRouting: routing, defaultSeverity: "SEV2" });
  const key = service.integrationKey;
  const bodies = (incidentId: string) => w.store.timelineOf(incidentId).map((e) => e.body);
  return { ...w, alice, bob, key, bodies };
}

describe("calls", () => {
  it("opens one incident per call and rings the first level, however often the webhook comes", async () => {
    const w = world();
    const first = await answerCall(w.deps, w.key, { callSid: SID, from: "+447700900123" });
    expect(first.incident).toMatchObject({ title: "Phone call from +447700900123", severity: "SEV2" });
    expect(first.step).toEqual({
      kind: "ring",
      level: 0,
      ringSeconds: 25,
      callees: [{ userId: w.alice.id, name: "Alice", number: "+14155550101" }],
    });
    const again = await answerCall(w.deps, w.key, { callSid: SID, from: "+447700900123" });
    expect(again.step).toEqual(first.step);
    expect(w.store.data.incidents.size).toBe(1);
    expect(w.bodies(first.incident!.id)).toEqual([
      "Call from +447700900123: INC-1 triggered",
      "Ringing Alice (level 1)",
    ]);
  });

  it("passes over a level nobody can be phoned at, then goes to voicemail; a stale dial result changes nothing", async () => {
    const w = world();
    const { incident } = await answerCall(w.deps, w.key, { callSid: SID, from: "+447700900123" });
    const next = await dialEnded(w.deps, w.key, { callSid: SID, level: 0, outcome: "no-answer" });
    expect(next).toMatchObject({ kind: "ring", level: 2, callees: [{ name: "Bob", number: "+14155550102" }] });
    expect(await dialEnded(w.deps, w.key, { callSid: SID, level: 0, outcome: "no-answer" })).toEqual(next);
    expect(await dialEnded(w.deps, w.key, { callSid: SID, level: 2, outcome: "busy" })).toEqual({ kind: "voicemail" });
    await voicemailRecorded(w.deps, w.key, {
      callSid: SID,
      recordingSid: `RE${"1".repeat(32)}`,
      url: "https://api.twilio.com/r",
      seconds: 7,
      status: "completed",
    });
    expect(w.bodies(incident!.id).slice(1)).toEqual([
      "Ringing Alice (level 1)",
      "Alice did not answer",
      "Ringing Bob (level 3)",
      "Bob did not answer (busy)",
      "Voicemail left (0:07): https://api.twilio.com/r",
    ]);
  });

  it("lets the first who presses 1 take the call and acknowledge; others are told it is taken", async () => {
    const w = world();
    const { incident } = await answerCall(w.deps, w.key, { callSid: SID, from: "+447700900123" });
    const answer = { callSid: SID, level: 0, userId: w.alice.id };
    expect(await screenAnswered(w.deps, w.key, { ...answer, digits: "2" })).toBe("decline");
    expect(await screenAnswered(w.deps, w.key, { ...answer, digits: "1" })).toBe("take");
    expect(await screenAnswered(w.deps, w.key, { ...answer, userId: w.bob.id, digits: "1" })).toBe("taken");
    expect(await screenAnswered(w.deps, w.key, { ...answer, digits: "1" })).toBe("take");
    expect(w.store.data.incidents.get(incident!.id)).toMatchObject({ status: "acknowledged", ownerId: w.alice.id });
    expect(await dialEnded(w.deps, w.key, { callSid: SID, level: 0, outcome: "completed" })).toEqual({
      kind: "hangup",
    });
    expect(w.bodies(incident!.id).filter((b) => b.includes("took the call"))).toEqual(["Alice took the call"]);
  });

  it("opens nothing for a line that takes no calls", async () => {
    const w = world(null);
    expect((await answerCall(w.deps, w.key, { callSid: SID, from: "+447700900123" })).step).toEqual({ kind: "closed" });
    expect(w.store.data.incidents.size).toBe(0);
  });
});
