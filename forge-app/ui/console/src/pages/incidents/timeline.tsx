import { useInfiniteQuery, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { useVirtualizer } from "@tanstack/react-virtual";
import { useCallback, useEffect, useMemo, useRef, useState, type FormEvent } from "react";
import { LIVE_POLL_MS, useApiMutation } from "../../api/hooks.ts";
import {
  incidentPath,
  type Incident,
  type NoteBody,
  type TimelineEntry,
  type TimelineEntryChanges,
  type TimelinePage,
} from "../../api/incidents.ts";
import { ErrorMessage, fieldError } from "../../components/error-message.tsx";
import { Field } from "../../components/field.tsx";
import { Icon } from "../../components/icons.tsx";
import { Time } from "../../components/time.tsx";
import { useSession } from "../../session.tsx";

const PAGE = 500;
/** How often the whole timeline is re-read; the last page is polled every LIVE_POLL_MS. */
const FULL_REFRESH_MS = 30_000;
const SOURCES: Record<string, { icon: string; label: string }> = {
  firewatch: { icon: "flame", label: "Firewatch" },
  "events-v2": { icon: "bolt", label: "Events API" },
  alertmanager: { icon: "bell", label: "Alertmanager" },
  jira: { icon: "ticket", label: "Jira" },
  slack: { icon: "chat", label: "Slack" },
  statuspage: { icon: "broadcast", label: "Statuspage" },
};

/**
 * The incident's timeline, oldest first, live. Only the rows in view are in the DOM (react-virtual),
 * so a 5,000-entry timeline scrolls like a short one; it loads page after page in the background.
 */
export function Timeline({ incident }: { incident: Incident }) {
  const { transport } = useSession();
  const client = useQueryClient();
  const [source, setSource] = useState("");
  const [keyOnly, setKeyOnly] = useState(false);
  const base = `${incidentPath(incident.key)}/timeline?limit=${PAGE}${source ? `&source=${source}` : ""}${keyOnly ? "&keyMoment=true" : ""}`;
  const queryKey = useMemo(() => ["api", "timeline", incident.key, base], [incident.key, base]);
  const fetchPage = useCallback(
    (cursor: string) =>
      transport.request<TimelinePage>("GET", `${base}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`),
    [transport, base],
  );
  const timeline = useInfiniteQuery({
    queryKey,
    queryFn: ({ pageParam }) => fetchPage(pageParam),
    initialPageParam: "",
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    // Everything is re-read now and then (edits of older entries, such as a Slack message edited later) …
    refetchInterval: FULL_REFRESH_MS,
  });
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = timeline;
  useEffect(() => {
    if (hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [hasNextPage, isFetchingNextPage, fetchNextPage]);
  // … while the live poll re-reads only the last page, where new entries arrive: one request of at most
  // 500 entries instead of every page, so a 5,000-entry timeline stays smooth while it updates.
  useEffect(() => {
    const timer = setInterval(async () => {
      const data = client.getQueryData<InfiniteData<TimelinePage, string>>(queryKey);
      if (!data || data.pages.length === 0 || data.pages.at(-1)!.nextCursor) return;
      const last = data.pageParams.length - 1;
      const fresh = await fetchPage(data.pageParams[last]!).catch(() => null);
      if (!fresh) return;
      client.setQueryData<InfiniteData<TimelinePage, string>>(queryKey, (old) =>
        old && old.pageParams[last] === data.pageParams[last] && old.pages.length === last + 1
          ? { ...old, pages: [...old.pages.slice(0, last), fresh] }
          : old,
      );
    }, LIVE_POLL_MS);
    return () => clearInterval(timer);
  }, [client, queryKey, fetchPage]);
  const entries = timeline.data?.pages.flatMap((p) => p.entries) ?? [];

  return (
    <>
      <div className="spread">
        <h2 id="timeline-heading">Timeline</h2>
        <div className="row">
          <Field label="Source">
            <select value={source} onChange={(e) => setSource(e.target.value)}>
              <option value="">All</option>
              {Object.entries(SOURCES).map(([value, s]) => (
                <option key={value} value={value}>
                  {s.label}
                </option>
              ))}
            </select>
          </Field>
          <label className="check">
            <input type="checkbox" checked={keyOnly} onChange={(e) => setKeyOnly(e.target.checked)} /> Key moments only
          </label>
        </div>
      </div>
      <ErrorMessage error={timeline.error} />
      {timeline.isPending ? (
        <p className="loading">Loading the timeline…</p>
      ) : (
        <Entries incident={incident} entries={entries} />
      )}
      <p className="muted" aria-live="polite">
        {entries.length} {entries.length === 1 ? "entry" : "entries"}
        {hasNextPage ? ", loading more…" : ""}
      </p>
      <AddNote incident={incident} />
    </>
  );
}

function Entries({ incident, entries }: { incident: Incident; entries: TimelineEntry[] }) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => 64,
    overscan: 8,
  });
  const atBottom = useRef(true);

  // Follow new entries while the reader is at the end, as a chat does; otherwise leave the scroll alone.
  useEffect(() => {
    if (atBottom.current && entries.length > 0) virtualizer.scrollToIndex(entries.length - 1, { align: "end" });
  }, [entries.length, virtualizer]);

  if (entries.length === 0) return <p className="panel muted">Nothing on the timeline yet.</p>;
  return (
    <div
      ref={scroller}
      className="timeline-scroller"
      role="feed"
      aria-label={`Timeline of ${incident.key}`}
      aria-busy={false}
      tabIndex={0}
      onScroll={(e) => {
        const el = e.currentTarget;
        atBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight < 40;
      }}
    >
      <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
        {virtualizer.getVirtualItems().map((row) => (
          <div
            key={entries[row.index]!.id}
            ref={virtualizer.measureElement}
            data-index={row.index}
            style={{ position: "absolute", top: 0, left: 0, width: "100%", transform: `translateY(${row.start}px)` }}
          >
            <Entry incident={incident} entry={entries[row.index]!} position={row.index + 1} total={entries.length} />
          </div>
        ))}
      </div>
    </div>
  );
}

function Entry({
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
  const source = SOURCES[entry.source] ?? { icon: "dot", label: entry.source };
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

function AddNote({ incident }: { incident: Incident }) {
  const { can } = useSession();
  const [body, setBody] = useState("");
  const note = useApiMutation<NoteBody>("POST", `${incidentPath(incident.key)}/notes`);
  if (!can("responder")) return null;
  async function submit(event: FormEvent) {
    event.preventDefault();
    if (
      await note.mutateAsync({ body }).then(
        () => true,
        () => false,
      )
    )
      setBody("");
  }
  return (
    <form onSubmit={submit} aria-label="Add a note">
      {note.error && !fieldError(note.error, "body") && <ErrorMessage error={note.error} />}
      <Field label="Note" error={fieldError(note.error, "body")}>
        <textarea value={body} onChange={(e) => setBody(e.target.value)} placeholder="What did you find or do?" />
      </Field>
      <button type="submit" className="primary" disabled={note.isPending}>
        Add note
      </button>
    </form>
  );
}
