// The bounds of a schedule and the error that names every field beyond them (or otherwise wrong).
import { InvalidInputDomainError } from "../errors.ts";

/**
 * What one schedule may hold. Every on-call answer, list and calendar feed evaluates the whole schedule,
 * so each bound keeps that cheap and every hand-off inside the range of a date: a shift lasts at most a
 * year, and dates fall within 1970–2200.
 */
export const SCHEDULE_LIMITS = {
  layers: 20,
  usersPerLayer: 100,
  restrictionsPerLayer: 50,
  overrides: 1_000,
  shiftLength: { hourly: 8_760, daily: 365, weekly: 52 },
  firstYear: 1970,
  lastYear: 2200,
  idLength: 255,
  // The longest IANA zone name has 32 characters.
  timeZoneLength: 64,
} as const;

/** One bad field: its JSON path (`layers[0].rotation.shiftLength`) and what to write instead. */
export interface ScheduleProblem {
  readonly path: string;
  readonly message: string;
}

export class InvalidScheduleDomainError extends InvalidInputDomainError {
  constructor(readonly problems: readonly ScheduleProblem[]) {
    super("SCHEDULE.INVALID", `Invalid schedule: ${problems.map((p) => `${p.path}: ${p.message}`).join("; ")}`);
  }
}
