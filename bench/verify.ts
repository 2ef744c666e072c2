// After a run, the rows written must match the plan, or the two paths did not do the same work.
import { countNew, type EventPlan } from "./plan.ts";

export interface CountCheck {
  readonly ok: boolean;
  readonly expected: { incidents: number; alertCountSum: number; timelineEntries: number };
  readonly actual: { incidents: number; alertCountSum: number; timelineEntries: number };
}

type Query = (sql: string) => Promise<Record<string, unknown>[]>;

/** Only successful events write rows, so this is exact only when no event failed. */
export async function checkCounts(plan: EventPlan, query: Query): Promise<CountCheck> {
  const events = plan.openKeys.length + plan.warmup.length + plan.measured.length;
  const expected = {
    incidents: plan.openKeys.length + countNew(plan.warmup) + countNew(plan.measured),
    alertCountSum: events,
    timelineEntries: events,
  };
  const [row] = await query(
    `SELECT (SELECT count(*) FROM incidents)::int AS incidents,
            (SELECT coalesce(sum(count), 0) FROM alerts)::int AS "alertCountSum",
            (SELECT count(*) FROM timeline_entries)::int AS "timelineEntries"`,
  );
  const actual = {
    incidents: Number(row?.incidents),
    alertCountSum: Number(row?.alertCountSum),
    timelineEntries: Number(row?.timelineEntries),
  };
  const ok = (Object.keys(expected) as (keyof typeof expected)[]).every((k) => expected[k] === actual[k]);
  return { ok, expected, actual };
}
