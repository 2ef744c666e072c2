import { randomUUID } from "node:crypto";
import { contactAddress, InvalidContactAddressDomainError } from "../../domain/contact-address.ts";
import { AppError } from "../../domain/errors.ts";
import { validPolicy, type EscalationPolicy, type PolicyLevel } from "../../domain/escalation-policy.ts";
import type { Principal, UserRole } from "../../domain/principal.ts";
import { onCallAt, shifts } from "../../domain/oncall/oncall.ts";
import { parseSchedule, type Override, type Schedule } from "../../domain/oncall/schedule.ts";
import type { ContactKind, ContactMethod } from "../../ports/notifier-port.ts";
import type { ScheduleRecord, UserRecord } from "../../ports/oncall-repository.ts";
import type { NameKey, PageRequest } from "../../ports/repositories.ts";
import { DestinationRefusedError, DestinationUnresolvedError, type OutboundPort } from "../../ports/outbound-port.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { NotFoundUseCaseError } from "../shared/errors.ts";
import { requireAdmin, requireResponder } from "../shared/require-role.ts";
import { readStoredSchedule, storedSchedule } from "./stored-schedule.ts";
import { isUuid } from "../../domain/ids.ts";
import { DAY_MS } from "../../domain/clock.ts";

const ADMINS_ONLY = "Only an admin can change people, schedules and policies.";
const RESPONDERS_ONLY = "Only a responder or an admin can change overrides.";

/** An override naming someone Firewatch does not know; `field` is the request field to fix. */
export class UnknownPersonUseCaseError extends AppError {
  readonly kind = "invalid";
  constructor(
    readonly field: "user" | "replaces",
    message: string,
  ) {
    super("OVERRIDE.UNKNOWN_USER", message);
  }
}

export class OverrideNotFoundUseCaseError extends AppError {
  readonly kind = "not_found";
}

export interface OnCallPerson {
  readonly userId: string;
  readonly name: string;
}

export interface ScheduleSummary {
  readonly id: string;
  readonly name: string;
  readonly timeZone: string;
  readonly onCallNow: OnCallPerson[];
  readonly next: (OnCallPerson & { readonly start: string }) | null;
  /** Why the stored schedule no longer validates (nobody is shown on call from it), or null. */
  readonly broken: string | null;
}

/** How far ahead "next on call" looks: beyond the longest usual rotation (four weekly shifts) with room to spare. */
const NEXT_HORIZON_MS = 90 * DAY_MS;

/** A page of schedules (by name) with who is on call now and who comes on next, names resolved from people; a broken one says why. */
export async function listScheduleSummaries(
  deps: UseCaseDeps,
  by: Principal,
  page: PageRequest<NameKey>,
): Promise<ScheduleSummary[]> {
  const records = await deps.uow.run((tx) => tx.oncall.pageSchedules(by.tenantId, page));
  const now = deps.clock.now();
  type Read =
    | { record: ScheduleRecord; broken: string }
    | { record: ScheduleRecord; schedule: Schedule; onCallNow: string[]; next: ReturnType<typeof nextOnCall> };
  const found = records.map((record): Read => {
    const read = readStoredSchedule(record);
    if ("broken" in read) return { record, broken: read.broken.reason };
    const { schedule } = read;
    return { record, schedule, onCallNow: onCallAt(schedule, now), next: nextOnCall(schedule, now) };
  });
  const ids = [
    ...new Set(found.flatMap((f) => ("broken" in f ? [] : [...f.onCallNow, ...(f.next ? [f.next.user] : [])]))),
  ];
  const users = ids.length ? await deps.uow.run((tx) => tx.oncall.findUsers(by.tenantId, ids)) : [];
  const names = new Map(users.map((u) => [u.id, u.name]));
  // Layers may name ids that are not (yet) people in Firewatch (SPEC allows any id); show the id then.
  const person = (userId: string): OnCallPerson => ({ userId, name: names.get(userId) ?? userId });
  return found.map((f) => {
    if ("broken" in f) return brokenSummary(f.record, f.broken);
    const { record, schedule, onCallNow, next } = f;
    return {
      id: record.id,
      name: record.name,
      timeZone: schedule.timeZone,
      onCallNow: onCallNow.map(person),
      next: next ? { ...person(next.user), start: next.start.toISOString() } : null,
      broken: null,
    };
  });
}

function brokenSummary(record: ScheduleRecord, reason: string): ScheduleSummary {
  const zone = (record.definition as { timeZone?: unknown } | null)?.timeZone;
  return {
    id: record.id,
    name: record.name,
    timeZone: typeof zone === "string" ? zone.slice(0, 64) : "",
    onCallNow: [],
    next: null,
    broken: reason,
  };
}

