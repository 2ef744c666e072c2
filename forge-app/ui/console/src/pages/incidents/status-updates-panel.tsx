import type { Incident } from "../../api/incidents.ts";
import { useStatusUpdates, type StatusUpdate } from "../../api/stakeholders.ts";
import { QueryState } from "../../components/query-state.tsx";
import { Time } from "../../components/time.tsx";
import { useSession } from "../../session.tsx";
import { deliveryAppearance, deliverySummary } from "./crisis-wording.ts";
import { StatusUpdateForm } from "./status-update-form.tsx";

/** Status updates: what stakeholders were told, newest first, with how many got it; responders post new ones. */
export function StatusUpdatesPanel({ incident }: { incident: Incident }) {
  const { can } = useSession();
  const updates = useStatusUpdates(incident.key);
  return (
    <section className="panel status-updates" aria-labelledby="status-updates-heading">
      <h2 id="status-updates-heading">Status updates</h2>
      {can("responder") && <StatusUpdateForm incident={incident} />}
      <QueryState query={updates} what="status updates">
        {({ statusUpdates }) =>
          statusUpdates.length === 0 ? (
            <p className="muted">No status updates sent yet.</p>
          ) : (
            <ol className="status-update-list" aria-label="Status updates sent">
              {statusUpdates.map((u) => (
                <UpdateItem key={u.id} update={u} />
              ))}
            </ol>
          )
        }
      </QueryState>
    </section>
  );
}

function UpdateItem({ update: u }: { update: StatusUpdate }) {
  const words = deliverySummary(u.deliveries);
  return (
    <li className="status-update">
      <div className="status-update-meta">
        <span>
          <strong>{u.author ?? "Firewatch"}</strong> · <Time iso={u.createdAt} />
        </span>
        <span className={`delivery-counts delivery-counts--${deliveryAppearance(u.deliveries)}`}>{words}</span>
      </div>
      <p className="status-update-message">{u.message}</p>
    </li>
  );
}
