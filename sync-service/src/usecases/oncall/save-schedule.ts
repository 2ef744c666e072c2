import { randomUUID } from "node:crypto";
import { isUuid } from "../../domain/ids.ts";
import type { Principal } from "../../domain/principal.ts";
import { parseSchedule } from "../../domain/oncall/parse-schedule.ts";
import type { ScheduleRecord } from "../../ports/oncall-repository.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { NotFoundUseCaseError } from "../shared/errors.ts";
import { requireAdmin } from "../shared/require-role.ts";
import { ADMINS_ONLY } from "./oncall-errors.ts";

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
