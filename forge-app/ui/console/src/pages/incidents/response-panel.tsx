import type { Incident } from "../../api/incidents.ts";
import { useIncidentResponse, type IncidentResponse, type PageSent } from "../../api/response.ts";
import { Icon } from "../../components/icons.tsx";
import { Lozenge, type Appearance } from "../../components/lozenge.tsx";
import { QueryState } from "../../components/query-state.tsx";
import { ClockTime, fromNow, Time, useNow } from "../../components/time.tsx";
import { useSession } from "../../session.tsx";
import { ChangeService, ResponseActions } from "./response-actions.tsx";
import "./response.css";

const CHANNEL: Record<string, string> = {
  slack: "Slack",
  sms: "SMS",
  voice: "Phone call",
  email: "E-mail",
  webhook: "Webhook",
};
const STATE: Record<PageSent["state"], [string, Appearance]> = {
  sending: ["Sending", "default"],
  sent: ["Sent", "inprogress"],
  delivered: ["Delivered", "inprogress"],
  failed: ["Failed", "removed"],
};

/** "Response": who the incident pages, where its escalation stands, who is on call at each level, every page sent. */
export function ResponsePanel({ incident }: { incident: Incident }) {
  const response = useIncidentResponse(incident.key);
  return (
    <section className="panel response" aria-labelledby="response-heading">
      <div className="response-head">
        <h2 id="response-heading">Response</h2>
        {response.data && <ResponseActions incident={incident} response={response.data} />}
      </div>
      <QueryState query={response} what="the response">
        {(r) => <ResponseBody incident={incident} response={r} />}
      </QueryState>
    </section>
  );
}

function ResponseBody({ incident, response: r }: { incident: Incident; response: IncidentResponse }) {
  const { can } = useSession();
  return (
    <>
      {r.pagesNobody && (
        <div className="warning-callout response-warning" role="status">
          <Icon name="bell" />
          <div>
            <strong>This incident pages nobody: it has no service with an escalation policy.</strong>
            {can("responder") && <ChangeService incident={incident} />}
          </div>
        </div>
      )}
      {r.pagesNobody ? (
        r.service && (
          <dl className="response-facts">
            <div>
              <dt>Service</dt>
              <dd>{r.service.name} (no escalation policy)</dd>
            </div>
          </dl>
        )
      ) : (
        <dl className="response-facts">
          <div>
            <dt>Service</dt>
            <dd>{r.service?.name ?? "None"}</dd>
          </div>
          <div>
            <dt>Escalation policy</dt>
            <dd>{r.escalationPolicy?.name}</dd>
          </div>
          <div>
            <dt>Escalation</dt>
            <dd>
              <EscalationState incident={incident} response={r} />
            </dd>
          </div>
        </dl>
      )}
      {r.levels.length > 0 && <Levels response={r} />}
      <PagesTable pages={r.pages} />
    </>
  );
}

function EscalationState({ incident, response: r }: { incident: Incident; response: IncidentResponse }) {
  const now = useNow();
  const level =
    r.currentLevel === null ? "Not started" : `Level ${r.currentLevel}${r.round > 0 ? `, round ${r.round + 1}` : ""}`;
  return (
    <span className="escalation-state">
      <strong>{level}</strong>
      {r.nextEscalation ? (
        <span>
          Level {r.nextEscalation.level} fires at <ClockTime iso={r.nextEscalation.at} /> (
          {fromNow(r.nextEscalation.at, now)}){/* Back to an earlier level: the policy runs again (its `repeat`). */}
          {r.currentLevel !== null && r.nextEscalation.level <= r.currentLevel && `, round ${r.round + 2}`}
        </span>
      ) : (
        <span className="muted">
          {incident.status === "triggered" ? "No further level" : `Stopped: ${incident.status}`}
        </span>
      )}
    </span>
  );
}

function Levels({ response: r }: { response: IncidentResponse }) {
  return (
    <ol className="levels" aria-label="Escalation levels">
      {r.levels.map((l) => {
        const current = l.level === r.currentLevel;
        // People named in the policy are the on-call line itself; schedules (and teams) say where it comes from.
        const via = l.targets.filter((t) => t.type !== "user");
        return (
          <li key={l.level} className={current ? "level level--current" : "level"}>
            <span className="level-number">Level {l.level}</span>
            <span className="level-who">
              <span>
                {l.onCall.length ? (
                  l.onCall.map((u) => u.name).join(", ")
                ) : (
                  <span className="muted">Nobody on call</span>
                )}
              </span>
              {via.length > 0 && (
                <small className="muted">
                  {via.map((t) => `${t.type[0]!.toUpperCase()}${t.type.slice(1)}: ${t.name}`).join(", ")}
                </small>
              )}
            </span>
            <span className="level-delay muted">escalates after {l.delayMinutes} min</span>
            <span className="level-state">{current && <Lozenge appearance="moved">Current</Lozenge>}</span>
          </li>
        );
      })}
    </ol>
  );
}

function PagesTable({ pages }: { pages: IncidentResponse["pages"] }) {
  if (pages.length === 0) return <p className="muted response-empty">No pages sent yet.</p>;
  return (
    <div className="table-scroll">
      <table className="pages-table">
        <caption>Pages sent</caption>
        <thead>
          <tr>
            <th scope="col">Person</th>
            <th scope="col">Channel</th>
            <th scope="col">Level</th>
            <th scope="col">Sent</th>
            <th scope="col">State</th>
          </tr>
        </thead>
        <tbody>
          {pages.map((p) => {
            const [label, appearance] = p.acknowledged ? (["Acknowledged", "success"] as const) : STATE[p.state];
            return (
              <tr key={p.id}>
                <th scope="row">{p.user.name}</th>
                <td>{p.channel ? (CHANNEL[p.channel] ?? p.channel) : "—"}</td>
                <td>{p.level ?? "Added by hand"}</td>
                <td>
                  <When iso={p.at} />
                </td>
                <td>
                  <Lozenge appearance={appearance}>{label}</Lozenge>
                  {p.state === "failed" && p.error && <small className="page-error">{p.error}</small>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** Today's pages by their time of day, older ones with their date. */
function When({ iso }: { iso: string | null }) {
  if (iso && new Date(iso).toDateString() === new Date().toDateString()) return <ClockTime iso={iso} />;
  return <Time iso={iso} />;
}
