import { randomUUID } from "node:crypto";
import type { Principal, UserRole } from "../../domain/principal.ts";
import type { UserRecord } from "../../ports/oncall-repository.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { requireAdmin } from "../shared/require-role.ts";
import { ADMINS_ONLY } from "./oncall-errors.ts";

export async function createUser(
  deps: UseCaseDeps,
  by: Principal,
  input: { name: string; email: string; role?: UserRole; timeZone?: string },
): Promise<UserRecord> {
  requireAdmin(by, ADMINS_ONLY);
  const user: UserRecord = {
    id: randomUUID(),
    tenantId: by.tenantId,
    name: input.name.trim(),
    email: input.email.trim().toLowerCase(),
    role: input.role ?? "responder",
    timeZone: input.timeZone ?? "UTC",
    active: true,
  };
  await deps.uow.run((tx) => tx.oncall.insertUser(user));
  return user;
}
