// An incident's postmortem under a template: generated sections from the facts, a placeholder in each of people's.
import { drillPrefixed } from "../drill-marks.ts";
import { incidentKey } from "../incident.ts";
import type { Block, DocumentSection, PostmortemDocument, PostmortemFacts } from "./document.ts";
import { generateSection, timelineTable } from "./generated-sections.ts";
import type { PostmortemTemplate, TemplateSection } from "./template.ts";

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

function placeholder(section: TemplateSection): Block[] {
  const hint = section.owner === "people" && section.hint ? ` ${section.hint}` : "";
  return [{ kind: "paragraph", parts: [`${PLACEHOLDER}${hint}`] }];
}

/** Whether a people's section still holds only what Firewatch wrote into it. */
export function isPlaceholderText(text: string): boolean {
  const t = text.trim();
  return t === "" || t.startsWith(PLACEHOLDER);
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
    blocks: s.owner === "generated" ? generateSection(s.generator, f, inline, overflow) : placeholder(s),
  }));
  const label = (text: string) =>
    text
      .toLowerCase()
      .replace(/[^a-z0-9_-]+/g, "-")
      .replace(/^-+|-+$/g, "");
  return {
    title: drillPrefixed(f.incident.drill, `Postmortem: ${key} ${f.incident.title}`).slice(0, 255),
    labels: [
      "postmortem",
      label(key),
      label(f.incident.severity),
      ...(f.serviceName ? [`service-${label(f.serviceName)}`] : []),
    ],
    sections,
    fullTimeline: overflow ? { title: `${key} timeline`, table: timelineTable(f.timeline, f.incidentUrl) } : null,
  };
}
