// The sections Firewatch writes itself (summary, impact, timeline, detection, action items) from an incident's facts.
import { incidentKey } from "../incident.ts";
import type { StoredTimelineEntry } from "../timeline.ts";
import type { Block, Inline, PostmortemFacts } from "./document.ts";
import type { SectionGenerator } from "./template.ts";

const iso = (d: Date) =>
  d
    .toISOString()
    .replace("T", " ")
    .replace(/:\d\d\.\d+Z$/, " UTC");

/** "1 h 23 min", "4 min", "45 s". */
export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min`;
  const h = Math.floor(m / 60);
  return m % 60 ? `${h} h ${m % 60} min` : `${h} h`;
}

function timelineRow(e: StoredTimelineEntry, incidentUrl: string): Inline[] {
  const link: Inline =
    typeof e.data.url === "string"
      ? { text: "open", href: e.data.url }
      : { text: "entry", href: `${incidentUrl}#entry-${e.id}` };
  const body = e.data.deleted === true ? `${e.body} (deleted)` : e.body;
  return [iso(e.occurredAt), e.author ? `${e.author}: ${body}` : body, e.source, link];
}

const TIMELINE_HEADER = ["Time (UTC)", "Event", "Source", "Link"];

/** The timeline as a table, one row per entry, each linking to its source or to the entry in the incident. */
export function timelineTable(
  entries: readonly StoredTimelineEntry[],
  incidentUrl: string,
): Block & { readonly kind: "table" } {
  return { kind: "table", header: TIMELINE_HEADER, rows: entries.map((e) => timelineRow(e, incidentUrl)) };
}

/** The blocks of one generated section; `overflow` means the full timeline goes to a child page. */
export function generateSection(
  generator: SectionGenerator,
  f: PostmortemFacts,
  inlineTimeline: readonly StoredTimelineEntry[],
  overflow: boolean,
): Block[] {
  const i = f.incident;
  const duration = (i.resolvedAt ?? f.now).getTime() - i.createdAt.getTime();
  switch (generator) {
    case "summary":
      return [
        {
          kind: "properties",
          rows: [
            ["Incident", { text: incidentKey(i), href: f.incidentUrl }],
            ["Title", i.title],
            ["Severity", i.severity],
            ["Service", f.serviceName ?? "none"],
            ["Status", i.status],
            ["Owner", f.ownerName ?? "unassigned"],
            ["Started", iso(i.createdAt)],
            ["Resolved", i.resolvedAt ? iso(i.resolvedAt) : "not yet"],
          ],
        },
        ...(i.description ? [{ kind: "paragraph" as const, parts: [i.description] }] : []),
      ];
    case "impact":
      return [
        {
          kind: "properties",
          rows: [
            ["Duration", `${formatDuration(duration)}${i.resolvedAt ? "" : " so far"}`],
            ["Affected service", f.serviceName ?? "none"],
            ["Alerts", String(f.alertCount)],
            ["Jira issues", f.tickets.length ? f.tickets.map((t) => t.key).join(", ") : "none"],
          ],
        },
      ];
    case "timeline": {
      const table = timelineTable(inlineTimeline, f.incidentUrl);
      if (!overflow) return [table];
      const note: Block = {
        kind: "paragraph",
        parts: [
          `Key moments and status changes of ${f.timeline.length} entries; the full timeline is on the child page "${incidentKey(i)} timeline".`,
        ],
      };
      return [note, table];
    }
    case "detection": {
      const tta = i.acknowledgedAt
        ? formatDuration(i.acknowledgedAt.getTime() - i.createdAt.getTime())
        : "not acknowledged";
      const ttr = i.resolvedAt ? formatDuration(i.resolvedAt.getTime() - i.createdAt.getTime()) : "not resolved";
      const first = f.timeline.find((e) => e.type === "alert.triggered" || e.type === "incident.triggered");
      return [
        {
          kind: "properties",
          rows: [
            ["Detected by", first ? `${first.source}${first.author ? ` (${first.author})` : ""}` : "unknown"],
            ["Time to acknowledge", tta],
            ["Time to resolve", ttr],
            ["Pages sent", String(f.timeline.filter((e) => e.type === "page.sent").length)],
          ],
        },
      ];
    }
    case "communications": {
      const updates = f.timeline.filter((e) => e.type === "status_update.posted");
      if (updates.length === 0)
        return [{ kind: "paragraph", parts: ["No status update was sent to stakeholders during this incident."] }];
      return [
        {
          kind: "table",
          header: ["Time (UTC)", "From", "Status update"],
          rows: updates.map((e) => [iso(e.occurredAt), e.author ?? "Firewatch", e.body]),
        },
      ];
    }
    case "action-items":
      return [
        {
          kind: "table",
          header: ["Action item", "Jira", "Owner", "Due", "Status", "Required"],
          rows: f.actionItems.map((a) => [
            a.title,
            a.issueKey ? (a.issueUrl ? { text: a.issueKey, href: a.issueUrl } : a.issueKey) : "creating…",
            a.owner ?? "unassigned",
            a.dueDate ?? "—",
            a.status,
            a.required ? "yes" : "no",
          ]),
        },
      ];
  }
}
