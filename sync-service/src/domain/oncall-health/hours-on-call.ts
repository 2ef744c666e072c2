// Hours on call from the schedules' shifts, and how evenly each schedule's load falls on its members.
import { shifts } from "../oncall/oncall.ts";
import type { Schedule } from "../oncall/schedule.ts";
import { groupBy } from "../group-by.ts";
import { evenness } from "../statistics.ts";

const HOUR_MS = 3_600_000;

/** A stretch one person is on call (a shift of the schedule engine, clipped to the report's range). */
export interface ShiftSpan {
  readonly user: string;
  readonly start: Date;
  readonly end: Date;
}

/** A schedule's shifts in the report's range; `members` are the people its layers and overrides in the range name. */
export interface ScheduleShifts {
  readonly id: string;
  readonly name: string;
  readonly members: readonly string[];
  readonly shifts: readonly ShiftSpan[];
}

export interface ScheduleMemberLoad {
  readonly userId: string;
  readonly hoursOnCall: number;
  /** This member's part of the schedule's hours on call, 0–1. */
  readonly share: number;
  readonly pages: number;
  readonly offHoursPages: number;
}

export interface ScheduleLoad {
  readonly scheduleId: string;
  readonly name: string;
  readonly hoursOnCall: number;
  readonly members: ScheduleMemberLoad[];
  /** 1 − Gini coefficient among the members (statistics.ts `evenness`): 1 is perfectly even. */
  readonly fairness: { readonly hours: number; readonly offHoursPages: number };
}

/** A schedule's shifts in [from, to) from the schedule engine (layers, restrictions, overrides, DST). */
export function scheduleShifts(id: string, name: string, schedule: Schedule, from: Date, to: Date): ScheduleShifts {
  // Everyone its layers name, and whoever an override in the range brings in.
  const overrides = schedule.overrides.filter(
    (o) => Date.parse(o.start) < to.getTime() && Date.parse(o.end) > from.getTime(),
  );
  const members = [...schedule.layers.flatMap((l) => l.users), ...overrides.map((o) => o.user)];
  return { id, name, members: [...new Set(members)], shifts: shifts(schedule, from, to) };
}

/** Hours (2 decimals) in the union of `spans`: overlapping stretches of one person count once. */
export function unionHours(spans: readonly { start: Date; end: Date }[]): number {
  const sorted = [...spans].sort((a, b) => a.start.getTime() - b.start.getTime());
  let total = 0;
  let reach = -Infinity;
  for (const s of sorted) {
    const start = Math.max(s.start.getTime(), reach);
    if (s.end.getTime() > start) total += s.end.getTime() - start;
    reach = Math.max(reach, s.end.getTime());
  }
  return round(total / HOUR_MS, 2);
}

/** Each person's hours on call over all the schedules, overlaps counted once. */
export function hoursByPerson(schedules: readonly ScheduleShifts[]): Map<string, number> {
  const spans = groupBy(
    schedules.flatMap((s) => s.shifts),
    (shift) => shift.user,
  );
  return new Map([...spans].map(([user, list]) => [user, unionHours(list)]));
}

/** One schedule's members' hours and pages (pages are the person's, whichever schedule put them on call). */
export function scheduleLoad(
  schedule: ScheduleShifts,
  pagesOf: (userId: string) => { pages: number; offHoursPages: number },
): ScheduleLoad {
  const hours = hoursByPerson([schedule]);
  const members = [...new Set([...schedule.members, ...hours.keys()])];
  const total = round(
    [...hours.values()].reduce((a, b) => a + b, 0),
    2,
  );
  const loads = members.map((userId) => {
    const hoursOnCall = hours.get(userId) ?? 0;
    return { userId, hoursOnCall, share: total ? round(hoursOnCall / total, 3) : 0, ...pagesOf(userId) };
  });
  return {
    scheduleId: schedule.id,
    name: schedule.name,
    hoursOnCall: total,
    members: loads.sort((a, b) => b.hoursOnCall - a.hoursOnCall),
    fairness: {
      hours: round(evenness(loads.map((m) => m.hoursOnCall)), 2),
      offHoursPages: round(evenness(loads.map((m) => m.offHoursPages)), 2),
    },
  };
}

/** A member carries too much of a schedule's hours from 1.5 × an even share (n ≥ 2): 75 % of two, 50 % of three. */
export function carriesTooMuch(load: ScheduleLoad, member: ScheduleMemberLoad): boolean {
  const n = load.members.length;
  return n >= 2 && load.hoursOnCall > 0 && member.share >= 1.5 / n;
}

export function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
