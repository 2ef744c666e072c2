// A schedule read back from the database is validated again, like any input: it may have been saved before
// a bound existed, or written around the API. One that no longer validates is reported as broken where it
// is asked for, and left out where many schedules are read together, so it never takes down the list, a
// person's calendar feed or a page to the others on call.
import { AppError } from "../../domain/errors.ts";
import { parseSchedule } from "../../domain/oncall/parse-schedule.ts";
import { InvalidScheduleDomainError, type Schedule } from "../../domain/oncall/schedule.ts";
import type { ScheduleRecord } from "../../ports/oncall-repository.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";
import { NotFoundUseCaseError } from "../shared/errors.ts";

export class BrokenScheduleUseCaseError extends AppError {
  readonly kind = "conflict";
  constructor(
    record: Pick<ScheduleRecord, "id" | "name">,
    /** What no longer validates, as parseSchedule words it. */
    readonly reason: string,
    cause: InvalidScheduleDomainError,
  ) {
    super(
      "SCHEDULE.BROKEN",
      `Schedule ${JSON.stringify(record.name)} as stored no longer validates (${reason}); correct it with PUT /api/schedules/${record.id}.`,
      { cause },
    );
  }
}

/** @throws BrokenScheduleUseCaseError when the stored definition no longer validates */
export function storedSchedule(record: ScheduleRecord): Schedule {
  try {
    return parseSchedule(record.definition);
  } catch (error) {
    if (!(error instanceof InvalidScheduleDomainError)) throw error;
    const reason = error.problems.map((p) => `${p.path}: ${p.message}`).join("; ");
    throw new BrokenScheduleUseCaseError(record, reason, error);
  }
}

/** The schedule, or why it is broken: for readers of many schedules, which go on without it. */
export function readStoredSchedule(
  record: ScheduleRecord,
): { schedule: Schedule } | { broken: BrokenScheduleUseCaseError } {
  try {
    return { schedule: storedSchedule(record) };
  } catch (error) {
    if (error instanceof BrokenScheduleUseCaseError) return { broken: error };
    throw error;
  }
}

/** Locks the schedule's row for the rest of the transaction and reads it, to change it. @throws NotFoundUseCaseError, BrokenScheduleUseCaseError */
export async function lockStoredSchedule(
  tx: Pick<Transaction, "oncall">,
  tenantId: string,
  scheduleId: string,
): Promise<{ record: ScheduleRecord; schedule: Schedule }> {
  const record = await tx.oncall.lockSchedule(tenantId, scheduleId);
  if (!record) throw new NotFoundUseCaseError("schedule", scheduleId);
  return { record, schedule: storedSchedule(record) };
}
