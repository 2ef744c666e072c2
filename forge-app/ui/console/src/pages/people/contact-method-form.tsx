// Adding or editing one contact method: its kind, its address (checked by the API for that kind) and its
// notification rules, each "notify after N minutes" of a page to this person.
import { useState, type FormEvent } from "react";
import {
  CONTACT_KINDS,
  useAddContactMethod,
  useUpdateContactMethod,
  type ContactKind,
  type ContactMethod,
} from "../../api/people.ts";
import { ErrorMessage, fieldError } from "../../components/error-message.tsx";
import { Field } from "../../components/field.tsx";
import { FormActions } from "../../components/form-actions.tsx";

export const KIND_LABEL: Record<ContactKind, string> = {
  slack: "Slack",
  email: "E-mail",
  sms: "SMS",
  voice: "Voice call",
  webhook: "Webhook",
};
const ADDRESS_HINT: Record<ContactKind, string> = {
  slack: "Slack member ID, such as U0123ABCD",
  email: "An e-mail address",
  sms: "Phone number in E.164, such as +14155552671",
  voice: "Phone number in E.164, such as +14155552671",
  webhook: "An https:// URL",
};

export function ContactMethodForm({
  userId,
  method,
  onDone,
}: {
  userId: string;
  method?: ContactMethod;
  onDone: () => void;
}) {
  const add = useAddContactMethod(userId);
  const update = useUpdateContactMethod(userId);
  const write = method ? update : add;
  const [kind, setKind] = useState<ContactKind>(method?.kind ?? "slack");
  const [address, setAddress] = useState(method?.address ?? "");
  const [rules, setRules] = useState<string[]>(method ? method.rules.map((r) => String(r.delayMinutes)) : ["0"]);
  const [problem, setProblem] = useState<string | null>(null);
  const heading = method ? `Edit ${KIND_LABEL[method.kind]} contact method` : "Add contact method";
  const headingId = method ? `edit-cm-${method.id}` : "add-cm-heading";
  const ruleError = (i: number) => fieldError(write.error, method ? `rules.${i}.delayMinutes` : "delayMinutes");
  const unplaced =
    write.error &&
    !["kind", "address", "delayMinutes", "rules"].some((f) => fieldError(write.error, f)) &&
    !rules.some((_, i) => ruleError(i));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const minutes = rules.map((r) => Number(r.trim()));
    if (rules.some((r) => r.trim() === "") || minutes.some((m) => !Number.isInteger(m) || m < 0 || m > 1440)) {
      setProblem("Each rule is a whole number of minutes from 0 to 1440.");
      return;
    }
    setProblem(null);
    if (method) {
      update.mutate(
        { itemId: method.id, kind, address, rules: minutes.map((delayMinutes) => ({ delayMinutes })) },
        { onSuccess: onDone },
      );
    } else {
      add.mutate(
        { kind, address, ...(minutes[0] !== undefined && { delayMinutes: minutes[0] }) },
        { onSuccess: onDone },
      );
    }
  };

  return (
    <form className="panel people-subform" aria-labelledby={headingId} onSubmit={submit} noValidate>
      <h3 id={headingId}>{heading}</h3>
      {unplaced && <ErrorMessage error={write.error} />}
      <div className="row people-fields">
        <Field label="Kind" error={fieldError(write.error, "kind")}>
          <select value={kind} onChange={(e) => setKind(e.target.value as ContactKind)}>
            {CONTACT_KINDS.map((k) => (
              <option key={k} value={k}>
                {KIND_LABEL[k]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Address" error={fieldError(write.error, "address")} hint={ADDRESS_HINT[kind]}>
          <input className="people-address" value={address} onChange={(e) => setAddress(e.target.value)} required />
        </Field>
      </div>
      <fieldset className="people-rules">
        <legend>Notification rules</legend>
        {rules.length === 0 && <p className="muted">No rules: this method is kept but pages nobody.</p>}
        {rules.map((r, i) => (
          <div className="row people-rule" key={i}>
            <Field label={`Notify after (minutes)${rules.length > 1 ? `, rule ${i + 1}` : ""}`} error={ruleError(i)}>
              <input
                type="number"
                min={0}
                max={1440}
                value={r}
                onChange={(e) => setRules(rules.map((old, j) => (j === i ? e.target.value : old)))}
              />
            </Field>
            {method && (
              <button type="button" className="subtle" onClick={() => setRules(rules.filter((_, j) => j !== i))}>
                Remove rule {i + 1}
              </button>
            )}
          </div>
        ))}
        {method && rules.length < 10 && (
          <button type="button" onClick={() => setRules([...rules, ""])}>
            Add rule
          </button>
        )}
        {problem && (
          <p className="field-error" role="alert">
            {problem}
          </p>
        )}
      </fieldset>
      <FormActions
        pending={write.isPending}
        label={method ? "Save contact method" : "Add contact method"}
        onCancel={onDone}
        className="row"
      />
    </form>
  );
}
