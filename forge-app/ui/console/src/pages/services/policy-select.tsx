import type { PolicySummary } from "../../api/services.ts";
import { Field } from "../../components/field.tsx";

export const NO_POLICY_LABEL = "No escalation policy — pages nobody";

/** The escalation policy picker; "" in the select stands for no policy (null in the API). */
export function PolicySelect({
  policies,
  value,
  error,
  disabled,
  onChange,
}: {
  policies: PolicySummary[];
  value: string | null;
  error?: string | null;
  disabled?: boolean;
  onChange: (id: string | null) => void;
}) {
  return (
    <Field
      label="Escalation policy"
      error={error}
      hint={value ? undefined : <span className="service-nobody">Alerts on this service page nobody.</span>}
    >
      <select value={value ?? ""} disabled={disabled} onChange={(e) => onChange(e.target.value || null)}>
        <option value="">{NO_POLICY_LABEL}</option>
        {policies.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </select>
    </Field>
  );
}
