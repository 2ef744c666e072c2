// A person's details as a form: admins change everything, a person their own name, e-mail and time zone; below
// it, Deactivate (never paged again, tokens revoked) or Reactivate, each with a confirming second click.
import { useState, type FormEvent } from "react";
import { useUpdatePerson, type Person, type UserRole } from "../../api/people.ts";
import { ErrorMessage, fieldError } from "../../components/error-message.tsx";
import { Field } from "../../components/field.tsx";
import { Lozenge } from "../../components/lozenge.tsx";
import { useSession } from "../../session.tsx";
import { ROLE_LABEL, ROLES } from "../people-page.tsx";
import { TimeZoneInput } from "./time-zone-input.tsx";

export function PersonDetails({ person, self }: { person: Person; self: boolean }) {
  const { can } = useSession();
  const admin = can("admin");
  const canEdit = admin || self;
  const save = useUpdatePerson(person.id);
  const status = useUpdatePerson(person.id);
  const [name, setName] = useState(person.name);
  const [email, setEmail] = useState(person.email);
  const [role, setRole] = useState<UserRole>(person.role);
  const [timeZone, setTimeZone] = useState(person.timeZone);
  const [confirming, setConfirming] = useState(false);
  const [saved, setSaved] = useState(false);

  const changes = {
    ...(name !== person.name && { name }),
    ...(email !== person.email && { email }),
    ...(admin && role !== person.role && { role }),
    ...(timeZone !== person.timeZone && { timeZone }),
  };
  const changed = Object.keys(changes).length > 0;
  const unplaced = save.error && !["name", "email", "role", "timeZone"].some((f) => fieldError(save.error, f));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    if (changed) save.mutate(changes, { onSuccess: () => setSaved(true) });
  };
  const setActive = (active: boolean) =>
    status.mutate({ active }, { onSuccess: () => setConfirming(false), onError: () => setConfirming(false) });

  return (
    <>
      <div className="spread people-head">
        <h1>
          {person.name}{" "}
          {person.active ? (
            <Lozenge appearance="success">active</Lozenge>
          ) : (
            <Lozenge appearance="removed">deactivated</Lozenge>
          )}
        </h1>
        {admin && (
          <div className="row">
            {confirming ? (
              <>
                <span className="muted">
                  {person.active ? "Never page them again and revoke their tokens?" : "Bring them back?"}
                </span>
                <button
                  type="button"
                  className={person.active ? "danger" : "primary"}
                  disabled={status.isPending}
                  onClick={() => setActive(!person.active)}
                >
                  {person.active ? `Confirm: deactivate ${person.name}` : `Confirm: reactivate ${person.name}`}
                </button>
                <button type="button" className="subtle" onClick={() => setConfirming(false)}>
                  Cancel
                </button>
              </>
            ) : (
              <button type="button" onClick={() => setConfirming(true)}>
                {person.active ? "Deactivate" : "Reactivate"}
              </button>
            )}
          </div>
        )}
      </div>
      <ErrorMessage error={status.error} />
      <form className="panel people-form" aria-labelledby="details-heading" onSubmit={submit} noValidate>
        <h2 id="details-heading">Details</h2>
        {unplaced && <ErrorMessage error={save.error} />}
        <div className="row people-fields">
          <Field label="Name" error={fieldError(save.error, "name")}>
            <input value={name} onChange={(e) => setName(e.target.value)} disabled={!canEdit} />
          </Field>
          <Field label="E-mail" error={fieldError(save.error, "email")}>
            <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} disabled={!canEdit} />
          </Field>
          <Field label="Role" error={fieldError(save.error, "role")} hint={admin ? undefined : "An admin sets roles."}>
            <select value={role} onChange={(e) => setRole(e.target.value as UserRole)} disabled={!admin}>
              {ROLES.map((r) => (
                <option key={r} value={r}>
                  {ROLE_LABEL[r]}
                </option>
              ))}
            </select>
          </Field>
          <Field label="Time zone" error={fieldError(save.error, "timeZone")}>
            <TimeZoneInput value={timeZone} onChange={setTimeZone} disabled={!canEdit} />
          </Field>
        </div>
        {canEdit && (
          <div className="row">
            <button type="submit" className="primary" disabled={save.isPending || !changed}>
              {save.isPending ? "Saving…" : "Save details"}
            </button>
            {saved && !changed && <p role="status">Saved.</p>}
          </div>
        )}
      </form>
    </>
  );
}