/** The first stint that begins after `now`: a shift not continuing one of the same user that ends where it starts. */
function nextOnCall(schedule: Schedule, now: Date): { user: string; start: Date } | undefined {
  const upcoming = shifts(schedule, now, new Date(now.getTime() + NEXT_HORIZON_MS));
  // The timeline cuts a stretch wherever anyone's assignment changes; those cuts are not hand-offs.
  const continues = new Set(upcoming.map((s) => `${s.user}\u0000${s.end.getTime()}`));
  return upcoming.find((s) => s.start > now && !continues.has(`${s.user}\u0000${s.start.getTime()}`));
}

/**
 * Appends an override to a schedule (SPEC "Schedules as data"). `replaces` must be someone in the
 * schedule's layers; `user` someone in them or a person in Firewatch.
 * @throws NotFoundUseCaseError, UnknownPersonUseCaseError, InvalidScheduleDomainError, BrokenScheduleUseCaseError
 */
export async function addOverride(
  deps: UseCaseDeps,
  by: Principal,
  scheduleId: string,
  override: Override,
): Promise<ScheduleRecord> {
  requireResponder(by, RESPONDERS_ONLY);
  return deps.uow.run(async (tx) => {
    const found = await tx.oncall.lockSchedule(by.tenantId, scheduleId);
    if (!found) throw new NotFoundUseCaseError("schedule", scheduleId);
    const current = storedSchedule(found);
    const rostered = new Set(current.layers.flatMap((l) => l.users));
    if (override.replaces !== undefined && !rostered.has(override.replaces)) {
      throw new UnknownPersonUseCaseError(
        "replaces",
        `\`replaces\`: ${JSON.stringify(override.replaces)} is not in this schedule's layers; pick someone who is on its rotation.`,
      );
    }
    if (override.replaces === override.user)
      throw new UnknownPersonUseCaseError("user", "`user`: someone cannot cover for themselves; pick another person.");
    if (
      !rostered.has(override.user) &&
      !(isUuid(override.user) && (await tx.oncall.findUser(by.tenantId, override.user)))
    ) {
      throw new UnknownPersonUseCaseError(
        "user",
        `\`user\`: no person ${JSON.stringify(override.user)} exists; pick someone from the people list.`,
      );
    }
    const saved: ScheduleRecord = {
      ...found,
      definition: parseSchedule({ ...current, overrides: [...current.overrides, override] }),
    };
    await tx.oncall.saveSchedule(saved);
    return saved;
  });
}

/** Removes the override at `index` (0-based, in the schedule's `overrides`). @throws NotFoundUseCaseError, OverrideNotFoundUseCaseError, BrokenScheduleUseCaseError */
export async function removeOverride(
  deps: UseCaseDeps,
  by: Principal,
  scheduleId: string,
  index: number,
): Promise<ScheduleRecord> {
  requireResponder(by, RESPONDERS_ONLY);
  return deps.uow.run(async (tx) => {
    const found = await tx.oncall.lockSchedule(by.tenantId, scheduleId);
    if (!found) throw new NotFoundUseCaseError("schedule", scheduleId);
    const current = storedSchedule(found);
    if (!(index < current.overrides.length)) {
      throw new OverrideNotFoundUseCaseError(
        "OVERRIDE.NOT_FOUND",
        `The schedule has no override ${index}; it has ${current.overrides.length} (numbered from 0).`,
      );
    }
    const saved: ScheduleRecord = {
      ...found,
      definition: { ...current, overrides: current.overrides.filter((_, i) => i !== index) },
    };
    await tx.oncall.saveSchedule(saved);
    return saved;
  });
}

export async function createUser(
  deps: UseCaseDeps,
  by: Principal,
  input: { name: string; email: string; role?: UserRole },
): Promise<UserRecord> {
  requireAdmin(by, ADMINS_ONLY);
  const user: UserRecord = {
    id: randomUUID(),
    tenantId: by.tenantId,
    name: input.name.trim(),
    email: input.email.trim().toLowerCase(),
    role: input.role ?? "responder",
  };
  await deps.uow.run((tx) => tx.oncall.insertUser(user));
  return user;
}

/**
 * Adds a contact method and, unless told otherwise, a notification rule using it at `delayMinutes`.
 * The address is checked for its kind, and a webhook's host against the outbound policy, before anything is written.
 * @throws InvalidContactAddressDomainError naming what to enter, NotFoundUseCaseError
 */
