import { isUuid } from "../../domain/ids.ts";
import type { Principal } from "../../domain/principal.ts";
import { parseSchedule } from "../../domain/oncall/parse-schedule.ts";
import type { Override } from "../../domain/oncall/schedule.ts";
import type { ScheduleRecord } from "../../ports/oncall-repository.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { requireResponder } from "../shared/require-role.ts";
import { RESPONDERS_ONLY, UnknownPersonUseCaseError } from "./oncall-errors.ts";
import { lockStoredSchedule } from "./stored-schedule.ts";

/**
 * Appends an override to a schedule (docs/schedules.md). `replaces` must be someone in the
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
    const { record: found, schedule: current } = await lockStoredSchedule(tx, by.tenantId, scheduleId);
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
