// On-call: who is on call now and next for every schedule, the selected schedule's shifts as a calendar,
// its overrides (add by dragging across the calendar or with the form; delete), and its calendar feeds.
import { useCallback, useMemo, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { usePeople, useSchedule, useScheduleSummaries, type Person, type Schedule } from "../api/oncall.ts";
import { QueryState } from "../components/query-state.tsx";
import { useSession } from "../session.tsx";
import { CalendarLinks } from "./oncall/calendar-links.tsx";
import { OverrideForm, type OverrideDraft } from "./oncall/override-form.tsx";
import { OverrideList } from "./oncall/override-list.tsx";
import { ScheduleCards } from "./oncall/schedule-cards.tsx";
import { ShiftCalendar } from "./oncall/shift-calendar.tsx";
import "./oncall-page.css";

export function OnCallPage() {
  const summaries = useScheduleSummaries();
  const [params, setParams] = useSearchParams();
  const schedules = summaries.data?.schedules ?? [];
  const selectedId = params.get("schedule") ?? schedules[0]?.id ?? null;
  const select = useCallback((id: string) => setParams({ schedule: id }, { replace: true }), [setParams]);

  return (
    <div className="oncall">
      <h1>On-call</h1>
      <QueryState query={summaries} what="schedules">
        {(data) =>
          data.schedules.length === 0 ? (
            <p className="panel">
              No schedules yet. An admin creates them on the <Link to="/schedules">Schedules</Link> page.
            </p>
          ) : (
            <ScheduleCards schedules={data.schedules} selectedId={selectedId} onSelect={select} />
          )
        }
      </QueryState>
      {selectedId && <ScheduleDetail key={selectedId} scheduleId={selectedId} />}
    </div>
  );
}

function ScheduleDetail({ scheduleId }: { scheduleId: string }) {
  const schedule = useSchedule(scheduleId);
  const people = usePeople();
  return (
    <QueryState query={schedule} what="the schedule">
      {(s) => <ScheduleView schedule={s} people={people.data?.users ?? []} />}
    </QueryState>
  );
}

function ScheduleView({ schedule, people }: { schedule: Schedule; people: Person[] }) {
  const { can } = useSession();
  const canEdit = can("responder");
  const [draft, setDraft] = useState<OverrideDraft | null>(null);
  const [notice, setNotice] = useState("");
  const open = (d: OverrideDraft) => {
    setNotice("");
    setDraft(d);
  };
  const done = (saved: boolean) => {
    setDraft(null);
    setNotice(saved ? "Override saved." : "");
  };
  const rostered = useMemo(() => [...new Set(schedule.layers.flatMap((l) => l.users))], [schedule]);
  // Layers may name ids that are not people in Firewatch; those show as their id.
  const nameOf = useMemo(() => {
    const names = new Map(people.map((p) => [p.id, p.name]));
    return (id: string) => names.get(id) ?? id;
  }, [people]);

  return (
    <section aria-labelledby="schedule-heading">
      <div className="spread">
        <h2 id="schedule-heading">{schedule.name}</h2>
        {canEdit && !draft && (
          <button type="button" className="primary" onClick={() => open({ start: null, end: null, replaces: null })}>
            Add override
          </button>
        )}
      </div>
      {canEdit && draft && (
        <OverrideForm
          key={`${draft.start?.getTime()}-${draft.end?.getTime()}`}
          schedule={schedule}
          people={people}
          rostered={rostered}
          nameOf={nameOf}
          draft={draft}
          onDone={done}
        />
      )}
      <p role="status" className="oncall-notice">
        {notice}
      </p>
      <ShiftCalendar schedule={schedule} nameOf={nameOf} selectable={canEdit} onSelectRange={open} />
      <OverrideList schedule={schedule} nameOf={nameOf} canEdit={canEdit} />
      <CalendarLinks schedule={schedule} rostered={rostered} nameOf={nameOf} />
    </section>
  );
}
