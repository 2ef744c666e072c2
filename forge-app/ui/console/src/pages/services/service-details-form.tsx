import { useState, type FormEvent } from "react";
import type { PolicySummary, Service } from "../../api/services.ts";
import { ErrorMessage, fieldError } from "../../components/error-message.tsx";
import { Field } from "../../components/field.tsx";
import { PolicySelect } from "./policy-select.tsx";
import { useSaveService } from "./use-save-service.ts";

const FIELDS = ["name", "description", "escalationPolicyId"];

/** The service's name, description and escalation policy. */
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
  const save = useSaveService(service.id);
  const [saved, setSaved] = useState(false);
  const touch = () => {
    setSaved(false);
    if (save.error) save.reset();
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const ok = await save.mutateAsync({ name, description, escalationPolicyId: policyId }).catch(() => null);
    setSaved(ok !== null);
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
      {save.error && !FIELDS.some((f) => fieldError(save.error, f)) && <ErrorMessage error={save.error} />}
      {!readOnly && (
        <div className="row">
          <button type="submit" className="primary" disabled={save.isPending}>
            Save details
          </button>
          {saved && <span role="status">Saved.</span>}
        </div>
      )}
    </form>
  );
}
