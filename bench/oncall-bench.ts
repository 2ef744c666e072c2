// On-call maths: the cost of one `onCallAt` over a year of hourly rotation. Not a test (STYLE.md:
// timings belong in bench/); bench/run.ts reports it.
import { performance } from "node:perf_hooks";
import { prng } from "./prng.ts";
import { onCallAt } from "../sync-service/src/domain/oncall/oncall.ts";
import { parseSchedule } from "../sync-service/src/domain/oncall/parse-schedule.ts";
import type { Schedule } from "../sync-service/src/domain/oncall/schedule.ts";

const CALLS = 10_000;
const WARMUP_CALLS = 1_000;
const YEAR_START = Date.UTC(2026, 0, 1, 6); // 2026-01-01T00:00 in Chicago (CST)
const YEAR_MS = 365 * 24 * 3_600_000;
const SEED = 20260308;

/** Two restricted hourly layers of 8 users over 2026 in America/Chicago, with 50 overrides. */
function benchSchedule(): Schedule {
  const users = Array.from({ length: 8 }, (_, i) => `user-${i + 1}`);
  const overrides = Array.from({ length: 50 }, (_, i) => {
    const start = YEAR_START + Math.floor((i + 0.5) * (YEAR_MS / 50));
    const end = start + (6 + (i % 5) * 6) * 3_600_000;
    const base = { user: `cover-${i % 7}`, start: new Date(start).toISOString(), end: new Date(end).toISOString() };
    return i % 2 === 0 ? { ...base, replaces: users[i % 8] } : base;
  });
  return parseSchedule({
    timeZone: "America/Chicago",
    layers: [
      {
        users,
        rotation: { type: "hourly", shiftLength: 1, start: "2026-01-01T00:00" },
        restrictions: [{ days: ["mon", "tue", "wed", "thu", "fri", "sat", "sun"], from: "17:00", to: "09:00" }],
      },
      {
        users: [...users].reverse(),
        rotation: { type: "hourly", shiftLength: 2, start: "2026-01-01T09:00" },
        restrictions: [{ days: ["mon", "tue", "wed", "thu", "fri"], from: "09:00", to: "17:00" }],
      },
    ],
    overrides,
  });
}

/** Times `calls` (10,000) `onCallAt` calls at random instants across the year, after `warmupCalls` (1,000). */
export function runOncallBench(
  calls = CALLS,
  warmupCalls = WARMUP_CALLS,
): { calls: number; medianMs: number; p99Ms: number } {
  const schedule = benchSchedule();
  const next = prng(SEED);
  const instants = Array.from(
    { length: warmupCalls + calls },
    () => new Date(YEAR_START + Math.floor(next() * YEAR_MS)),
  );
  let found = 0;
  for (const at of instants.slice(0, warmupCalls)) found += onCallAt(schedule, at).length;
  const timings: number[] = [];
  for (const at of instants.slice(warmupCalls)) {
    const started = performance.now();
    found += onCallAt(schedule, at).length;
    timings.push(performance.now() - started);
  }
  if (found === 0) throw new Error("oncall bench: nobody was ever on call; the schedule is wrong");
  timings.sort((a, b) => a - b);
  const at = (q: number) => timings[Math.min(timings.length - 1, Math.floor(q * timings.length))]!;
  return { calls, medianMs: at(0.5), p99Ms: at(0.99) };
}
