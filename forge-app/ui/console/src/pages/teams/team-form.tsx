import { useId, useState, type FormEvent } from "react";
import { useSaveTeam, type Directory, type Team } from "../../api/policies.ts";
import { ErrorMessage, fieldError } from "../../components/error-message.tsx";
import { Field } from "../../components/field.tsx";
import { FormActions } from "../../components/form-actions.tsx";

/** A team's name and members (a checkbox per active person): POST for a new team, PATCH for an existing one. */
export function TeamForm({ team, directory, onDone }: { team: Team | null; directory: Directory; onDone: () => void }) {
  const headingId = useId();
  const save = useSaveTeam(team?.id ?? null);
  const [name, setName] = useState(team?.name ?? "");
  const [members, setMembers] = useState<string[]>(team?.members ?? []);
  const title = team ? `Edit ${team.name}` : "New team";
  const membersError =
    fieldError(save.error, "members") ?? members.map((_, i) => fieldError(save.error, `members[${i}]`)).find(Boolean);
  const shownOnField = fieldError(save.error, "name") ?? membersError;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (
      await save.mutateAsync({ name, members }).then(
        () => true,
        () => false,
      )
    )
      onDone();
  }
  const toggle = (id: string, on: boolean) => setMembers(on ? [...members, id] : members.filter((m) => m !== id));

  return (
    <section className="panel team-editor" aria-labelledby={headingId}>
      <h2 id={headingId} tabIndex={-1}>
        {title}
      </h2>
      <form aria-labelledby={headingId} onSubmit={submit} noValidate>
        <Field label="Team name" error={fieldError(save.error, "name")}>
          <input className="name-input" value={name} onChange={(e) => setName(e.target.value)} required />
        </Field>
        <fieldset className="member-picker" aria-describedby={membersError ? `${headingId}-members` : undefined}>
          <legend>Members</legend>
          {directory.people.length === 0 && <p className="muted">No people yet.</p>}
          <ul>
            {directory.people.map((u) => (
              <li key={u.id}>
                <label className="check">
                  <input
                    type="checkbox"
                    checked={members.includes(u.id)}
                    onChange={(e) => toggle(u.id, e.target.checked)}
                  />
                  {u.name}
                </label>
              </li>
            ))}
          </ul>
          {membersError && (
            <small id={`${headingId}-members`} className="field-error" role="alert">
              {membersError}
            </small>
          )}
        </fieldset>
        {save.error && !shownOnField && <ErrorMessage error={save.error} />}
        <FormActions pending={save.isPending} label={team ? "Save team" : "Create team"} onCancel={onDone} />
      </form>
    </section>
  );
}
