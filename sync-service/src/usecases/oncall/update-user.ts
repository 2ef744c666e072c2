import type { Principal, UserRole } from "../../domain/principal.ts";
import type { UserRecord } from "../../ports/oncall-repository.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { ConflictUseCaseError, NotFoundUseCaseError } from "../shared/errors.ts";
import { requireAdmin } from "../shared/require-role.ts";
import { ADMINS_ONLY } from "./oncall-errors.ts";

export interface UserChanges {
  readonly name?: string;
  readonly email?: string;
  readonly role?: UserRole;
  readonly timeZone?: string;
  readonly active?: boolean;
}

/** A person as the API shows them. */
export const presentUser = ({ id, tenantId, name, email, role, timeZone, active }: UserRecord): UserRecord => ({
  id,
  tenantId,
  name,
  email,
  role,
  timeZone,
  active,
});

/**
 * Changes a person. An admin may change anyone; anyone may change their own name, e-mail and time zone. The
 * tenant keeps at least one active admin; deactivating someone revokes their tokens at once (they stay revoked
 * if the person is activated again) and they are never paged while inactive.
 * @throws ForbiddenUseCaseError (role), NotFoundUseCaseError, ConflictUseCaseError (USER.LAST_ADMIN, USER.EMAIL_TAKEN)
 */
export async function updateUser(
  deps: UseCaseDeps,
  by: Principal,
  id: string,
  changes: UserChanges,
): Promise<UserRecord> {
  if (by.userId !== id) requireAdmin(by, ADMINS_ONLY);
  else if (changes.role !== undefined || changes.active !== undefined) {
    // Nobody raises or lowers their own standing unless they are an admin (and then the last-admin rule holds).
    requireAdmin(
      by,
      "Only an admin can change a person's role or deactivate them; you can change your name, e-mail and time zone.",
    );
  }
  return deps.uow.run(async (tx) => {
    const current = await tx.oncall.findUser(by.tenantId, id);
    if (!current) throw new NotFoundUseCaseError("user", id);
    const next: UserRecord = {
      ...presentUser(current),
      ...(changes.name !== undefined ? { name: changes.name.trim() } : {}),
      ...(changes.email !== undefined ? { email: changes.email.trim().toLowerCase() } : {}),
      ...(changes.role !== undefined ? { role: changes.role } : {}),
      ...(changes.timeZone !== undefined ? { timeZone: changes.timeZone } : {}),
      ...(changes.active !== undefined ? { active: changes.active } : {}),
    };
    await keepAnAdmin(tx, current, next);
    await tx.people.updateUser(next);
    if (current.active && !next.active) await tx.people.revokeTokens(id, deps.clock.now());
    return next;
  });
}

/** @throws ConflictUseCaseError (USER.LAST_ADMIN) when the change leaves the tenant with no active admin */
async function keepAnAdmin(tx: Transaction, current: UserRecord, next: UserRecord): Promise<void> {
  const wasAdmin = current.active && current.role === "admin";
  if (!wasAdmin || (next.active && next.role === "admin")) return;
  const admins = await tx.people.lockActiveAdmins(current.tenantId);
  if (admins.some((adminId) => adminId !== current.id)) return;
  const what = next.active ? `make them a ${next.role}` : "deactivate them";
  throw new ConflictUseCaseError(
    "USER.LAST_ADMIN",
    `${current.name} is the last active admin; make someone else an admin before you ${what}.`,
  );
}
