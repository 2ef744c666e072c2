import { Temporal } from "temporal-polyfill";
import { localToEpochMs, weekdayOf } from "./local-time.ts";
import type { Restriction, Weekday } from "./schedule.ts";

/** A half-open span of time `[start, end)` in epoch milliseconds. */
export interface Span {
  readonly start: number;
  readonly end: number;
}

/** The instants a layer's restrictions let it be on call. */
export interface RestrictionWindows {
  contains(epochMs: number, localDate: Temporal.PlainDate): boolean;
  /** Merged, sorted, clipped to `[fromMs, toMs)`. */
  between(fromMs: number, toMs: number, fromDate: Temporal.PlainDate, toDate: Temporal.PlainDate): Span[];
}

interface DailyWindow {
  readonly days: ReadonlySet<Weekday>;
  readonly from: Temporal.PlainTime;
  readonly to: Temporal.PlainTime;
  /** docs/schedules.md: `to` earlier than `from` wraps past midnight; equal means a full day from `from`. */
  readonly wraps: boolean;
}

const MEMO_LIMIT = 5_000;
/**
 * A window opens on its local day and lasts at most a day (25 h across a fall-back), so the windows
 * that can hold an instant opened on its local date or one of the two before it.
 */
const LOOK_BACK_DAYS = 2;

export function restrictionWindows(restrictions: readonly Restriction[], timeZone: string): RestrictionWindows {
  const daily = restrictions.map(toDailyWindow);
  const memo = new Map<string, Span[]>();
  /** Each window's bounds are local wall-clock times, turned into instants as RFC 5545 does. */
  const openingOn = (date: Temporal.PlainDate): Span[] => {
    const key = date.toString();
    let spans = memo.get(key);
    if (!spans) {
      if (memo.size >= MEMO_LIMIT) memo.clear();
      spans = daily.filter((w) => w.days.has(weekdayOf(date))).flatMap((w) => span(w, date, timeZone));
      memo.set(key, spans);
    }
    return spans;
  };
  return {
    contains(epochMs, localDate) {
      for (let back = 0; back <= LOOK_BACK_DAYS; back++) {
        const date = back === 0 ? localDate : localDate.subtract({ days: back });
        if (openingOn(date).some((s) => s.start <= epochMs && epochMs < s.end)) return true;
      }
      return false;
    },
    between(fromMs, toMs, fromDate, toDate) {
      const spans: Span[] = [];
      for (
        let date = fromDate.subtract({ days: LOOK_BACK_DAYS });
        Temporal.PlainDate.compare(date, toDate) <= 0;
        date = date.add({ days: 1 })
      ) {
        spans.push(...openingOn(date));
      }
      return mergeSpans(spans, fromMs, toMs);
    },
  };
}

function toDailyWindow(r: Restriction): DailyWindow {
  const from = Temporal.PlainTime.from(r.from);
  const to = Temporal.PlainTime.from(r.to);
  return { days: new Set(r.days), from, to, wraps: Temporal.PlainTime.compare(to, from) <= 0 };
}

function span(w: DailyWindow, date: Temporal.PlainDate, timeZone: string): Span[] {
  const start = localToEpochMs(date.toPlainDateTime(w.from), timeZone);
  const end = localToEpochMs((w.wraps ? date.add({ days: 1 }) : date).toPlainDateTime(w.to), timeZone);
  // A window opening inside a spring-forward gap moves forward by the gap and can pass its own end
  // (02:30–03:15 reads as 03:30–03:15): that day it is empty.
  return end > start ? [{ start, end }] : [];
}

/** Unions overlapping or touching spans, clipped to `[fromMs, toMs)`. */
export function mergeSpans(spans: readonly Span[], fromMs: number, toMs: number): Span[] {
  const sorted = spans
    .map((s) => ({ start: Math.max(s.start, fromMs), end: Math.min(s.end, toMs) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number }[] = [];
  for (const s of sorted) {
    const last = merged.at(-1);
    if (last && s.start <= last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  return merged;
}
