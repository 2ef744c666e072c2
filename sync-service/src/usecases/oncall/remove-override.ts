import type { Principal } from "../../domain/principal.ts";
import type { ScheduleRecord } from "../../ports/oncall-repository.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { requireResponder } from "../shared/require-role.ts";
import { OverrideNotFoundUseCaseError, RESPONDERS_ONLY } from "./oncall-errors.ts";
import { lockStoredSchedule } from "./stored-schedule.ts";

/** Removes the override at `index` (0-based, in the schedule's `overrides`). @throws NotFoundUseCaseError, OverrideNotFoundUseCaseError, BrokenScheduleUseCaseError */
export async function removeOverride(
  deps: UseCaseDeps,
  by: Principal,
  scheduleId: string,
  index: number,
): Promise<ScheduleRecord> {
  requireResponder(by, RESPONDERS_ONLY);
  return deps.uow.run(async (tx) => {
    const { record: found, schedule: current } = await lockStoredSchedule(tx, by.tenantId, scheduleId);
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
