// A page body as the sections a person edits one at a time: the nodes before the first top-level heading, then each
// level-1 or level-2 heading with what follows it. A section's text is what its textarea holds — a line a
// paragraph, "- " a bullet, "1. " a numbered item, "### " a smaller heading — and saving it replaces only the nodes
// under that heading: the heading node itself (with the localId Firewatch finds a postmortem section by) and every
// other section stay exactly as they were. A section holding a macro (Firewatch's Page Properties, a Jira table)
// cannot be written back as text without losing it, so it is not offered for editing.
import type { AdfDoc, AdfNode } from "../types.ts";

export interface Section {
  /** 0 is the part before the first heading (possibly empty). */
  readonly index: number;
  readonly heading: AdfNode | null;
  readonly nodes: AdfNode[];
}

const isSectionHeading = (n: AdfNode) => n.type === "heading" && Number(n.attrs?.level ?? 1) <= 2;

export function sections(doc: AdfDoc): Section[] {
  const out: Section[] = [{ index: 0, heading: null, nodes: [] }];
  for (const node of doc.content) {
    if (isSectionHeading(node)) out.push({ index: out.length, heading: node, nodes: [] });
    else out[out.length - 1]!.nodes.push(node);
  }
  return out;
}

export function nodeText(node: AdfNode): string {
  if (node.type === "text") return node.text ?? "";
  if (node.type === "hardBreak") return " ";
  return (node.content ?? []).map(nodeText).join(node.type === "paragraph" || node.type === "heading" ? "" : " ");
}

/** Why the section cannot be edited as text, or null. */
export function notEditable(section: Section): string | null {
  const macro = (n: AdfNode): boolean =>
    ["bodiedExtension", "extension", "inlineExtension"].includes(n.type) || (n.content ?? []).some(macro);
  return section.nodes.some(macro)
    ? "This section holds a macro; edit it where it comes from (Firewatch keeps its own sections up to date)."
    : null;
}

/** Whether writing the section back as text would lose something (a table, a link, bold, a code block…). */
export function hasFormatting(section: Section): boolean {
  const plain = (n: AdfNode): boolean =>
    ["paragraph", "text", "bulletList", "orderedList", "listItem", "heading", "hardBreak"].includes(n.type) &&
    !(n.marks ?? []).length &&
    (n.content ?? []).every(plain);
  return !section.nodes.every(plain);
}

/** The section's body as the textarea shows it. */
export function sectionText(section: Section): string {
  const lines: string[] = [];
  for (const node of section.nodes) {
    if (node.type === "bulletList" || node.type === "orderedList")
      (node.content ?? []).forEach((item, i) =>
        lines.push(`${node.type === "bulletList" ? "-" : `${i + 1}.`} ${nodeText(item).trim()}`),
      );
    else if (node.type === "heading") lines.push(`${"#".repeat(Number(node.attrs?.level ?? 3))} ${nodeText(node)}`);
    else lines.push(nodeText(node));
  }
  return lines.join("\n");
}

const paragraph = (text: string): AdfNode => ({ type: "paragraph", content: [{ type: "text", text }] });
const item = (text: string): AdfNode => ({ type: "listItem", content: [paragraph(text)] });

/** The textarea's text as ADF blocks (blank lines end a list and are otherwise dropped). */
export function textBlocks(text: string): AdfNode[] {
  const blocks: AdfNode[] = [];
  let list = null as AdfNode | null;
  for (const raw of text.replace(/\r\n?/g, "\n").split("\n")) {
    const line = raw.trim();
    const bullet = /^[-*•]\s+(.+)$/.exec(line);
    const numbered = /^\d+[.)]\s+(.+)$/.exec(line);
    const heading = /^(#{3,6})\s+(.+)$/.exec(line);
    const kind = bullet ? "bulletList" : numbered ? "orderedList" : null;
    if (kind) {
      if (!list || list.type !== kind) {
        list = { type: kind, content: [] };
        blocks.push(list);
      }
      list.content!.push(item((bullet ?? numbered)![1]!));
      continue;
    }
    list = null;
    if (heading)
      blocks.push({
        type: "heading",
        attrs: { level: heading[1]!.length },
        content: [{ type: "text", text: heading[2]! }],
      });
    else if (line) blocks.push(paragraph(line));
  }
  return blocks;
}

/** The document with section `index`'s body replaced by `body`. */
export function replaceSection(doc: AdfDoc, index: number, body: AdfNode[]): AdfDoc {
  const all = sections(doc);
  const content = all.flatMap((s) => [...(s.heading ? [s.heading] : []), ...(s.index === index ? body : s.nodes)]);
  return { type: "doc", version: 1, content };
}

/** The document with a new level-2 section at its end. */
export function appendSection(doc: AdfDoc, title: string, body: AdfNode[]): AdfDoc {
  const heading: AdfNode = { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: title }] };
  return { type: "doc", version: 1, content: [...doc.content, heading, ...body] };
}
