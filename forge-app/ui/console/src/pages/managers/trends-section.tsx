// The incident report's trends: per service and per person who acknowledged, the incidents and median
// MTTA/MTTR, with each week's median MTTA as a small strip (its values spelled out for screen readers).
import type { IncidentReport, WeekBucket } from "../../api/managers.ts";
import { formatDuration } from "../../components/time.tsx";

type Trend = IncidentReport["serviceTrends"][number] | IncidentReport["responderTrends"][number];

export function TrendsSection({ report }: { report: IncidentReport }) {
  return (
    <section className="panel" aria-labelledby="trends-heading">
      <h2 id="trends-heading">MTTA and MTTR trends</h2>
      <TrendTable
        caption="By service, busiest first"
        head="Service"
        rows={report.serviceTrends.map((t) => ({ key: t.serviceId ?? "none", name: t.name, trend: t }))}
      />
      <TrendTable
        caption="By responder (who acknowledged), by name"
        head="Responder"
        rows={report.responderTrends.map((t) => ({ key: t.userId, name: t.name, trend: t }))}
      />
    </section>
  );
}

function TrendTable({
  caption,
  head,
  rows,
}: {
  caption: string;
  head: string;
  rows: { key: string; name: string; trend: Trend }[];
}) {
  return (
    <div className="table-scroll">
      <table className="mgr-health">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{head}</th>
            <th scope="col">Incidents</th>
            <th scope="col">MTTA (median)</th>
            <th scope="col">MTTR (median)</th>
            <th scope="col">Weekly MTTA, oldest first</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={5} className="muted">
                None in this range.
              </td>
            </tr>
          )}
          {rows.map(({ key, name, trend }) => (
            <tr key={key}>
              <th scope="row">{name}</th>
              <td>{trend.incidents}</td>
              <td>{formatDuration(trend.mttaMedianSeconds)}</td>
              <td>{formatDuration(trend.mttrMedianSeconds)}</td>
              <td>
                <WeeklyStrip weeks={trend.weeks} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function WeeklyStrip({ weeks }: { weeks: WeekBucket[] }) {
  const most = Math.max(1, ...weeks.map((w) => w.mttaMedianSeconds ?? 0));
  const label = weeks.map((w) => `week of ${w.weekStart}: ${formatDuration(w.mttaMedianSeconds)}`).join("; ");
  return (
    <span className="mgr-strip" role="img" aria-label={`Weekly median MTTA: ${label}`}>
      {weeks.map((w) => (
        <span
          key={w.weekStart}
          className={w.mttaMedianSeconds === null ? "mgr-strip-bar mgr-strip-bar--none" : "mgr-strip-bar"}
          style={{ height: `${Math.max(2, ((w.mttaMedianSeconds ?? 0) / most) * 20)}px` }}
        />
      ))}
    </span>
  );
}
