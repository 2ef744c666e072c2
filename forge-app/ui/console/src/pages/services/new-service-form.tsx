import { useState, type FormEvent } from "react";
import { useNavigate } from "react-router";
import { useApiMutation } from "../../api/hooks.ts";
import { SERVICES_PATH, type PolicySummary, type Service } from "../../api/services.ts";
import { ErrorMessage, fieldError } from "../../components/error-message.tsx";
import { Field } from "../../components/field.tsx";
import { PolicySelect } from "./policy-select.tsx";

interface NewServiceBody {
  name: string;
  escalationPolicyId: string | null;
}

/** Creates a service with its name and escalation policy, then opens it (its integration key is there). */
export function NewServiceForm({ policies, onCancel }: { policies: PolicySummary[]; onCancel: () => void }) {
  const navigate = useNavigate();
  const [form, setForm] = useState<NewServiceBody>({ name: "", escalationPolicyId: null });
  const create = useApiMutation<NewServiceBody, Service>("POST", SERVICES_PATH);
  const nameError = fieldError(create.error, "name");
  const policyError = fieldError(create.error, "escalationPolicyId");
  const set = (change: Partial<NewServiceBody>) => {
    setForm((f) => ({ ...f, ...change }));
    if (create.error) create.reset();
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    const saved = await create.mutateAsync(form).catch(() => null);
    if (saved) void navigate(`/services/${saved.id}`);
  }

  return (
    <form className="panel service-form" aria-labelledby="new-service-heading" onSubmit={submit} noValidate>
      <h2 id="new-service-heading">New service</h2>
      <div className="service-form-fields">
        <Field label="Name" error={nameError}>
          <input value={form.name} onChange={(e) => set({ name: e.target.value })} autoFocus maxLength={255} />
        </Field>
        <PolicySelect
          policies={policies}
          value={form.escalationPolicyId}
          error={policyError}
          onChange={(escalationPolicyId) => set({ escalationPolicyId })}
        />
      </div>
      {create.error && !nameError && !policyError && <ErrorMessage error={create.error} />}
      <div className="row">
        <button type="submit" className="primary" disabled={create.isPending}>
          Create service
        </button>
        <button type="button" className="subtle" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