export async function addContactMethod(
  deps: UseCaseDeps & { readonly outbound: OutboundPort },
  by: Principal,
  userId: string,
  input: { kind: ContactKind; address: string; delayMinutes?: number | null },
): Promise<ContactMethod> {
  requireAdmin(by, ADMINS_ONLY);
  const address = contactAddress(input.kind, input.address);
  // Outside the transaction: a slow resolver must not hold a database connection.
  if (input.kind === "webhook") await reachable(deps.outbound, new URL(address));
  return deps.uow.run(async (tx) => {
    if (!(await tx.oncall.findUser(by.tenantId, userId))) throw new NotFoundUseCaseError("user", userId);
    const contact: ContactMethod = { id: randomUUID(), userId, kind: input.kind, address };
    await tx.oncall.insertContact(contact);
    if (input.delayMinutes !== null) {
      await tx.oncall.insertNotificationRule({
        id: randomUUID(),
        userId,
        contactMethodId: contact.id,
        delayMinutes: input.delayMinutes ?? 0,
      });
    }
    return contact;
  });
}

/** @throws InvalidContactAddressDomainError when the outbound policy refuses the URL's host or it does not resolve */
async function reachable(outbound: OutboundPort, url: URL): Promise<void> {
  try {
    await outbound.vet(url);
  } catch (error) {
    if (error instanceof DestinationRefusedError) {
      throw new InvalidContactAddressDomainError(
        "CONTACT.DESTINATION_REFUSED",
        `\`address\`: ${error.message}; enter a URL on the public internet, or ask the operator to allow this one with FIREWATCH_OUTBOUND_ALLOW.`,
      );
    }
    if (error instanceof DestinationUnresolvedError) {
      throw new InvalidContactAddressDomainError(
        "CONTACT.HOST_UNRESOLVED",
        `\`address\`: ${error.message}; check the host name in the URL.`,
      );
    }
    throw error;
  }
}

/** Creates or replaces a schedule. @throws InvalidInputDomainError (SCHEDULE.INVALID) naming what to fix */
export async function saveSchedule(
  deps: UseCaseDeps,
  by: Principal,
  id: string | null,
  name: string,
  definition: unknown,
): Promise<ScheduleRecord> {
  requireAdmin(by, ADMINS_ONLY);
  const parsed = parseSchedule(definition);
  const schedule: ScheduleRecord = {
    id: id ?? randomUUID(),
    tenantId: by.tenantId,
    name: name.trim(),
    definition: parsed,
  };
  await deps.uow.run(async (tx) => {
    if (id && !(await tx.oncall.findSchedule(by.tenantId, id))) throw new NotFoundUseCaseError("schedule", id);
    // A schedule names people by their user id in this tenant: never anyone else's, who would then be paged.
    const named = new Set([
      ...parsed.layers.flatMap((l) => l.users),
      ...parsed.overrides.flatMap((o) => (o.replaces ? [o.user, o.replaces] : [o.user])),
    ]);
    for (const userId of named) {
      if (!isUuid(userId) || !(await tx.oncall.findUser(by.tenantId, userId)))
        throw new NotFoundUseCaseError("user", userId);
    }
    await tx.oncall.saveSchedule(schedule);
  });
  return schedule;
}

/** Creates or replaces a policy; its user and schedule targets must exist. @throws InvalidInputDomainError, NotFoundUseCaseError */
export async function savePolicy(
  deps: UseCaseDeps,
  by: Principal,
  id: string | null,
  input: { name: string; repeat?: number; levels: PolicyLevel[] },
): Promise<EscalationPolicy> {
  requireAdmin(by, ADMINS_ONLY);
  const policy: EscalationPolicy = {
    id: id ?? randomUUID(),
    tenantId: by.tenantId,
    name: input.name.trim(),
    repeat: input.repeat ?? 0,
    levels: input.levels,
  };
  validPolicy(policy.levels, policy.repeat);
  await deps.uow.run(async (tx) => {
    if (id && !(await tx.oncall.findPolicy(by.tenantId, id))) throw new NotFoundUseCaseError("policy", id);
    for (const target of policy.levels.flatMap((l) => l.targets)) {
      const exists =
        target.type === "user"
          ? await tx.oncall.findUser(by.tenantId, target.id)
          : await tx.oncall.findSchedule(by.tenantId, target.id);
      if (!exists) throw new NotFoundUseCaseError(target.type, target.id);
    }
    await tx.oncall.savePolicy(policy);
  });
  return policy;
}
