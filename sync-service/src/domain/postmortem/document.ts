// The postmortem as a neutral document: sections of paragraphs, key/value properties and tables.
// Adapters render it as ADF (Confluence's editor format), storage XHTML or Markdown; nothing here knows them.
import { incidentKey, type Incident } from "../incident.ts";
import type { StoredTimelineEntry } from "../timeline.ts";
import type { PostmortemTemplate, SectionGenerator, TemplateSection } from "./template.ts";

export type Inline = string | { readonly text: string; readonly href: string };

export type Block =
  | { readonly kind: "paragraph"; readonly parts: readonly Inline[] }
  | { readonly kind: "properties"; readonly rows: readonly (readonly [string, Inline])[] }
  | { readonly kind: "table"; readonly header: readonly string[]; readonly rows: readonly (readonly Inline[])[] };

export interface DocumentSection {
  readonly id: string;
  readonly title: string;
  readonly owner: "generated" | "people";
  readonly required: boolean;
  /** For people's sections: the placeholder written once, which counts as "empty". */
  readonly blocks: readonly Block[];
}

export interface PostmortemDocument {
  readonly title: string;
  /** Confluence labels: make its reports and searches work across postmortems. */
  readonly labels: readonly string[];
  readonly sections: readonly DocumentSection[];
  /** The whole timeline, on a child page, when it is too long for the page itself. */
  readonly fullTimeline: { readonly title: string; readonly table: Block & { kind: "table" } } | null;
}

export interface ActionItemFact {
  readonly title: string;
  readonly issueKey: string | null;
  readonly issueUrl: string | null;
  readonly owner: string | null;
  readonly dueDate: string | null;
  readonly status: string;
  readonly required: boolean;
}

export interface PostmortemFacts {
  readonly incident: Incident;
  readonly serviceName: string | null;
  readonly ownerName: string | null;
  readonly incidentUrl: string;
  readonly alertCount: number;
  readonly timeline: readonly StoredTimelineEntry[];
  readonly tickets: readonly { readonly key: string; readonly url: string | null; readonly status: string | null }[];
  readonly actionItems: readonly ActionItemFact[];
  readonly now: Date;
}

/** Past this many entries the page shows key moments and status changes; the full table goes to a child page. */
export const MAX_INLINE_TIMELINE = 150;
const STATUS_TYPES = new Set([
  "incident.triggered",
  "incident.acknowledged",
  "incident.resolved",
  "incident.updated",
  "status.posted",
]);
const PLACEHOLDER = "To be written by the incident owner.";

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

function placeholder(section: TemplateSection): Block[] {
  const hint = section.owner === "people" && section.hint ? ` ${section.hint}` : "";
  return [{ kind: "paragraph", parts: [`${PLACEHOLDER}${hint}`] }];
}

/** Whether a people's section still holds only what Firewatch wrote into it. */
export function isPlaceholderText(text: string): boolean {
  const t = text.trim();
  return t === "" || t.startsWith(PLACEHOLDER);
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

function generate(
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
      const table: Block = {
        kind: "table",
        header: TIMELINE_HEADER,
        rows: inlineTimeline.map((e) => timelineRow(e, f.incidentUrl)),
      };
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

/** The postmortem of an incident under a template. Pure: same facts, same document. */
export function buildPostmortem(template: PostmortemTemplate, f: PostmortemFacts): PostmortemDocument {
  const key = incidentKey(f.incident);
  const overflow = f.timeline.length > MAX_INLINE_TIMELINE;
  const inline = overflow ? f.timeline.filter((e) => e.keyMoment || STATUS_TYPES.has(e.type)) : f.timeline;
  const sections = template.sections.map((s): DocumentSection => ({
    id: s.id,
    title: s.title,
    owner: s.owner,
    required: s.required,
    blocks: s.owner === "generated" ? generate(s.generator, f, inline, overflow) : placeholder(s),
  }));
  const label = (text: string) =>
    text
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, "-")
      .replace(/^-+|-+$/g, "");
  return {
    title: `Postmortem: ${key} ${f.incident.title}`.slice(0, 255),
    labels: [
      "postmortem",
      label(key),
      label(f.incident.severity),
      ...(f.serviceName ? [`service-${label(f.serviceName)}`] : []),
    ],
    sections,
    fullTimeline: overflow
      ? {
          title: `${key} timeline`,
          table: { kind: "table", header: TIMELINE_HEADER, rows: f.timeline.map((e) => timelineRow(e, f.incidentUrl)) },
        }
      : null,
  };
}
