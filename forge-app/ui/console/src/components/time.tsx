import { useEffect, useState } from "react";

const absolute = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });
const clock = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", hourCycle: "h23" });

/** An instant in the reader's time zone, with the exact ISO time on hover and for machines. */
export function Time({ iso }: { iso: string | null | undefined }) {
  if (!iso) return <span>—</span>;
  return (
    <time dateTime={iso} title={iso}>
      {absolute.format(new Date(iso))}
    </time>
  );
}

/** "3 min", "2 h 5 min", "1 d 4 h": durations in reports and headers. */
export function formatDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return "—";
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h} h ${m % 60} min`;
  return `${Math.floor(h / 24)} d ${h % 24} h`;
}

/** "14:05": the time of day of an instant in the reader's time zone (today's events). */
export function ClockTime({ iso }: { iso: string }) {
  return (
    <time dateTime={iso} title={absolute.format(new Date(iso))}>
      {clock.format(new Date(iso))}
    </time>
  );
}

/** "in 4 min", "2 min ago", "now": an instant relative to `now`. */
export function fromNow(iso: string, now: number): string {
  const seconds = (new Date(iso).getTime() - now) / 1000;
  if (Math.abs(seconds) < 30) return "now";
  // A countdown rounds up: "in 1 min" until it fires, never "in 0 min".
  return seconds > 0 ? `in ${formatDuration(Math.ceil(seconds / 60) * 60)}` : `${formatDuration(-seconds)} ago`;
}

/** The current time, renewed every `everyMs`, so countdowns move on their own. */
export function useNow(everyMs = 15_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}
