// An on-call schedule as data: layers of rotations (optionally restricted to local windows) and overrides.
import type { Weekday } from "./local-time.ts";

export type { Weekday } from "./local-time.ts";
export { InvalidScheduleDomainError, SCHEDULE_LIMITS, type ScheduleProblem } from "./schedule-limits.ts";
export type RotationType = "hourly" | "daily" | "weekly";

/** `start` is a local wall-clock time in the schedule's zone (no offset) at which `users[0]` begins. */
export interface Rotation {
  readonly type: RotationType;
  readonly shiftLength: number;
  readonly start: string;
}

/** A local window that opens on each of `days` at `from`; `to` earlier than (or equal to) `from` ends the next day. */
export interface Restriction {
  readonly days: readonly Weekday[];
  readonly from: string;
  readonly to: string;
}

export interface Layer {
  readonly users: readonly string[];
  readonly rotation: Rotation;
  readonly restrictions?: readonly Restriction[];
}

/**
 * `start`/`end` are UTC instants (`…Z`); `start` inclusive, `end` exclusive. Without `replaces` the user takes
 * the place of whoever is on call; with it, of that user only; with `add`, the user joins whoever is on call.
 */
export interface Override {
  readonly user: string;
  readonly replaces?: string;
  readonly add?: true;
  readonly start: string;
  readonly end: string;
}

/** The JSON form shared by `GET/PUT /api/schedules/{id}` and `firewatch oncall who` (docs/schedules.md). */
export interface Schedule {
  readonly timeZone: string;
  readonly layers: readonly Layer[];
  readonly overrides: readonly Override[];
}
