import { useApiMutation } from "../../api/hooks.ts";
import { incidentPath, type Incident, type TimelineEntry, type TimelineEntryChanges } from "../../api/incidents.ts";
import { ErrorMessage } from "../../components/error-message.tsx";
import { Icon } from "../../components/icons.tsx";
import { Time } from "../../components/time.tsx";
import { useSession } from "../../session.tsx";

export const TIMELINE_SOURCES: Record<string, { icon: string; label: string }> = {
  firewatch: { icon: "flame", label: "Firewatch" },
  "events-v2": { icon: "bolt", label: "Events API" },
  alertmanager: { icon: "bell", label: "Alertmanager" },
  email: { icon: "mail", label: "E-mail" },
  jira: { icon: "ticket", label: "Jira" },
  slack: { icon: "chat", label: "Slack" },
  statuspage: { icon: "broadcast", label: "Statuspage" },
};

/** One timeline entry: its source, time, author and body, and the key-moment star responders can toggle. */
export function TimelineEntryView({
  incident,
  entry,
  position,
  total,
}: {
  incident: Incident;
  entry: TimelineEntry;
  position: number;
  total: number;
}) {
  const { can } = useSession();
  const toggle = useApiMutation<TimelineEntryChanges>("PATCH", `${incidentPath(incident.key)}/timeline/${entry.id}`);
  const source = TIMELINE_SOURCES[entry.source] ?? { icon: "dot", label: entry.source };
  const deleted = entry.data?.deleted === true;
  return (
    <article
      className={`timeline-entry${entry.keyMoment ? " timeline-entry--key" : ""}`}
      aria-posinset={position}
      aria-setsize={total}
      aria-label={`${source.label}: ${entry.type}`}
    >
      <span className={`source source--${entry.source}`}>
        <Icon name={source.icon} label={source.label} />
      </span>
      <div>
        <div className="meta">
          <Time iso={entry.occurredAt} /> · {entry.type}
          {entry.author ? ` · ${entry.author}` : ""}
          {entry.edits.length > 0 ? ` · edited ${entry.edits.length}×` : ""}
        </div>
        <div className={`body${deleted ? " deleted" : ""}`}>{entry.body}</div>
        <ErrorMessage error={toggle.error} />
      </div>
      {can("responder") ? (
        <button
          type="button"
          className="subtle key-toggle"
          aria-pressed={entry.keyMoment}
          aria-label={entry.keyMoment ? "Unmark key moment" : "Mark as key moment"}
          title={entry.keyMoment ? "Key moment (on the postmortem's short timeline)" : "Mark as key moment"}
          onClick={() => toggle.mutate({ keyMoment: !entry.keyMoment })}
          disabled={toggle.isPending}
        >
          {entry.keyMoment ? "★" : "☆"}
        </button>
      ) : (
        <span aria-label={entry.keyMoment ? "Key moment" : undefined}>{entry.keyMoment ? "★" : ""}</span>
      )}
    </article>
  );
}
