import type { Temporal } from "temporal-polyfill";
import { InvalidInputDomainError } from "../errors.ts";
import { assign } from "./assignment.ts";
import { activeOverrides, compiled, type CompiledSchedule } from "./compiled.ts";
import { layerUserAt } from "./layer.ts";
import { localDateAt, toEpochMs } from "./local-time.ts";
import type { Schedule } from "./schedule.ts";
import { timeline, type OnCallShift } from "./timeline.ts";

export type { OnCallShift } from "./timeline.ts";

/**
 * User ids on call at an instant (docs/schedules.md): the user of the last layer that has
 * someone, swapped or joined by the overrides active then. Scheduled user first, then added ones.
 * @throws InvalidInputDomainError `ONCALL.INVALID_INSTANT` for an invalid Date
 */
export function onCallAt(schedule: Schedule, instant: Temporal.Instant | Date): string[] {
  const at = epochMs(instant);
  const c = compiled(schedule);
  return assign(scheduledAt(c, at), activeOverrides(c.overrides, at)).map((a) => a.user);
}

/**
 * The on-call timeline in `[from, to)`: one entry per user per stretch in which the same users are on
 * call from the same layers or overrides; entries that start together come in `onCallAt` order.
 * @throws InvalidInputDomainError `ONCALL.INVALID_INSTANT` for an invalid Date
 */
export function shifts(schedule: Schedule, from: Temporal.Instant | Date, to: Temporal.Instant | Date): OnCallShift[] {
  return timeline(compiled(schedule), epochMs(from), epochMs(to));
}

function scheduledAt(c: CompiledSchedule, at: number): { user: string; layer: number } | undefined {
  let date: Temporal.PlainDate | undefined;
  // Only daily/weekly rotations and restrictions need the local date; hourly layers never pay for it.
  const localDate = () => (date ??= localDateAt(at, c.timeZone));
  for (let i = c.layers.length - 1; i >= 0; i--) {
    const user = layerUserAt(c.layers[i]!, at, localDate);
    if (user !== undefined) return { user, layer: i };
  }
  return undefined;
}

function epochMs(instant: Temporal.Instant | Date): number {
  const ms = toEpochMs(instant);
  if (Number.isNaN(ms)) throw new InvalidInputDomainError("ONCALL.INVALID_INSTANT", "The instant is an invalid Date.");
  return ms;
}
