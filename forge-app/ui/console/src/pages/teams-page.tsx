import { useEffect, useId, useState, type FormEvent } from "react";
import { useDeleteTeam, useDirectory, useSaveTeam, useTeams, type Directory, type Team } from "../api/policies.ts";
import { ErrorMessage, fieldError } from "../components/error-message.tsx";
import { Field } from "../components/field.tsx";
import { QueryState } from "../components/query-state.tsx";
import { useSession } from "../session.tsx";
import "./policies.css";

type Open = null | { kind: "new" } | { kind: "team"; id: string };

/** Teams: people paged together when an escalation policy's level targets the team. Admins change them. */
export function TeamsPage() {
  const { can } = useSession();
  const canEdit = can("admin");
  const teams = useTeams();
  const { directory, error } = useDirectory();
  const [open, setOpen] = useState<Open>(null);
  const editing = open?.kind === "team" ? teams.data?.teams.find((t) => t.id === open.id) : undefined;
  const openKey = open ? (open.kind === "new" ? "new" : open.id) : null;
  useEffect(() => {
    if (openKey) document.querySelector<HTMLElement>(".team-editor h2")?.focus();
  }, [openKey]);

  return (
    <div className="policies-page">
      <div className="spread">
        <h1>Teams</h1>
        {canEdit && (
          <button type="button" className="primary" onClick={() => setOpen({ kind: "new" })}>
            New team
          </button>
        )}
      </div>
      <p className="muted">
        A level of an escalation policy that targets a team pages every active member.
        {!canEdit && " Only an admin can change teams."}
      </p>
      <ErrorMessage error={error} />
      {open?.kind === "new" && <TeamForm key="new" team={null} directory={directory} onDone={() => setOpen(null)} />}
      {editing && <TeamForm key={editing.id} team={editing} directory={directory} onDone={() => setOpen(null)} />}
      <QueryState query={teams} what="teams">
        {({ teams: list }) =>
          list.length === 0 ? (
            <p className="panel">No teams yet.{canEdit && " Use “New team” to group people paged together."}</p>
          ) : (
            <div className="panel table-scroll">
              <table className="teams-table">
                <caption className="visually-hidden">Teams</caption>
                <thead>
                  <tr>
                    <th scope="col">Team</th>
                    <th scope="col">Members</th>
                    {canEdit && (
                      <th scope="col">
                        <span className="visually-hidden">Actions</span>
                      </th>
                    )}
                  </tr>
                </thead>
                <tbody>
                  {list.map((team) => (
                    <tr key={team.id}>
                      <th scope="row">{team.name}</th>
                      <td>
                        {team.members.length === 0 ? (
                          <span className="muted">No members</span>
                        ) : (
                          team.members.map((m) => directory.personName(m)).join(", ")
                        )}
                      </td>
                      {canEdit && (
                        <td className="team-actions">
                          <TeamActions team={team} onEdit={() => setOpen({ kind: "team", id: team.id })} />
                        </td>
                      )}
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

function TeamActions({ team, onEdit }: { team: Team; onEdit: () => void }) {
  const [confirming, setConfirming] = useState(false);
  const remove = useDeleteTeam(team.id);
  return (
    <div>
      <div className="row">
        <button type="button" onClick={onEdit} aria-label={`Edit ${team.name}`}>
          Edit
        </button>
        {confirming ? (
          <span className="row" role="group" aria-label={`Confirm deleting ${team.name}`}>
            <button
              type="button"
              className="danger"
              disabled={remove.isPending}
              onClick={() => remove.mutate(undefined, { onSettled: () => setConfirming(false) })}
            >
              {remove.isPending ? "Deleting…" : "Delete for good"}
            </button>
            <button type="button" className="subtle" onClick={() => setConfirming(false)}>
              Keep
            </button>
          </span>
        ) : (
          <button
            type="button"
            className="subtle"
            aria-label={`Delete ${team.name}`}
            onClick={() => {
              remove.reset();
              setConfirming(true);
            }}
          >
            Delete
          </button>
        )}
      </div>
      <ErrorMessage error={remove.error} />
    </div>
  );
}

function TeamForm({ team, directory, onDone }: { team: Team | null; directory: Directory; onDone: () => void }) {
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
        <div className="row form-actions">
          <button type="submit" className="primary" disabled={save.isPending}>
            {save.isPending ? "Saving…" : team ? "Save team" : "Create team"}
          </button>
          <button type="button" className="subtle" onClick={onDone}>
            Cancel
          </button>
        </div>
      </form>
    </section>
  );
}
