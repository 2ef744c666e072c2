import { useState } from "react";
import { Link } from "react-router";
import { usePolicies, useServices, type PolicySummary } from "../api/services.ts";
import { QueryState } from "../components/query-state.tsx";
import { useSession } from "../session.tsx";
import { NewServiceForm } from "./services/new-service-form.tsx";
import "./services/services.css";

/**
 * Services: what alerts page. Each has an integration key for Events v2 and Alertmanager and the escalation
 * policy that decides who is paged. Everyone may read them; creating and changing them takes an admin.
 */
export function ServicesPage() {
  const { can } = useSession();
  const canEdit = can("admin");
  const services = useServices();
  const policies = usePolicies();
  const [creating, setCreating] = useState(false);
  const policyList: PolicySummary[] = policies.data?.policies ?? [];
  const policyName = new Map(policyList.map((p) => [p.id, p.name]));

  return (
    <div className="services-page">
      <div className="spread service-title">
        <h1>Services</h1>
        {canEdit && !creating && (
          <button type="button" className="primary" onClick={() => setCreating(true)}>
            New service
          </button>
        )}
      </div>
      <p className="muted">
        A service receives alerts through its integration key and pages its escalation policy.
        {!canEdit && " Only an admin can create or change services."}
      </p>

      {creating && <NewServiceForm policies={policyList} onCancel={() => setCreating(false)} />}

      <QueryState query={services} what="services">
        {({ services: list }) =>
          list.length === 0 ? (
            <p className="panel">No services yet.{canEdit && " Use “New service” to create one."}</p>
          ) : (
            <div className="panel table-scroll">
              <table aria-label="Services">
                <thead>
                  <tr>
                    <th scope="col">Name</th>
                    <th scope="col">Escalation policy</th>
                    <th scope="col">Jira project</th>
                    <th scope="col">Incidents</th>
                  </tr>
                </thead>
                <tbody>
                  {list.map((s) => (
                    <tr key={s.id}>
                      <td>
                        <Link to={`/services/${s.id}`} className="service-name">
                          {s.name}
                        </Link>
                        {s.description && <div className="muted service-description">{s.description}</div>}
                      </td>
                      <td>
                        {s.escalationPolicyId ? (
                          (policyName.get(s.escalationPolicyId) ?? "…")
                        ) : (
                          <span className="service-nobody">No escalation policy — pages nobody</span>
                        )}
                      </td>
                      <td>{s.jira.projectKey ?? <span className="muted">—</span>}</td>
                      <td>
                        <Link to={`/incidents?service=${encodeURIComponent(s.id)}`}>
                          <span className="visually-hidden">{s.name}: </span>Incidents
                        </Link>
                      </td>
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
