// The next two weeks' shifts of the schedule being edited, computed in the browser from the draft and shown
// in the schedule's own time zone, where its hand-offs are defined.
import type { OnCallShift } from "../../../../../../sync-service/src/domain/oncall/oncall.ts";
import { PREVIEW_DAYS } from "./preview.ts";

const PALETTE = 6;

function formatter(timeZone: string): Intl.DateTimeFormat {
  try {
    return new Intl.DateTimeFormat("en-GB", {
      timeZone,
      weekday: "short",
      day: "numeric",
      month: "short",
      hour: "2-digit",
      minute: "2-digit",
    });
  } catch {
    return new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short" });
  }
}

function duration(ms: number): string {
  const hours = Math.round(ms / 3_600_000);
  if (hours < 24) return `${hours} h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`;
}

export function SchedulePreview({
  shifts,
  timeZone,
  nameOf,
  colourOf,
  invalid,
}: {
  shifts: readonly OnCallShift[];
  timeZone: string;
  nameOf: (id: string) => string;
  colourOf: (id: string) => number;
  invalid: boolean;
}) {
  const format = formatter(timeZone);
  return (
    <section className="panel schedule-preview" aria-labelledby="preview-heading">
      <h2 id="preview-heading">Preview: the next {PREVIEW_DAYS} days</h2>
      <p className="muted">Times in {timeZone}. Overrides are included; the preview follows every edit.</p>
      {invalid ? (
        <p className="muted">Fix the fields marked in the form to see the shifts.</p>
      ) : shifts.length === 0 ? (
        <p className="muted">Nobody is on call in the next {PREVIEW_DAYS} days.</p>
      ) : (
        <div className="table-scroll">
          <table className="preview-table">
            <caption className="visually-hidden">Shifts in the next {PREVIEW_DAYS} days</caption>
            <thead>
              <tr>
                <th scope="col">On call</th>
                <th scope="col">From</th>
                <th scope="col">Until</th>
                <th scope="col">Length</th>
              </tr>
            </thead>
            <tbody>
              {shifts.map((s, i) => (
                <tr key={i}>
                  <td>
                    <span
                      className={`preview-dot dot--c${(colourOf(s.user) + PALETTE) % PALETTE}`}
                      aria-hidden="true"
                    />
                    {nameOf(s.user)}
                    {s.override && <span className="muted"> (override)</span>}
                  </td>
                  <td>{format.format(s.start)}</td>
                  <td>{format.format(s.end)}</td>
                  <td>{duration(s.end.getTime() - s.start.getTime())}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
