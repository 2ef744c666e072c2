// One card per schedule: who is on call now and who comes on next. Choosing a card shows its calendar.
import type { ScheduleSummary } from "../../api/oncall.ts";
import { Time } from "../../components/time.tsx";

export function ScheduleCards({
  schedules,
  selectedId,
  onSelect,
}: {
  schedules: ScheduleSummary[];
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  return (
    <ul className="grid oncall-cards" aria-label="Who is on call">
      {schedules.map((s) => {
        const selected = s.id === selectedId;
        return (
          <li
            key={s.id}
            className={`panel oncall-card${selected ? " oncall-card--selected" : ""}`}
            aria-current={selected ? "true" : undefined}
          >
            <h3 className="oncall-card__name">{s.name}</h3>
            {s.broken && (
              <p className="error-message" role="alert">
                This schedule no longer validates and puts nobody on call until it is corrected: {s.broken}
              </p>
            )}
            <dl>
              <dt>On call now</dt>
              <dd>
                {s.onCallNow.length === 0 ? (
                  <span className="muted">Nobody</span>
                ) : (
                  s.onCallNow.map((p) => p.name).join(", ")
                )}
              </dd>
              <dt>Next</dt>
              <dd>
                {s.next ? (
                  <>
                    {s.next.name} <span className="muted">from</span> <Time iso={s.next.start} />
                  </>
                ) : (
                  <span className="muted">Nobody in the next 90 days</span>
                )}
              </dd>
            </dl>
            <div className="spread">
              <small className="muted">{s.timeZone}</small>
              <button
                type="button"
                className={selected ? "subtle" : ""}
                aria-pressed={selected}
                onClick={() => onSelect(s.id)}
              >
                Show calendar<span className="visually-hidden"> for {s.name}</span>
              </button>
            </div>
          </li>
        );
      })}
    </ul>
  );
}
