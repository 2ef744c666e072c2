// People: everyone who can be paged or sign in, with their role, time zone and whether they are active. Admins
// add people here; each person's page (/people/:id) holds their details, contact methods and API tokens.
import { useState, type FormEvent } from "react";
import { Link } from "react-router";
import { useAddPerson, usePeopleList, type UserRole } from "../api/people.ts";
import { ErrorMessage, fieldError } from "../components/error-message.tsx";
import { Field } from "../components/field.tsx";
import { Lozenge } from "../components/lozenge.tsx";
import { QueryState } from "../components/query-state.tsx";
import { useSession } from "../session.tsx";
import { TimeZoneInput } from "./people/time-zone-input.tsx";
import "./people/people.css";

export const ROLES: UserRole[] = ["viewer", "responder", "admin"];
export const ROLE_LABEL: Record<UserRole, string> = { viewer: "Viewer", responder: "Responder", admin: "Admin" };

export function PeoplePage() {
  const { can } = useSession();
  const people = usePeopleList();
  const [adding, setAdding] = useState(false);
  return (
    <>
      <div className="spread people-head">
        <h1>People</h1>
        {can("admin") && !adding && (
          <button type="button" className="primary" onClick={() => setAdding(true)}>
            Add person
          </button>
        )}
      </div>
      {adding && <AddPersonForm onDone={() => setAdding(false)} />}
      <section className="panel" aria-labelledby="people-heading">
        <h2 id="people-heading" className="visually-hidden">
          Everyone
        </h2>
        <QueryState query={people} what="people">
          {({ users }) =>
            users.length === 0 ? (
              <p className="muted">Nobody yet.</p>
            ) : (
              <div className="table-scroll">
                <table className="people-table">
                  <caption className="visually-hidden">People, by name</caption>
                  <thead>
                    <tr>
                      <th scope="col">Name</th>
                      <th scope="col">E-mail</th>
                      <th scope="col">Role</th>
                      <th scope="col">Time zone</th>
                      <th scope="col">Status</th>
                    </tr>
                  </thead>
                  <tbody>
                    {users.map((u) => (
                      <tr key={u.id} className={u.active ? undefined : "people-inactive"}>
                        <td>
                          <Link to={`/people/${u.id}`}>{u.name}</Link>
                        </td>
                        <td>{u.email}</td>
                        <td>{ROLE_LABEL[u.role]}</td>
                        <td>{u.timeZone}</td>
                        <td>
                          {u.active ? <Lozenge appearance="success">active</Lozenge> : <Lozenge>deactivated</Lozenge>}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )
          }
        </QueryState>
      </section>
    </>
  );
}

function AddPersonForm({ onDone }: { onDone: () => void }) {
  const add = useAddPerson();
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [role, setRole] = useState<UserRole>("responder");
  const [timeZone, setTimeZone] = useState(() => Intl.DateTimeFormat().resolvedOptions().timeZone);
  const placed = ["name", "email", "role", "timeZone"];
  const unplaced = add.error && !placed.some((f) => fieldError(add.error, f));

  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate({ name, email, role, timeZone }, { onSuccess: onDone });
  };

  return (
    <form className="panel people-form" aria-labelledby="add-person-heading" onSubmit={submit} noValidate>
      <h2 id="add-person-heading">Add person</h2>
      {unplaced && <ErrorMessage error={add.error} />}
      <div className="row people-fields">
        <Field label="Name" error={fieldError(add.error, "name")}>
          <input value={name} onChange={(e) => setName(e.target.value)} required autoFocus />
        </Field>
        <Field label="E-mail" error={fieldError(add.error, "email")}>
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} required />
        </Field>
        <Field label="Role" error={fieldError(add.error, "role")}>
          <select value={role} onChange={(e) => setRole(e.target.value as UserRole)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABEL[r]}
              </option>
            ))}
          </select>
        </Field>
        <Field label="Time zone" error={fieldError(add.error, "timeZone")}>
          <TimeZoneInput value={timeZone} onChange={setTimeZone} />
        </Field>
      </div>
      <div className="row">
        <button type="submit" className="primary" disabled={add.isPending}>
          {add.isPending ? "Adding…" : "Add person"}
        </button>
        <button type="button" className="subtle" onClick={onDone}>
          Cancel
        </button>
      </div>
    </form>
  );
}
