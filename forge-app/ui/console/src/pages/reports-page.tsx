// The managers' report: incidents, MTTA/MTTR and action items over a date range (default the last 12
// weeks), with weekly charts and trends per service and responder; beside it the on-call health and the
// drills of the same range. The range lives in the URL, so a report is a link.
import { useMemo } from "react";
import { useSearchParams } from "react-router";
import { useApi } from "../api/hooks.ts";
import { lastTwelveWeeks, reportPath, type IncidentReport } from "../api/managers.ts";
import { Field } from "../components/field.tsx";
import { QueryState } from "../components/query-state.tsx";
import { formatDuration } from "../components/time.tsx";
import { DrillsSection } from "./managers/drills-section.tsx";
import { IncidentsPerWeekChart } from "./managers/incidents-per-week-chart.tsx";
import { OnCallHealthSection } from "./managers/oncall-health-section.tsx";
import { ResponseTimesChart } from "./managers/response-times-chart.tsx";
import { Stat, Stats } from "./managers/stats.tsx";
import { TrendsSection } from "./managers/trends-section.tsx";
import "./managers.css";
import "./managers/report-tables.css";

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function useRange() {
  const [params, setParams] = useSearchParams();
  const fallback = useMemo(() => lastTwelveWeeks(new Date()), []);
  const from = DATE.test(params.get("from") ?? "") ? params.get("from")! : fallback.from;
  const to = DATE.test(params.get("to") ?? "") ? params.get("to")! : fallback.to;
  const set = (name: "from" | "to", value: string) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (DATE.test(value)) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );
  return { from, to, set };
}

export function ReportsPage() {
  const { from, to, set } = useRange();
  const invalid = from > to ? "“To” must be on or after “From”." : null;
  const report = useApi<IncidentReport>(invalid ? null : reportPath(from, to));

  return (
    <section aria-labelledby="reports-heading">
      <h1 id="reports-heading">Reports</h1>
      <form className="row mgr-filters" aria-label="Report range" onSubmit={(e) => e.preventDefault()}>
        <Field label="From">
          <input type="date" value={from} max={to} onChange={(e) => set("from", e.target.value)} />
        </Field>
        <Field label="To" error={invalid} hint="Both days included; weeks start on Monday (UTC).">
          <input type="date" value={to} min={from} onChange={(e) => set("to", e.target.value)} />
        </Field>
      </form>
      {!invalid && (
        <>
          <QueryState query={report} what="the report">
            {(r) => <Report report={r} />}
          </QueryState>
          <OnCallHealthSection from={from} to={to} />
          <DrillsSection from={from} to={to} />
        </>
      )}
    </section>
  );
}

function Report({ report: r }: { report: IncidentReport }) {
  return (
    <>
      <Stats label="Headline numbers">
        <Stat label="Incidents" value={r.incidents} />
        <Stat
          label="MTTA (median)"
          value={formatDuration(r.mtta.medianSeconds)}
          detail={`mean ${formatDuration(r.mtta.meanSeconds)} · ${r.mtta.acknowledged} acknowledged`}
        />
        <Stat
          label="MTTR (median)"
          value={formatDuration(r.mttr.medianSeconds)}
          detail={`mean ${formatDuration(r.mttr.meanSeconds)} · ${r.mttr.resolved} resolved`}
        />
        <Stat label="Action items open" value={r.actionItems.open} />
        <Stat
          label="Action items overdue"
          value={r.actionItems.overdue}
          tone={r.actionItems.overdue > 0 ? "danger" : "neutral"}
        />
        <Stat label="Action items done" value={r.actionItems.done} tone="success" />
      </Stats>
      <div className="mgr-charts">
        <IncidentsPerWeekChart weeks={r.weeks} />
        <ResponseTimesChart weeks={r.weeks} />
      </div>
      <ByService report={r} />
      <TrendsSection report={r} />
    </>
  );
}

function ByService({ report: r }: { report: IncidentReport }) {
  const most = Math.max(1, ...r.byService.map((s) => s.incidents));
  return (
    <section className="panel" aria-labelledby="by-service-heading">
      <h2 id="by-service-heading">Incidents by service</h2>
      {r.byService.length === 0 ? (
        <p className="muted">No incidents in this range.</p>
      ) : (
        <div className="table-scroll">
          <table className="mgr-by-service">
            <thead>
              <tr>
                <th scope="col">Service</th>
                <th scope="col">Incidents</th>
                <th scope="col" className="hide-narrow">
                  <span className="visually-hidden">Share</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {r.byService.map((s) => (
                <tr key={s.serviceId ?? "none"}>
                  <th scope="row">{s.serviceId ? s.name : <span className="muted">{s.name}</span>}</th>
                  <td>{s.incidents}</td>
                  <td className="hide-narrow" aria-hidden="true">
                    <span className="mgr-share" style={{ width: `${(s.incidents / most) * 100}%` }} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
