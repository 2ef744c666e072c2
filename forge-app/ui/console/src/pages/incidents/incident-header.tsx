import { useApiList, useApiMutation } from "../../api/hooks.ts";
import { incidentPath, SEVERITIES, type EditIncidentBody, type Incident, type User } from "../../api/incidents.ts";
import { ErrorMessage } from "../../components/error-message.tsx";
import { Field } from "../../components/field.tsx";
import { DrillLozenge, SeverityLozenge, StatusLozenge } from "../../components/lozenge.tsx";
import { Time } from "../../components/time.tsx";
import { useSession } from "../../session.tsx";

/** Key, title, status and the header actions: acknowledge, resolve, change severity, reassign. */
export function IncidentHeader({ incident }: { incident: Incident }) {
  const { can } = useSession();
  const path = incidentPath(incident.key);
  const users = useApiList<{ users: User[] }>(can("responder") ? "/api/users" : null, "users");
  const acknowledge = useApiMutation("POST", `${path}/acknowledge`);
  const resolve = useApiMutation("POST", `${path}/resolve`);
  const edit = useApiMutation<EditIncidentBody>("PATCH", path);
  const owner = users.data?.users.find((u) => u.id === incident.ownerId);
  const error = acknowledge.error ?? resolve.error ?? edit.error;
  const resolved = incident.status === "resolved";

  return (
    <header className="incident-header">
      <div>
        {incident.drill && (
          <p className="drill-banner" role="note">
            <DrillLozenge /> This is a drill: a practice incident. Pages and posts say DRILL, nothing goes to the public
            status page, and reports leave it out.
          </p>
        )}
        <h1>
          {incident.key}: {incident.title}
        </h1>
        <div className="incident-facts">
          {incident.drill && <DrillLozenge />}
          <StatusLozenge status={incident.status} />
          <SeverityLozenge severity={incident.severity} />
          <span className="muted">
            Opened <Time iso={incident.createdAt} />
            {incident.acknowledgedAt && (
              <>
                {" "}
                · acknowledged <Time iso={incident.acknowledgedAt} />
              </>
            )}
            {incident.resolvedAt && (
              <>
                {" "}
                · resolved <Time iso={incident.resolvedAt} />
              </>
            )}
          </span>
          {!can("responder") && owner && <span>Owner: {owner.name}</span>}
        </div>
        {incident.description && <p>{incident.description}</p>}
        <ErrorMessage error={error} />
      </div>
      {can("responder") && (
        <div className="incident-actions">
          {incident.status === "triggered" && (
            <button
              type="button"
              className="primary"
              onClick={() => acknowledge.mutate(undefined)}
              disabled={acknowledge.isPending}
            >
              Acknowledge
            </button>
          )}
          {!resolved && (
            <button type="button" onClick={() => resolve.mutate(undefined)} disabled={resolve.isPending}>
              Resolve
            </button>
          )}
          <Field label="Severity">
            <select
              value={incident.severity}
              onChange={(e) => edit.mutate({ severity: e.target.value as Incident["severity"] })}
              disabled={edit.isPending}
            >
              {SEVERITIES.map((s) => (
                <option key={s}>{s}</option>
              ))}
            </select>
          </Field>
          <Field label="Owner">
            <select
              value={incident.ownerId ?? ""}
              onChange={(e) => edit.mutate({ ownerId: e.target.value || null })}
              disabled={edit.isPending}
            >
              <option value="">Nobody</option>
              {users.data?.users.map((u) => (
                <option key={u.id} value={u.id}>
                  {u.name}
                </option>
              ))}
            </select>
          </Field>
        </div>
      )}
    </header>
  );
}
