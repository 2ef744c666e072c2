// What the calls use cases share: the service and call a webhook names, who each level rings, and the entries of
// each step. Everything runs inside the caller's transaction, under the call's lock.
import { randomUUID } from "node:crypto";
import { callEntries } from "../../domain/call-entries.ts";
import { nextStep, stateAfter, type Callee, type CallStep, type VoiceCall } from "../../domain/call-routing.ts";
import type { Service } from "../../domain/service.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";
import { NotFoundUseCaseError } from "../shared/errors.ts";
import { inTenant, targetsNow } from "../paging/page-targets.ts";

/** Entries about one call read back (who a level rang): a level rings a handful of people. */
const RUNG_READ = 100;

/** The service with `integrationKey`, and its call `callSid` locked until the transaction ends. @throws NotFoundUseCaseError */
export async function lockedCall(
  tx: Transaction,
  integrationKey: string,
  callSid: string,
): Promise<{ service: Service; call: VoiceCall | null }> {
  await tx.locks.lock(`call:${callSid}`);
  const service = await tx.services.findByIntegrationKey(integrationKey);
  if (!service) throw new NotFoundUseCaseError("service", integrationKey);
  const call = await tx.calls.find(callSid);
  // A call is only ever continued through the webhook of the service it called.
  if (call && call.serviceId !== service.id) throw new NotFoundUseCaseError("call", callSid);
  return { service, call };
}

/** The people each level of the service's policy rings now: on call, in the tenant, with a phone number (voice first). */
export async function calleesByLevel(tx: Transaction, service: Service, now: Date): Promise<Callee[][]> {
  const policy =
    service.escalationPolicyId && (await tx.oncall.findPolicy(service.tenantId, service.escalationPolicyId));
  if (!policy) return [];
  const levels: Callee[][] = [];
  for (let level = 0; level < policy.levels.length; level++) {
    const { users } = await targetsNow(tx, policy, level, now);
    const callees: Callee[] = [];
    for (const userId of await inTenant(tx, service.tenantId, users)) {
      const user = await tx.oncall.getUser(userId);
      const contacts = await tx.oncall.listContacts(userId);
      const phone = contacts.find((c) => c.kind === "voice") ?? contacts.find((c) => c.kind === "sms");
      if (user && phone) callees.push({ userId, name: user.name, number: phone.address });
    }
    levels.push(callees);
  }
  return levels;
}

/** The step from `level` on (a level with nobody to ring is passed over), recorded on the call and the timeline. */
export async function takeStep(
  tx: Transaction,
  service: Service,
  call: VoiceCall,
  level: number,
  now: Date,
): Promise<CallStep> {
  const step = service.callRouting
    ? nextStep(await calleesByLevel(tx, service, now), level, service.callRouting)
    : ({ kind: "unreachable" } as const);
  const entries = callEntries(call.incidentId, call.callSid, now);
  if (step.kind === "ring")
    for (const callee of step.callees) await tx.timeline.append(withId(entries.ringing(step.level, callee)));
  if (step.kind === "unreachable") await tx.timeline.append(withId(entries.unreachable()));
  await tx.calls.update({ ...call, level: step.kind === "ring" ? step.level : level, state: stateAfter(step) });
  return step;
}

/** What a repeated webhook gets: the step the call is already at, recorded nothing again. */
export async function currentStep(tx: Transaction, service: Service, call: VoiceCall, now: Date): Promise<CallStep> {
  if (call.state === "voicemail") return { kind: "voicemail" };
  if (call.state !== "ringing" || !service.callRouting) return { kind: "hangup" };
  const callees = (await calleesByLevel(tx, service, now))[call.level] ?? [];
  return { kind: "ring", level: call.level, callees, ringSeconds: service.callRouting.ringSeconds };
}

/** Who the call's level `level` rang, as its entries name them. */
export async function rungAt(
  tx: Transaction,
  call: VoiceCall,
  level: number,
): Promise<Pick<Callee, "userId" | "name">[]> {
  const rung = await tx.timeline.page(call.incidentId, { types: ["call.ringing"], limit: RUNG_READ });
  return rung
    .filter((e) => e.data.callSid === call.callSid && e.data.level === level)
    .map((e) => ({ userId: String(e.data.userId), name: String(e.data.name) }));
}

export function withId<T extends object>(entry: T): T & { id: string } {
  return { ...entry, id: randomUUID() };
}
