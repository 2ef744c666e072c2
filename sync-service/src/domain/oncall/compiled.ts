import { Temporal } from "temporal-polyfill";
import { compileLayer, type CompiledLayer } from "./layer.ts";
import type { Schedule } from "./schedule.ts";

export interface CompiledOverride {
  readonly user: string;
  readonly replaces: string | undefined;
  /** Beside whoever is on call, instead of in their place. */
  readonly add: boolean;
  readonly start: number;
  readonly end: number;
}

/** A schedule with its strings parsed once, so each on-call query is a few comparisons. */
export interface CompiledSchedule {
  readonly timeZone: string;
  readonly layers: readonly CompiledLayer[];
  readonly overrides: readonly CompiledOverride[];
}

// Schedules are immutable values (readonly types), so the compiled form can be remembered per object.
const cache = new WeakMap<Schedule, CompiledSchedule>();

export function compiled(schedule: Schedule): CompiledSchedule {
  let result = cache.get(schedule);
  if (!result) {
    result = {
      timeZone: schedule.timeZone,
      layers: schedule.layers.map((layer, index) => compileLayer(layer, index, schedule.timeZone)),
      overrides: schedule.overrides.map((o) => ({
        user: o.user,
        replaces: o.replaces,
        add: o.add === true,
        start: Temporal.Instant.from(o.start).epochMilliseconds,
        end: Temporal.Instant.from(o.end).epochMilliseconds,
      })),
    };
    cache.set(schedule, result);
  }
  return result;
}

/** Overrides active at `epochMs`: start inclusive, end exclusive. */
export function activeOverrides(overrides: readonly CompiledOverride[], epochMs: number): CompiledOverride[] {
  return overrides.filter((o) => o.start <= epochMs && epochMs < o.end);
}
