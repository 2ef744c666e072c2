import { DAY_MS } from "../../domain/clock.ts";
import type { Principal } from "../../domain/principal.ts";
import { onCallAt, shifts } from "../../domain/oncall/oncall.ts";
import type { Schedule } from "../../domain/oncall/schedule.ts";
import type { ScheduleRecord } from "../../ports/oncall-repository.ts";
import type { NameKey, PageRequest } from "../../ports/repositories.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { readStoredSchedule } from "./stored-schedule.ts";

export interface OnCallPerson {
  readonly userId: string;
  readonly name: string;
}

export interface ScheduleSummary {
  readonly id: string;
  readonly name: string;
  readonly timeZone: string;
  readonly onCallNow: OnCallPerson[];
  readonly next: (OnCallPerson & { readonly start: string }) | null;
  /** Why the stored schedule no longer validates (nobody is shown on call from it), or null. */
  readonly broken: string | null;
}

/** How far ahead "next on call" looks: beyond the longest usual rotation (four weekly shifts) with room to spare. */
const NEXT_HORIZON_MS = 90 * DAY_MS;

/** A page of schedules (by name) with who is on call now and who comes on next, names resolved from people; a broken one says why. */
export async function listScheduleSummaries(
  deps: UseCaseDeps,
  by: Principal,
  page: PageRequest<NameKey>,
): Promise<ScheduleSummary[]> {
  const records = await deps.uow.run((tx) => tx.oncall.pageSchedules(by.tenantId, page));
  const now = deps.clock.now();
  type Read =
    | { record: ScheduleRecord; broken: string }
    | { record: ScheduleRecord; schedule: Schedule; onCallNow: string[]; next: ReturnType<typeof nextOnCall> };
  const found = records.map((record): Read => {
    const read = readStoredSchedule(record);
    if ("broken" in read) return { record, broken: read.broken.reason };
    const { schedule } = read;
    return { record, schedule, onCallNow: onCallAt(schedule, now), next: nextOnCall(schedule, now) };
  });
  const ids = [
    ...new Set(found.flatMap((f) => ("broken" in f ? [] : [...f.onCallNow, ...(f.next ? [f.next.user] : [])]))),
  ];
  const users = ids.length ? await deps.uow.run((tx) => tx.oncall.findUsers(by.tenantId, ids)) : [];
  const names = new Map(users.map((u) => [u.id, u.name]));
  // Layers may name ids that are not (yet) people in Firewatch (docs/schedules.md allows any id); show the id then.
  const person = (userId: string): OnCallPerson => ({ userId, name: names.get(userId) ?? userId });
  return found.map((f) => {
    if ("broken" in f) return brokenSummary(f.record, f.broken);
    const { record, schedule, onCallNow, next } = f;
    return {
      id: record.id,
      name: record.name,
      timeZone: schedule.timeZone,
      onCallNow: onCallNow.map(person),
      next: next ? { ...person(next.user), start: next.start.toISOString() } : null,
      broken: null,
    };
  });
}

function brokenSummary(record: ScheduleRecord, reason: string): ScheduleSummary {
  const zone = (record.definition as { timeZone?: unknown } | null)?.timeZone;
  return {
    id: record.id,
    name: record.name,
    timeZone: typeof zone === "string" ? zone.slice(0, 64) : "",
    onCallNow: [],
    next: null,
    broken: reason,
  };
}

/** The first stint that begins after `now`: a shift not continuing one of the same user that ends where it starts. */
function nextOnCall(schedule: Schedule, now: Date): { user: string; start: Date } | undefined {
  const upcoming = shifts(schedule, now, new Date(now.getTime() + NEXT_HORIZON_MS));
  // The timeline cuts a stretch wherever anyone's assignment changes; those cuts are not hand-offs.
  const continues = new Set(upcoming.map((s) => `${s.user}\u0000${s.end.getTime()}`));
  return upcoming.find((s) => s.start > now && !continues.has(`${s.user}\u0000${s.start.getTime()}`));
}
