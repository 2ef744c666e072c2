import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useRef } from "react";
import type { Incident, TimelineEntry } from "../../api/incidents.ts";
import { TimelineEntryView } from "./timeline-entry.tsx";

/** The entries as a feed; only the rows in view are in the DOM (react-virtual). */
export function TimelineFeed({ incident, entries }: { incident: Incident; entries: TimelineEntry[] }) {
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
            <TimelineEntryView
              incident={incident}
              entry={entries[row.index]!}
              position={row.index + 1}
              total={entries.length}
            />
          </div>
        ))}
      </div>
    </div>
  );
}
