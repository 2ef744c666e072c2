// Schedules: every schedule with who is on call now and next, "New schedule", and the editor at
// /schedules/{id} (or /schedules/new) with its live preview of the next two weeks.
import { Link, useLocation, useParams } from "react-router";
import { usePeople, useSchedule, useScheduleSummaries, type Schedule } from "../api/oncall.ts";
import { QueryState } from "../components/query-state.tsx";
import { Time } from "../components/time.tsx";
import { useSession } from "../session.tsx";
import { ScheduleEditor } from "./schedules/schedule-editor.tsx";
import "./schedules/schedules.css";

export function SchedulesPage() {
  const summaries = useScheduleSummaries();
  const { can } = useSession();
  return (
    <div className="schedules">
      <div className="spread">
        <h1>Schedules</h1>
        {can("admin") && (
          <Link className="button primary" to="/schedules/new">
            New schedule
          </Link>
        )}
      </div>
      <QueryState query={summaries} what="schedules">
        {(data) =>
          data.schedules.length === 0 ? (
            <p className="panel">No schedules yet.</p>
          ) : (
            <div className="table-scroll panel">
              <table className="schedules-table">
                <caption className="visually-hidden">Schedules</caption>
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">On call now</th>
                    <th scope="col">Next</th>
                    <th scope="col">Time zone</th>
                  </tr>
                </thead>
                <tbody>
                  {data.schedules.map((s) => (
                    <tr key={s.id}>
                      <td>
                        <Link to={`/schedules/${s.id}`}>{s.name}</Link>
                        {s.broken && <small className="field-error"> {s.broken}</small>}
                      </td>
                      <td>{s.onCallNow.map((p) => p.name).join(", ") || <span className="muted">Nobody</span>}</td>
                      <td>
                        {s.next ? (
                          <>
                            {s.next.name} <span className="muted">from</span> <Time iso={s.next.start} />
                          </>
                        ) : (
                          <span className="muted">—</span>
                        )}
                      </td>
                      <td>{s.timeZone}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )
        }
      </QueryState>
    </div>
  );
}

export function SchedulePage() {
  const { id = "new" } = useParams();
  const isNew = id === "new";
  const schedule = useSchedule(isNew ? null : id);
  const people = usePeople();
  const { can } = useSession();
  const location = useLocation();
  const savedBefore = (location.state as { saved?: boolean } | null)?.saved === true;
  const editor = (s: Schedule | null) => (
    <ScheduleEditor
      key={s?.id ?? "new"}
      schedule={s}
      people={people.data?.users ?? []}
      canEdit={can("admin")}
      savedBefore={savedBefore}
    />
  );
  return (
    <div className="schedules">
      <p className="breadcrumb">
        <Link to="/schedules">Schedules</Link>
      </p>
      <h1>{isNew ? "New schedule" : (schedule.data?.name ?? "Schedule")}</h1>
      <QueryState query={people} what="people">
        {() =>
          isNew ? (
            editor(null)
          ) : (
            <QueryState query={schedule} what="the schedule">
              {editor}
            </QueryState>
          )
        }
      </QueryState>
    </div>
  );
}
