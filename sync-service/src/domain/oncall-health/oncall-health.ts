// The on-call health report (docs/reports.md): per person the pages they received, how many came off-hours
// or at night in their own time zone, the nights broken, hours on call and time to acknowledge; per
// schedule how evenly its load falls; and warnings where one person carries too much.
import { DAY_MS } from "../clock.ts";
import { groupBy } from "../group-by.ts";
import { median } from "../statistics.ts";
import {
  carriesTooMuch,
  hoursByPerson,
  round,
  scheduleLoad,
  type ScheduleLoad,
  type ScheduleShifts,
} from "./hours-on-call.ts";
import { isoWeekStart, localPageTime, shortDate } from "./local-hours.ts";

export type { ScheduleShifts } from "./hours-on-call.ts";

/** Warn from this many night pages in one ISO week of the person's zone. */
export const NIGHT_PAGES_WARNING = 3;
const WEEK_MS = 7 * DAY_MS;

export interface HealthPerson {
  readonly id: string;
  readonly name: string;
  /** IANA zone: their day, night and weeks. */
  readonly timeZone: string;
}

/** One notification (one row of `pages`): a page is all of them for one person, incident, level and round. */
export interface Notification {
  readonly incidentId: string;
  readonly userId: string;
  readonly level: number;
  readonly round: number;
  readonly at: Date;
}

/** Who acknowledged an incident when, and when that person was first paged for it (null if never). */
export interface Acknowledgement {
  readonly incidentId: string;
  readonly userId: string;
  readonly at: Date;
  readonly firstPagedAt: Date | null;
}

export interface PersonHealth {
  readonly userId: string;
  readonly name: string;
  readonly timeZone: string;
  readonly pages: number;
  readonly offHoursPages: number;
  readonly nightPages: number;
  readonly hoursOnCall: number;
  /** Distinct nights with a night page; `perWeek` is nights ÷ the range's length in weeks. */
  readonly sleepInterruptions: {
    readonly nights: number;
    readonly perWeek: number;
    readonly weeks: { readonly weekStart: string; readonly nights: number; readonly nightPages: number }[];
  };
  readonly acknowledged: number;
  /** Median of first page → acknowledgement over the incidents they acknowledged after being paged. */
  readonly ttaMedianSeconds: number | null;
}

export interface HealthWarning {
  readonly kind: "night_pages" | "hours_share";
  readonly userId: string;
  readonly scheduleId: string | null;
  readonly message: string;
}

export interface OnCallHealth {
  readonly people: PersonHealth[];
  readonly schedules: ScheduleLoad[];
  readonly warnings: HealthWarning[];
}

export interface HealthInput {
  readonly from: Date;
  readonly to: Date;
  readonly people: readonly HealthPerson[];
  readonly notifications: readonly Notification[];
  readonly acknowledgements: readonly Acknowledgement[];
  readonly schedules: readonly ScheduleShifts[];
}

/** The pages of [from, to): one per person, incident, level and round, at its first notification. */
export function pagesOf(notifications: readonly Notification[], from: Date, to: Date): Notification[] {
  const first = new Map<string, Notification>();
  for (const n of notifications) {
    const key = `${n.incidentId}/${n.userId}/${n.level}/${n.round}`;
    const seen = first.get(key);
    if (!seen || n.at < seen.at) first.set(key, n);
  }
  return [...first.values()].filter((p) => p.at >= from && p.at < to);
}

/** The on-call health of [from, to). */
export function onCallHealth(input: HealthInput): OnCallHealth {
  const pages = pagesOf(input.notifications, input.from, input.to);
  const hours = hoursByPerson(input.schedules);
  const weeks = (input.to.getTime() - input.from.getTime()) / WEEK_MS;
  const pagesByUser = groupBy(pages, (p) => p.userId);
  const acksByUser = groupBy(input.acknowledgements, (a) => a.userId);
  const people = input.people
    .map((p) => personHealth(p, pagesByUser.get(p.id) ?? [], acksByUser.get(p.id) ?? [], hours.get(p.id) ?? 0, weeks))
    .filter(
      (p) => p.pages || p.hoursOnCall || p.acknowledged || input.schedules.some((s) => s.members.includes(p.userId)),
    )
    .sort((a, b) => a.name.localeCompare(b.name));
  const byId = new Map(people.map((p) => [p.userId, p]));
  const schedules = input.schedules.map((s) =>
    scheduleLoad(s, (id) => ({ pages: byId.get(id)?.pages ?? 0, offHoursPages: byId.get(id)?.offHoursPages ?? 0 })),
  );
  return { people, schedules, warnings: warnings(people, schedules, byId) };
}

/** One person's row: `pages` and `mine` (acknowledgements) are theirs only. */
function personHealth(
  person: HealthPerson,
  pages: readonly Notification[],
  mine: readonly Acknowledgement[],
  hoursOnCall: number,
  weeksInRange: number,
): PersonHealth {
  const times = pages.map((p) => localPageTime(p.at, person.timeZone));
  const nightsByWeek = new Map<string, { nights: Set<string>; nightPages: number }>();
  for (const t of times) {
    if (!t.nightOf) continue;
    const week = isoWeekStart(t.nightOf);
    const entry = nightsByWeek.get(week) ?? { nights: new Set<string>(), nightPages: 0 };
    entry.nights.add(t.nightOf);
    entry.nightPages++;
    nightsByWeek.set(week, entry);
  }
  const nights = new Set(times.flatMap((t) => (t.nightOf ? [t.nightOf] : []))).size;
  const tta = mine.flatMap((a) =>
    a.firstPagedAt && a.firstPagedAt <= a.at ? [(a.at.getTime() - a.firstPagedAt.getTime()) / 1000] : [],
  );
  const ttaMedian = median(tta);
  return {
    userId: person.id,
    name: person.name,
    timeZone: person.timeZone,
    pages: times.length,
    offHoursPages: times.filter((t) => t.offHours).length,
    nightPages: times.filter((t) => t.night).length,
    hoursOnCall,
    sleepInterruptions: {
      nights,
      perWeek: weeksInRange > 0 ? round(nights / weeksInRange, 2) : 0,
      weeks: [...nightsByWeek]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([weekStart, w]) => ({ weekStart, nights: w.nights.size, nightPages: w.nightPages })),
    },
    acknowledged: mine.length,
    ttaMedianSeconds: ttaMedian === null ? null : Math.round(ttaMedian),
  };
}

function warnings(
  people: readonly PersonHealth[],
  schedules: readonly ScheduleLoad[],
  byId: ReadonlyMap<string, PersonHealth>,
): HealthWarning[] {
  const nightWarnings = people.flatMap((p) =>
    p.sleepInterruptions.weeks
      .filter((w) => w.nightPages >= NIGHT_PAGES_WARNING)
      .map((w) => ({
        kind: "night_pages" as const,
        userId: p.userId,
        scheduleId: null,
        message: `${p.name}: ${w.nightPages} night pages in the week of ${shortDate(w.weekStart)}`,
      })),
  );
  const shareWarnings = schedules.flatMap((s) =>
    s.members
      .filter((m) => carriesTooMuch(s, m))
      .map((m) => ({
        kind: "hours_share" as const,
        userId: m.userId,
        scheduleId: s.scheduleId,
        message: `${byId.get(m.userId)?.name ?? "Someone"} carried ${Math.round(m.share * 100)}% of ${s.name}'s on-call hours`,
      })),
  );
  return [...nightWarnings, ...shareWarnings];
}
