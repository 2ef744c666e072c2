// The on-call health report: per person their pages (off-hours and at night in their own time zone), hours on
// call, broken nights and time to acknowledge; per schedule how evenly its load falls; and the warnings.
import { daysIn, ONCALL_MAX_DAYS, oncallPath, type OnCallHealthReport } from "../../api/managers.ts";
import { useApi } from "../../api/hooks.ts";
import { QueryState } from "../../components/query-state.tsx";
import { formatDuration } from "../../components/time.tsx";

type Health = OnCallHealthReport;
const percent = (share: number) => `${Math.round(share * 100)}%`;
const hours = (h: number) => `${Math.round(h * 10) / 10} h`;

export function OnCallHealthSection({ from, to }: { from: string; to: string }) {
  const tooLong = daysIn(from, to) > ONCALL_MAX_DAYS;
  const report = useApi<Health>(tooLong ? null : oncallPath(from, to));
  return (
    <section className="panel" aria-labelledby="oncall-health-heading">
      <h2 id="oncall-health-heading">On-call health</h2>
      <p className="muted mgr-note">
        Off-hours is before 08:00 or from 20:00, night 22:00–07:00, both in each person&apos;s own time zone. Drills are
        left out.
      </p>
      {tooLong ? (
        <p role="status">On-call health covers at most {ONCALL_MAX_DAYS} days: choose a shorter range.</p>
      ) : (
        <QueryState query={report} what="on-call health">
          {(r) => <Health report={r} />}
        </QueryState>
      )}
    </section>
  );
}

function Health({ report: r }: { report: Health }) {
  const names = new Map(r.people.map((p) => [p.userId, p.name]));
  return (
    <>
      <Warnings warnings={r.warnings} />
      <div className="table-scroll">
        <table className="mgr-health">
          <caption>People, by name</caption>
          <thead>
            <tr>
              <th scope="col">Person</th>
              <th scope="col">Pages</th>
              <th scope="col">Off-hours</th>
              <th scope="col">Night</th>
              <th scope="col">Hours on call</th>
              <th scope="col">Sleep interruptions / week</th>
              <th scope="col">Median TTA</th>
            </tr>
          </thead>
          <tbody>
            {r.people.map((p) => (
              <tr key={p.userId}>
                <th scope="row">
                  {p.name} <span className="muted mgr-zone">{p.timeZone}</span>
                </th>
                <td>{p.pages}</td>
                <td>{p.offHoursPages}</td>
                <td>{p.nightPages}</td>
                <td>{hours(p.hoursOnCall)}</td>
                <td>
                  {p.sleepInterruptions.perWeek}{" "}
                  <span className="muted">
                    ({p.sleepInterruptions.nights} {p.sleepInterruptions.nights === 1 ? "night" : "nights"})
                  </span>
                </td>
                <td>{formatDuration(p.ttaMedianSeconds)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {r.people.length === 0 && <p className="muted">Nobody was paged or on call in this range.</p>}
      <div className="table-scroll">
        <table className="mgr-health">
          <caption>Schedules: how evenly the load falls (fairness 1 = perfectly even)</caption>
          <thead>
            <tr>
              <th scope="col">Schedule</th>
              <th scope="col">Hours on call</th>
              <th scope="col">Members (share of hours)</th>
              <th scope="col">Fairness of hours</th>
              <th scope="col">Fairness of off-hours pages</th>
            </tr>
          </thead>
          <tbody>
            {r.schedules.map((s) => (
              <tr key={s.scheduleId}>
                <th scope="row">{s.name}</th>
                <td>{hours(s.hoursOnCall)}</td>
                <td>{s.members.map((m) => `${names.get(m.userId) ?? "someone"} ${percent(m.share)}`).join(", ")}</td>
                <td>{s.fairness.hours.toFixed(2)}</td>
                <td>{s.fairness.offHoursPages.toFixed(2)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function Warnings({ warnings }: { warnings: Health["warnings"] }) {
  if (warnings.length === 0) return <p className="muted">No warnings in this range.</p>;
  return (
    <div className="mgr-warnings" role="region" aria-label="Warnings">
      <h3>Warnings</h3>
      <ul>
        {warnings.map((w) => (
          <li key={`${w.kind}/${w.userId}/${w.scheduleId ?? ""}/${w.message}`}>{w.message}</li>
        ))}
      </ul>
    </div>
  );
}
