// The schedule editor's state: the form as typed (shift length stays text while it is edited) and its
// conversion to the JSON form of docs/schedules.md. A layer without restrictions leaves the field out, so
// what is saved is exactly what was entered.
import type { Schedule } from "../../api/oncall.ts";
import { WEEKDAYS, type Weekday } from "../../../../../../sync-service/src/domain/oncall/local-time.ts";
import type { RotationType } from "../../../../../../sync-service/src/domain/oncall/schedule.ts";

export { WEEKDAYS, type Weekday, type RotationType };

export interface RestrictionDraft {
  readonly key: number;
  readonly days: readonly Weekday[];
  readonly from: string;
  readonly to: string;
}

export interface LayerDraft {
  readonly key: number;
  readonly type: RotationType;
  readonly shiftLength: string;
  readonly start: string;
  readonly users: readonly string[];
  readonly restrictions: readonly RestrictionDraft[];
}

export interface ScheduleDraft {
  readonly name: string;
  readonly timeZone: string;
  readonly layers: readonly LayerDraft[];
}

let nextKey = 1;
/** A stable React key for a layer or restriction that has no id of its own. */
export const newKey = () => nextKey++;

export const newRestriction = (): RestrictionDraft => ({
  key: newKey(),
  days: ["mon", "tue", "wed", "thu", "fri"],
  from: "09:00",
  to: "17:00",
});

/** A new layer starts next Monday at 09:00 local, a weekly rotation of one week. */
export function newLayer(today = new Date()): LayerDraft {
  const monday = new Date(today);
  monday.setDate(today.getDate() + ((8 - today.getDay()) % 7 || 7));
  const pad = (n: number) => String(n).padStart(2, "0");
  const date = `${monday.getFullYear()}-${pad(monday.getMonth() + 1)}-${pad(monday.getDate())}`;
  return { key: newKey(), type: "weekly", shiftLength: "1", start: `${date}T09:00`, users: [], restrictions: [] };
}

export function emptyDraft(): ScheduleDraft {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
  return { name: "", timeZone: zone, layers: [newLayer()] };
}

export function draftOf(schedule: Schedule): ScheduleDraft {
  return {
    name: schedule.name,
    timeZone: schedule.timeZone,
    layers: schedule.layers.map((l) => ({
      key: newKey(),
      type: l.rotation.type,
      shiftLength: String(l.rotation.shiftLength),
      start: l.rotation.start,
      users: l.users,
      restrictions: (l.restrictions ?? []).map((r) => ({ key: newKey(), days: r.days, from: r.from, to: r.to })),
    })),
  };
}

/** The definition as the API takes it (without name and overrides). */
export function definitionOf(draft: ScheduleDraft) {
  return {
    timeZone: draft.timeZone,
    layers: draft.layers.map((l) => ({
      users: [...l.users],
      rotation: { type: l.type, shiftLength: toNumber(l.shiftLength), start: l.start },
      ...(l.restrictions.length > 0
        ? {
            restrictions: l.restrictions.map((r) => ({
              days: WEEKDAYS.filter((d) => r.days.includes(d)),
              from: r.from,
              to: r.to,
            })),
          }
        : {}),
    })),
  };
}

/** A whole number as typed, else the text itself (parseSchedule then names the field). */
function toNumber(text: string): number | string {
  return /^\s*\d+\s*$/.test(text) ? Number(text) : text;
}

/** Moves the item at `from` by `by` places (−1 up, +1 down). */
export function moved<T>(items: readonly T[], from: number, by: number): T[] {
  const to = from + by;
  if (to < 0 || to >= items.length) return [...items];
  const copy = [...items];
  [copy[from], copy[to]] = [copy[to]!, copy[from]!];
  return copy;
}

export const replaced = <T>(items: readonly T[], index: number, item: T): T[] =>
  items.map((x, i) => (i === index ? item : x));

export const removed = <T>(items: readonly T[], index: number): T[] => items.filter((_, i) => i !== index);
