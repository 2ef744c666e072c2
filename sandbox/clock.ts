// The sandbox's clock: real time, except while the seeded story replays the weeks before today (reports need a
// history). Everything in the service reads time from this one clock, so an incident "three weeks ago" goes
// through the same paths as one now.
import type { Clock } from "../sync-service/src/domain/clock.ts";

export class ShiftableClock implements Clock {
  private offsetMs = 0;

  now(): Date {
    return new Date(Date.now() - this.offsetMs);
  }

  /** From now on the clock reads `at` (in the past) and runs on from there at real speed. */
  travelTo(at: Date): void {
    this.offsetMs = Math.max(0, Date.now() - at.getTime());
  }

  /** Back to real time. */
  present(): void {
    this.offsetMs = 0;
  }
}
