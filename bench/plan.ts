// The event sequence both paths replay: which events open a new key and which repeat an open one.
import { NEW_KEY_SHARE, OPEN_KEY_POOL, PLAN_SEED } from "./config.ts";
import { prng } from "./prng.ts";

export interface PlannedEvent {
  readonly kind: "new" | "repeat";
  readonly dedupKey: string;
}

export interface EventPlan {
  /** Opened once before the warm-up, untimed; repeats are drawn from these. */
  readonly openKeys: readonly string[];
  readonly warmup: readonly PlannedEvent[];
  readonly measured: readonly PlannedEvent[];
}

/** Exactly round(count × NEW_KEY_SHARE) new keys, spread evenly; repeats pick a pool key at random. */
function phase(name: string, count: number, openKeys: readonly string[], random: () => number): PlannedEvent[] {
  const events: PlannedEvent[] = [];
  for (let i = 0; i < count; i++) {
    const isNew = Math.floor((i + 1) * NEW_KEY_SHARE) > Math.floor(i * NEW_KEY_SHARE);
    events.push(
      isNew
        ? { kind: "new", dedupKey: `bench-${name}-${i}` }
        : { kind: "repeat", dedupKey: openKeys[Math.floor(random() * openKeys.length)]! },
    );
  }
  return events;
}

export function makePlan(warmupEvents: number, measuredEvents: number, openKeyPool = OPEN_KEY_POOL): EventPlan {
  const random = prng(PLAN_SEED);
  const openKeys = Array.from({ length: openKeyPool }, (_, i) => `bench-open-${i}`);
  return {
    openKeys,
    warmup: phase("warmup", warmupEvents, openKeys, random),
    measured: phase("measured", measuredEvents, openKeys, random),
  };
}

export const countNew = (events: readonly PlannedEvent[]) => events.filter((e) => e.kind === "new").length;
