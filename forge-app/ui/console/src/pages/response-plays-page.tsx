import { useEffect, useState } from "react";
import { useDirectory } from "../api/policies.ts";
import { useResponsePlays } from "../api/response-plays.ts";
import { ErrorMessage } from "../components/error-message.tsx";
import { QueryState } from "../components/query-state.tsx";
import { useSession } from "../session.tsx";
import { PlayCard } from "./response-plays/play-card.tsx";
import { PlayForm } from "./response-plays/play-form.tsx";
import { SettingsNav } from "./settings/settings-nav.tsx";
import "./policies.css";
import "./response-plays/response-plays.css";

type Open = null | { kind: "new" } | { kind: "play"; id: string };

/**
 * Settings → Response plays: the steps a responder runs on an incident in one go, and a service runs on each new
 * incident. Everyone reads them; changing them takes an admin.
 */
export function ResponsePlaysPage() {
  const { can } = useSession();
  const canEdit = can("admin");
  const plays = useResponsePlays();
  const { directory, error } = useDirectory();
  const [open, setOpen] = useState<Open>(null);
  const editing = open?.kind === "play" ? plays.data?.responsePlays.find((p) => p.id === open.id) : undefined;
  const openKey = open ? (open.kind === "new" ? "new" : open.id) : null;
  // Land keyboard and screen-reader users on the editor when it opens.
  useEffect(() => {
    if (!openKey) return;
    const heading = document.querySelector<HTMLElement>(".play-editor h2");
    heading?.focus();
    heading?.scrollIntoView?.({ block: "start" });
  }, [openKey]);

  return (
    <div className="policies-page response-plays-page">
      <SettingsNav />
      <div className="spread">
        <h1>Response plays</h1>
        {canEdit && (
          <button type="button" className="primary" onClick={() => setOpen({ kind: "new" })}>
            New play
          </button>
        )}
      </div>
      <p className="muted">
        A play pages responders, adds stakeholders, opens the conference bridge and sends the first updates in one go: a
        responder runs it from the incident page, and a service can run it on every new incident.
        {!canEdit && " Only an admin can change plays."}
      </p>
      <ErrorMessage error={error} />
      {open?.kind === "new" && <PlayForm key="new" play={null} directory={directory} onDone={() => setOpen(null)} />}
      {editing && <PlayForm key={editing.id} play={editing} directory={directory} onDone={() => setOpen(null)} />}
      <QueryState query={plays} what="response plays">
        {({ responsePlays }) =>
          responsePlays.length === 0 ? (
            <p className="panel">No response plays yet.{canEdit && " Use “New play” to write one."}</p>
          ) : (
            responsePlays.map((play) => (
              <PlayCard
                key={play.id}
                play={play}
                canEdit={canEdit}
                onEdit={() => setOpen({ kind: "play", id: play.id })}
              />
            ))
          )
        }
      </QueryState>
    </div>
  );
}
