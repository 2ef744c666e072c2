// The drill report: each practice incident of the range, how fast it was acknowledged and resolved, and who
// took part (paged, acknowledged, added as responders, wrote notes).
import { Link } from "react-router";
import { drillsPath, type DrillReport } from "../../api/managers.ts";
import { useApi } from "../../api/hooks.ts";
import { QueryState } from "../../components/query-state.tsx";
import { formatDuration, Time } from "../../components/time.tsx";
import { Stat, Stats } from "./stats.tsx";

type Row = DrillReport["drills"][number];
const names = (people: { name: string }[]) => people.map((p) => p.name).join(", ") || "—";

export function DrillsSection({ from, to }: { from: string; to: string }) {
  const report = useApi<DrillReport>(drillsPath(from, to));
  return (
    <section className="panel" aria-labelledby="drills-heading">
      <h2 id="drills-heading">Drills</h2>
      <QueryState query={report} what="the drills">
        {(r) => (
          <>
            <Stats label="Drill totals">
              <Stat label="Drills" value={r.totals.drills} />
              <Stat
                label="Time to acknowledge (median)"
                value={formatDuration(r.totals.ttaMedianSeconds)}
                detail={`${r.totals.acknowledged} acknowledged`}
              />
            </Stats>
            {r.drills.length === 0 ? <p className="muted">No drills in this range.</p> : <DrillTable rows={r.drills} />}
          </>
        )}
      </QueryState>
    </section>
  );
}

function DrillTable({ rows }: { rows: Row[] }) {
  return (
    <div className="table-scroll">
      <table className="mgr-health">
        <caption>Drills, oldest first</caption>
        <thead>
          <tr>
            <th scope="col">Drill</th>
            <th scope="col">Service</th>
            <th scope="col">Opened</th>
            <th scope="col">To acknowledge</th>
            <th scope="col">To resolve</th>
            <th scope="col">Acknowledged by</th>
            <th scope="col">Paged</th>
            <th scope="col">Responders added</th>
            <th scope="col">Wrote notes</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((d) => (
            <tr key={d.incidentId}>
              <th scope="row">
                <Link to={`/incidents/INC-${d.number}`}>INC-{d.number}</Link> {d.title}
              </th>
              <td>{d.service?.name ?? "—"}</td>
              <td>
                <Time iso={d.openedAt} />
              </td>
              <td>{formatDuration(d.secondsToAcknowledge)}</td>
              <td>{formatDuration(d.secondsToResolve)}</td>
              <td>{d.acknowledgedBy?.name ?? "—"}</td>
              <td>{names(d.paged)}</td>
              <td>{names(d.respondersAdded)}</td>
              <td>{names(d.noteWriters)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
