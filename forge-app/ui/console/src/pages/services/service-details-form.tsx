import { useState, type FormEvent } from "react";
import { SEVERITIES } from "../../api/incidents.ts";
import type { PolicySummary, Service } from "../../api/services.ts";
import { ErrorMessage, fieldError } from "../../components/error-message.tsx";
import { Field } from "../../components/field.tsx";
import { PolicySelect } from "./policy-select.tsx";
import { useServiceForm } from "./use-save-service.ts";
import { SaveServiceRow } from "./save-service-row.tsx";

const FIELDS = ["name", "description", "escalationPolicyId", "defaultSeverity"];

/** The service's name, description, escalation policy and default severity. */
export function ServiceDetailsForm({
  service,
  policies,
  readOnly,
}: {
  service: Service;
  policies: PolicySummary[];
  readOnly: boolean;
}) {
  const [name, setName] = useState(service.name);
  const [description, setDescription] = useState(service.description);
  const [policyId, setPolicyId] = useState(service.escalationPolicyId);
  const [severity, setSeverity] = useState(service.defaultSeverity);
  const { save, saved, touch, saveBody } = useServiceForm(service.id);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const body = { name, description, escalationPolicyId: policyId, defaultSeverity: severity };
    await saveBody(body);
  }

  return (
    <form className="panel service-form" aria-labelledby="service-details-heading" onSubmit={submit} noValidate>
      <h2 id="service-details-heading">Details</h2>
      <Field label="Name" error={fieldError(save.error, "name")}>
        <input
          value={name}
          readOnly={readOnly}
          maxLength={255}
          onChange={(e) => {
            setName(e.target.value);
            touch();
          }}
        />
      </Field>
      <Field label="Description" error={fieldError(save.error, "description")}>
        <textarea
          value={description}
          readOnly={readOnly}
          rows={2}
          onChange={(e) => {
            setDescription(e.target.value);
            touch();
          }}
        />
      </Field>
      <PolicySelect
        policies={policies}
        value={policyId}
        disabled={readOnly}
        error={fieldError(save.error, "escalationPolicyId")}
        onChange={(id) => {
          setPolicyId(id);
          touch();
        }}
      />
      <Field
        label="Default severity"
        error={fieldError(save.error, "defaultSeverity")}
        hint="For incidents declared on this service, and its Jira rules, that name no severity."
      >
        <select
          value={severity}
          disabled={readOnly}
          onChange={(e) => {
            setSeverity(e.target.value as Service["defaultSeverity"]);
            touch();
          }}
        >
          {SEVERITIES.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </Field>
      {save.error && !FIELDS.some((f) => fieldError(save.error, f)) && <ErrorMessage error={save.error} />}
      {!readOnly && <SaveServiceRow label="Save details" pending={save.isPending} saved={saved} />}
    </form>
  );
}
