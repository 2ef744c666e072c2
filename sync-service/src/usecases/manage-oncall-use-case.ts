import { randomUUID } from "node:crypto";
import { validPolicy, type EscalationPolicy, type PolicyLevel } from "../domain/escalation-policy.ts";
import { hasRole, type Principal, type UserRole } from "../domain/principal.ts";
import { parseSchedule } from "../domain/oncall/schedule.ts";
import type { ContactKind, ContactMethod } from "../ports/notifier-port.ts";
import type { ScheduleRecord, UserRecord } from "../ports/oncall-repository.ts";
import type { UseCaseDeps } from "./deps.ts";
import { ForbiddenUseCaseError, NotFoundUseCaseError } from "./errors.ts";

function requireAdmin(by: Principal): void {
  if (!hasRole(by, "admin")) throw new ForbiddenUseCaseError("AUTH.ADMIN_REQUIRED", "Only an admin can change people, schedules and policies.");
}

export async function createUser(deps: UseCaseDeps, by: Principal, input: { name: string; email: string; role?: UserRole }): Promise<UserRecord> {
  requireAdmin(by);
  const user: UserRecord = { id: randomUUID(), tenantId: by.tenantId, name: input.name.trim(), email: input.email.trim().toLowerCase(), role: input.role ?? "responder" };
  await deps.uow.run((tx) => tx.oncall.insertUser(user));
  return user;
}

/** Adds a contact method and, unless told otherwise, a notification rule using it at `delayMinutes`. */
export async function addContactMethod(
  deps: UseCaseDeps,
  by: Principal,
  userId: string,
  input: { kind: ContactKind; address: string; delayMinutes?: number | null },
): Promise<ContactMethod> {
  requireAdmin(by);
  return deps.uow.run(async (tx) => {
    if (!(await tx.oncall.findUser(by.tenantId, userId))) throw new NotFoundUseCaseError("user", userId);
    const contact: ContactMethod = { id: randomUUID(), userId, kind: input.kind, address: input.address.trim() };
    await tx.oncall.insertContact(contact);
    if (input.delayMinutes !== null) {
      await tx.oncall.insertNotificationRule({ id: randomUUID(), userId, contactMethodId: contact.id, delayMinutes: input.delayMinutes ?? 0 });
    }
    return contact;
  });
}

/** Creates or replaces a schedule. @throws InvalidInputDomainError (SCHEDULE.INVALID) naming what to fix */
export async function saveSchedule(deps: UseCaseDeps, by: Principal, id: string | null, name: string, definition: unknown): Promise<ScheduleRecord> {
  requireAdmin(by);
  const schedule: ScheduleRecord = { id: id ?? randomUUID(), tenantId: by.tenantId, name: name.trim(), definition: parseSchedule(definition) };
  await deps.uow.run(async (tx) => {
    if (id && !(await tx.oncall.findSchedule(by.tenantId, id))) throw new NotFoundUseCaseError("schedule", id);
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
  requireAdmin(by);
  const policy: EscalationPolicy = { id: id ?? randomUUID(), tenantId: by.tenantId, name: input.name.trim(), repeat: input.repeat ?? 0, levels: input.levels };
  validPolicy(policy.levels, policy.repeat);
  await deps.uow.run(async (tx) => {
    if (id && !(await tx.oncall.findPolicy(by.tenantId, id))) throw new NotFoundUseCaseError("policy", id);
    for (const target of policy.levels.flatMap((l) => l.targets)) {
      const exists = target.type === "user" ? await tx.oncall.findUser(by.tenantId, target.id) : await tx.oncall.findSchedule(by.tenantId, target.id);
      if (!exists) throw new NotFoundUseCaseError(target.type, target.id);
    }
    await tx.oncall.savePolicy(policy);
  });
  return policy;
}
