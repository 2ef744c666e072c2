// The selected schedule's shifts in FullCalendar v7 (week, month, list), fetched for the visible range.
// Dragging across free time is a shortcut to the override form; the form alone can do everything.
import FullCalendar, {
  type CalendarRef,
  type DateSelectInfo,
  type DatesSetInfo,
  type EventInput,
} from "@fullcalendar/react";
import dayGridPlugin from "@fullcalendar/react/daygrid";
import interactionPlugin from "@fullcalendar/react/interaction";
import listPlugin from "@fullcalendar/react/list";
import classicTheme from "@fullcalendar/react/themes/classic";
import timeGridPlugin from "@fullcalendar/react/timegrid";
import "@fullcalendar/react/skeleton.css";
import "@fullcalendar/react/themes/classic/theme.css";
import "@fullcalendar/react/themes/classic/palette.css";
import { useEffect, useMemo, useRef, useState, useSyncExternalStore } from "react";
import { useShifts, type Schedule, type Shift } from "../../api/oncall.ts";
import { ErrorMessage } from "../../components/error-message.tsx";
import type { OverrideDraft } from "./override-form.tsx";

const PLUGINS = [classicTheme, dayGridPlugin, timeGridPlugin, listPlugin, interactionPlugin];
const NARROW = "(max-width: 640px)";
// Hints become accessible names; each starts with the button's visible text (WCAG 2.5.3, label in name).
const BUTTONS = {
  timeGridWeek: { text: "Week", hint: "Week view" },
  dayGridMonth: { text: "Month", hint: "Month view" },
  listWeek: { text: "List", hint: "List view" },
  timeGridDay: { text: "Day", hint: "Day view" },
  today: { text: "Today", hint: "Today" },
};
/** Colours per person from the design tokens' accent set, so a rotation reads at a glance. */
const PALETTE = 6;

function useNarrow(): boolean {
  return useSyncExternalStore(
    (change) => {
      const query = window.matchMedia(NARROW);
      query.addEventListener("change", change);
      return () => query.removeEventListener("change", change);
    },
    () => window.matchMedia(NARROW).matches,
  );
}

/** Who the rotation (not an override) has on call at `at`, to prefill whom an override replaces. */
function scheduledAt(shifts: readonly Shift[], at: Date): string | null {
  const t = at.getTime();
  return shifts.find((s) => !s.override && Date.parse(s.start) <= t && t < Date.parse(s.end))?.user ?? null;
}

export function ShiftCalendar({
  schedule,
  nameOf,
  selectable,
  onSelectRange,
}: {
  schedule: Schedule;
  nameOf: (id: string) => string;
  selectable: boolean;
  onSelectRange: (draft: OverrideDraft) => void;
}) {
  const narrow = useNarrow();
  const calendar = useRef<CalendarRef>(null);
  const container = useRef<HTMLDivElement>(null);
  const [range, setRange] = useState<{ from: Date; to: Date } | null>(null);
  const [view, setView] = useState(narrow ? "listWeek" : "timeGridWeek");
  const shifts = useShifts(schedule.id, range);
  const colour = useMemo(() => {
    const order = [...new Set(schedule.layers.flatMap((l) => l.users))];
    return (user: string) => `shift--c${(order.indexOf(user) + PALETTE) % PALETTE}`;
  }, [schedule]);

  const events = useMemo<EventInput[]>(
    () =>
      (shifts.data?.shifts ?? []).map((s, i) => ({
        id: String(i),
        title: s.override ? `${nameOf(s.user)} (override)` : nameOf(s.user),
        start: s.start,
        end: s.end,
        className: s.override ? "shift shift--override" : `shift ${colour(s.user)}`,
      })),
    [shifts.data, nameOf, colour],
  );

  // Phones get the list (and day) views; wider screens week and month.
  useEffect(() => {
    const api = calendar.current?.getApi();
    if (!api) return;
    const type = api.view.type;
    if (narrow && type !== "listWeek" && type !== "timeGridDay") api.changeView("listWeek");
    if (!narrow && (type === "listWeek" || type === "timeGridDay")) api.changeView("timeGridWeek");
  }, [narrow]);

  const onDates = (info: DatesSetInfo) => {
    setView(info.view.type);
    // Open the day at working hours, as FullCalendar's scrollTime would: 08:00 is a third of the way down.
    const pane = container.current;
    if (pane && info.view.type.startsWith("timeGrid"))
      requestAnimationFrame(() => (pane.scrollTop = pane.scrollHeight / 3 - 60));
    setRange((r) =>
      r && r.from.getTime() === info.start.getTime() && r.to.getTime() === info.end.getTime()
        ? r
        : { from: info.start, to: info.end },
    );
  };
  const onSelect = (info: DateSelectInfo) => {
    onSelectRange({ start: info.start, end: info.end, replaces: scheduledAt(shifts.data?.shifts ?? [], info.start) });
    info.view.calendar.unselect();
  };

  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return (
    <section className="panel oncall-calendar" aria-labelledby="shifts-heading">
      <div className="spread">
        <h3 id="shifts-heading">Shifts</h3>
        <small className="muted">
          Times in your time zone ({zone}); the schedule hands off in {schedule.timeZone}.
          {selectable && !narrow && " Drag across the calendar to add an override."}
        </small>
      </div>
      <ErrorMessage error={shifts.error} />
      <p className="visually-hidden" aria-live="polite">
        {shifts.isFetching ? "Loading shifts…" : ""}
      </p>
      {/* The page scrolls the calendar, not FullCalendar: its own scroll panes sit inside the grid's ARIA
          structure where they can take no keyboard focus (WCAG 2.1.1). One focusable region instead. */}
      <div ref={container} className="calendar-scroll" tabIndex={0} role="region" aria-label="Shifts calendar">
        <FullCalendar
          ref={calendar}
          plugins={PLUGINS}
          initialView={view}
          headerToolbar={
            narrow
              ? { start: "prev,next today", center: "title", end: "listWeek,timeGridDay" }
              : { start: "prev,next today", center: "title", end: "timeGridWeek,dayGridMonth,listWeek" }
          }
          buttons={BUTTONS}
          headingLevel={4}
          height="auto"
          nowIndicator
          allDaySlot={false}
          dayMaxEvents
          events={events}
          datesSet={onDates}
          selectable={selectable}
          selectMirror
          select={onSelect}
          noEventsText="Nobody is on call in this range."
        />
      </div>
    </section>
  );
}
