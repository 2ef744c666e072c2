import type { ReactNode } from "react";
import { useDeletePlay, type ResponsePlay } from "../../api/response-plays.ts";
import { EditDeleteActions } from "../../components/edit-delete-actions.tsx";
import { ErrorMessage } from "../../components/error-message.tsx";

/** One play: what each of its steps does, and (admins) Edit and Delete; a refused delete says which services run it. */
export function PlayCard({ play, canEdit, onEdit }: { play: ResponsePlay; canEdit: boolean; onEdit: () => void }) {
  const headingId = `play-${play.id}`;
  const remove = useDeletePlay(play.id);
  const none = <span className="muted">None</span>;
  // A person, team or schedule deleted since the play was saved has no name any more.
  const names = (items: readonly { name?: string | null }[]) =>
    items.length ? items.map((i) => i.name ?? "(deleted)").join(", ") : none;
  return (
    <article className="panel play-card" aria-labelledby={headingId}>
      <div className="spread">
        <h2 id={headingId}>{play.name}</h2>
        {canEdit && <EditDeleteActions name={play.name} remove={remove} onEdit={onEdit} />}
      </div>
      <ErrorMessage error={remove.error} />
      <dl className="play-steps">
        <Step term="Pages">{names(play.addResponders)}</Step>
        <Step term="Subscribes">{names(play.addSubscribers)}</Step>
        <Step term="Conference bridge">
          {play.conferenceBridge ? (
            <>
              <a href={play.conferenceBridge.url}>{play.conferenceBridge.url}</a>
              {play.conferenceBridge.dialIn && <span className="muted"> · {play.conferenceBridge.dialIn}</span>}
            </>
          ) : (
            none
          )}
        </Step>
        <Step term="Posts in the Slack channel">{play.postToChannel ?? none}</Step>
        <Step term="Status update">{play.statusUpdate ?? none}</Step>
      </dl>
    </article>
  );
}

function Step({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}
