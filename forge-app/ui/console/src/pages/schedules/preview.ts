// The editor's live preview: the draft checked and evaluated with the service's own domain code
// (parseSchedule, shifts), so what the preview shows is what the saved schedule will do.
import { parseSchedule } from "../../../../../../sync-service/src/domain/oncall/parse-schedule.ts";
import { shifts, type OnCallShift } from "../../../../../../sync-service/src/domain/oncall/oncall.ts";
import {
  InvalidScheduleDomainError,
  type ScheduleProblem,
} from "../../../../../../sync-service/src/domain/oncall/schedule.ts";

export const PREVIEW_DAYS = 14;
const DAY_MS = 86_400_000;

export interface Preview {
  readonly shifts: readonly OnCallShift[];
  readonly problems: readonly ScheduleProblem[];
}

/** The next PREVIEW_DAYS days' shifts from `now`, or the problems that keep the definition from parsing. */
export function preview(definition: unknown, now: Date): Preview {
  try {
    const schedule = parseSchedule({ overrides: [], ...(definition as object) });
    return { shifts: shifts(schedule, now, new Date(now.getTime() + PREVIEW_DAYS * DAY_MS)), problems: [] };
  } catch (error) {
    if (error instanceof InvalidScheduleDomainError) return { shifts: [], problems: error.problems };
    throw error;
  }
}
