import { Link, useParams } from "react-router";
import { usePolicies, useService } from "../api/services.ts";
import { Icon } from "../components/icons.tsx";
import { QueryState } from "../components/query-state.tsx";
import { useSession } from "../session.tsx";
import { DeleteService } from "./services/delete-service.tsx";
import { IntegrationPanel } from "./services/integration-panel.tsx";
import { ServiceDetailsForm } from "./services/service-details-form.tsx";
import { ServiceCrisisForm } from "./services/service-crisis-form.tsx";
import { ServiceCallsForm } from "./services/service-calls-form.tsx";
import { ServiceDrillsForm } from "./services/service-drills-form.tsx";
import { ServiceRoutingForm } from "./services/service-routing-form.tsx";
import "./services/services.css";

/**
 * One service at `/services/{id}`: its name and escalation policy, the integration key with the URLs and
 * samples that send it alerts, its Jira and Slack settings, its crisis communications, its call routing, and deleting it. Writes take an admin.
 */
export function ServicePage() {
  const { id = "" } = useParams();
  const { can } = useSession();
  const canEdit = can("admin");
  const service = useService(id);
  const policies = usePolicies();

  return (
    <div className="service-page">
      <p className="service-back">
        <Link to="/services">← Services</Link>
      </p>
      <QueryState query={service} what="the service">
        {(s) => (
          <>
            <div className="spread service-title">
              <h1>{s.name}</h1>
              <Link className="button" to={`/incidents?service=${encodeURIComponent(s.id)}`}>
                Incidents on this service
              </Link>
            </div>
            {s.description && <p className="muted">{s.description}</p>}
            {!canEdit && <p className="muted">Only an admin can change this service.</p>}
            {!s.escalationPolicyId && (
              <div className="warning-callout" role="status">
                <Icon name="bell" />
                <span>
                  <strong>No escalation policy — pages nobody.</strong> Alerts open incidents on this service, but
                  nobody is paged until it has an escalation policy.
                </span>
              </div>
            )}
            <div className="service-columns">
              <div>
                <ServiceDetailsForm
                  key={s.id}
                  service={s}
                  policies={policies.data?.policies ?? []}
                  readOnly={!canEdit}
                />
                <ServiceRoutingForm key={`routing:${s.id}`} service={s} readOnly={!canEdit} />
                <ServiceCallsForm key={`calls:${s.id}`} service={s} readOnly={!canEdit} />
              </div>
              <div>
                <IntegrationPanel service={s} />
                <ServiceCrisisForm key={`crisis:${s.id}`} service={s} readOnly={!canEdit} />
                <ServiceDrillsForm key={`drills:${s.id}`} service={s} readOnly={!canEdit} />
                {canEdit && <DeleteService service={s} />}
              </div>
            </div>
          </>
        )}
      </QueryState>
    </div>
  );
}
