// The postmortem as a neutral document: sections of paragraphs, key/value properties and tables, and the facts
// it is built from. Adapters render it as ADF (Confluence's editor format), storage XHTML or Markdown; nothing here
// knows them.
import type { Incident } from "../incident.ts";
import type { StoredTimelineEntry } from "../timeline.ts";

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
