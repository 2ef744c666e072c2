// One person at /people/:id: their details (admins edit everything; a person edits their own name, e-mail and
// time zone), deactivate or reactivate, how Firewatch reaches them (contact methods with their rules and test
// pages), their private calendar URL and their API tokens.
import { Link, useParams } from "react-router";
import { usePerson } from "../api/people.ts";
import { QueryState } from "../components/query-state.tsx";
import { useSession } from "../session.tsx";
import { ContactMethods } from "./people/contact-methods.tsx";
import { PersonDetails } from "./people/person-details.tsx";
import { ApiTokens } from "./people/api-tokens.tsx";
import { CalendarFeedPanel } from "./people/calendar-feed.tsx";
import "./people/people.css";

export function PersonPage() {
  const { id = "" } = useParams();
  const { me, can } = useSession();
  const person = usePerson(id);
  const self = me.userId === id;
  const canReach = self || can("admin");
  return (
    <>
      <p className="people-back">
        <Link to="/people">← People</Link>
      </p>
      <QueryState query={person} what="the person">
        {(p) => (
          <>
            {/* Keyed by person: the form starts again from the person's values when another one is opened. */}
            <PersonDetails key={p.id} person={p} self={self} />
            {canReach ? (
              <div className="people-sections">
                <ContactMethods key={`cm-${p.id}`} userId={p.id} canEdit />
                <CalendarFeedPanel key={`cal-${p.id}`} userId={p.id} name={p.name} self={self} />
                <ApiTokens key={`tokens-${p.id}`} userId={p.id} canIssue={can("admin")} canRevoke />
              </div>
            ) : (
              <p className="muted">
                Only {p.name} and admins see how Firewatch reaches them, their calendar URL and their API tokens.
              </p>
            )}
          </>
        )}
      </QueryState>
    </>
  );
}
