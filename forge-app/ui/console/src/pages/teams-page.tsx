import { useEffect, useState } from "react";
import { useDeleteTeam, useDirectory, useTeams, type Directory, type Team } from "../api/policies.ts";
import { ErrorMessage } from "../components/error-message.tsx";
import { QueryState } from "../components/query-state.tsx";
import { useSession } from "../session.tsx";
import "./policies.css";
import { TeamForm } from "./teams/team-form.tsx";
import { EditDeleteActions } from "../components/edit-delete-actions.tsx";

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
                    <TeamRow
                      key={team.id}
                      team={team}
                      directory={directory}
                      canEdit={canEdit}
                      onEdit={() => setOpen({ kind: "team", id: team.id })}
                    />
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

/** One team, and below it the API's answer when a delete is refused (409 naming the policies that target it). */
function TeamRow({
  team,
  directory,
  canEdit,
  onEdit,
}: {
  team: Team;
  directory: Directory;
  canEdit: boolean;
  onEdit: () => void;
}) {
  const remove = useDeleteTeam(team.id);
  return (
    <>
      <tr>
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
            <EditDeleteActions name={team.name} remove={remove} onEdit={onEdit} />
          </td>
        )}
      </tr>
      {remove.error && (
        <tr className="team-error">
          <td colSpan={3}>
            <ErrorMessage error={remove.error} />
          </td>
        </tr>
      )}
    </>
  );
}
