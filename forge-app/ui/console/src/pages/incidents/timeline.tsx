import { useInfiniteQuery, useQueryClient, type InfiniteData } from "@tanstack/react-query";
import { useCallback, useEffect, useMemo, useState } from "react";
import { LIVE_POLL_MS } from "../../api/hooks.ts";
import { incidentPath, type Incident, type TimelinePage } from "../../api/incidents.ts";
import { ErrorMessage } from "../../components/error-message.tsx";
import { Field } from "../../components/field.tsx";
import { useSession } from "../../session.tsx";
import { AddNote } from "./add-note.tsx";
import { TIMELINE_SOURCES } from "./timeline-entry.tsx";
import { TimelineFeed } from "./timeline-feed.tsx";

const PAGE = 500;
/** How often the whole timeline is re-read; the last page is polled every LIVE_POLL_MS. */
const FULL_REFRESH_MS = 30_000;

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
              {Object.entries(TIMELINE_SOURCES).map(([value, s]) => (
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
        <TimelineFeed incident={incident} entries={entries} />
      )}
      <p className="muted" aria-live="polite">
        {entries.length} {entries.length === 1 ? "entry" : "entries"}
        {hasNextPage ? ", loading more…" : ""}
      </p>
      <AddNote incident={incident} />
    </>
  );
}
