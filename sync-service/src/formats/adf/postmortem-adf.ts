// The postmortem document as ADF (https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/),
// built with @atlaskit/adf-utils and validated with its validator before any write. Each generated section
// lives in a Page Properties macro ("details", https://support.atlassian.com/confluence-cloud/docs/insert-the-page-properties-macro/)
// whose `id` parameter names the section: the editor keeps macro parameters, so a refresh finds exactly
// the parts Firewatch owns and replaces them, and Confluence's Page Properties Report can list every
// postmortem's summary (filter the report by id "firewatch-summary"). Everything else is people's.
import { createRequire } from "node:module";
import type { Block, DocumentSection, Inline, PostmortemDocument } from "../../domain/postmortem/document.ts";

// adf-utils ships CommonJS entry points per folder; an ESM directory import fails (see README).
const require = createRequire(import.meta.url);
const b = require("@atlaskit/adf-utils/builders") as Builders;
const { validator } = require("@atlaskit/adf-utils/validator") as {
  validator: () => (
    doc: unknown,
    onError?: (entity: { type: string }, error: { code: string; message: string }) => unknown,
  ) => { valid: boolean };
};

// The builders' own typings are nominal and deep; the renderer only needs them to produce plain JSON.
type Node = Record<string, unknown>;
interface Builders {
  doc(...content: Node[]): Node;
  heading(attrs: { level: number; localId?: string }): (...content: Node[]) => Node;
  paragraph(...content: Node[]): Node;
  text(text: string): Node;
  link(attrs: { href: string }): (node: Node) => Node;
  strong(node: Node): Node;
  table(...rows: Node[]): Node;
  tableRow(cells: Node[]): Node;
  tableHeader(attrs: object): (...content: Node[]) => Node;
  tableCell(attrs: object): (...content: Node[]) => Node;
  bodiedExtension(attrs: {
    extensionType: string;
    extensionKey: string;
    parameters?: object;
    localId?: string;
  }): (...content: Node[]) => Node;
}

export const SECTION_MACRO_PREFIX = "firewatch-";
const MACRO = { extensionType: "com.atlassian.confluence.macro.core", extensionKey: "details" } as const;

export type AdfDoc = { type: "doc"; version: 1; content: Node[] };

const inline = (part: Inline): Node =>
  typeof part === "string" ? b.text(part || " ") : b.link({ href: part.href })(b.text(part.text || part.href));
const cellText = (part: Inline) => b.paragraph(inline(part));

function renderBlock(block: Block): Node {
  switch (block.kind) {
    case "paragraph":
      return b.paragraph(...block.parts.map(inline));
    case "properties":
      return b.table(
        ...block.rows.map(([k, v]) =>
          b.tableRow([b.tableHeader({})(b.paragraph(b.text(k))), b.tableCell({})(cellText(v))]),
        ),
      );
    case "table": {
      const header = b.tableRow(block.header.map((h) => b.tableHeader({})(b.paragraph(b.text(h)))));
      // A table needs at least one row besides its header to mean anything; say there is nothing yet.
      const rows = block.rows.length
        ? block.rows.map((r) => b.tableRow(r.map((c) => b.tableCell({})(cellText(c)))))
        : [b.tableRow(block.header.map((_, i) => b.tableCell({})(b.paragraph(b.text(i === 0 ? "none yet" : " ")))))];
      return b.table(header, ...rows);
    }
  }
}

function macroFor(section: DocumentSection): Node {
  const id = `${SECTION_MACRO_PREFIX}${section.id}`;
  return b.bodiedExtension({
    ...MACRO,
    parameters: {
      macroParams: { id: { value: id } },
      macroMetadata: { title: "Page Properties", schemaVersion: { value: "1" } },
    },
    localId: id,
  })(...section.blocks.map(renderBlock));
}

function sectionNodes(section: DocumentSection): Node[] {
  const heading = b.heading({ level: 2, localId: `${SECTION_MACRO_PREFIX}h-${section.id}` })(b.text(section.title));
  return section.owner === "generated" ? [heading, macroFor(section)] : [heading, ...section.blocks.map(renderBlock)];
}

/** A new page's body. */
export function renderAdf(document: PostmortemDocument): AdfDoc {
  return b.doc(...document.sections.flatMap(sectionNodes)) as AdfDoc;
}

/** The child page holding the full timeline. */
export function renderTimelineAdf(document: PostmortemDocument): AdfDoc | null {
  return document.fullTimeline ? (b.doc(renderBlock(document.fullTimeline.table)) as AdfDoc) : null;
}

/** The section id a node of the page belongs to, if it is one of Firewatch's section macros. */
export function macroSection(node: Node): string | null {
  if (node.type !== "bodiedExtension") return null;
  const attrs = node.attrs as
    { extensionKey?: string; parameters?: { macroParams?: { id?: { value?: string } } } } | undefined;
  const id = attrs?.parameters?.macroParams?.id?.value;
  return attrs?.extensionKey === MACRO.extensionKey && id?.startsWith(SECTION_MACRO_PREFIX)
    ? id.slice(SECTION_MACRO_PREFIX.length)
    : null;
}

/**
 * The page after a refresh: every Firewatch section macro gets the freshly rendered content, every other
 * node (people's writing, their own macros, their reordering) stays exactly as it was. A generated
 * section whose macro is gone from the page is added back at the end.
 */
export function mergeAdf(current: AdfDoc, document: PostmortemDocument): AdfDoc {
  const generated = new Map(document.sections.filter((s) => s.owner === "generated").map((s) => [s.id, s]));
  const seen = new Set<string>();
  const content = current.content.map((node) => {
    const id = macroSection(node);
    const section = id === null ? undefined : generated.get(id);
    if (!section) return node;
    seen.add(section.id);
    return macroFor(section);
  });
  for (const section of generated.values()) if (!seen.has(section.id)) content.push(...sectionNodes(section));
  return { type: "doc", version: 1, content };
}

/** Plain text of the nodes under a people's section heading, up to the next level-2 heading. */
export function peopleSectionText(doc: AdfDoc, sectionId: string, title: string): string | null {
  const start = doc.content.findIndex(
    (n) =>
      n.type === "heading" &&
      ((n.attrs as { localId?: string })?.localId === `${SECTION_MACRO_PREFIX}h-${sectionId}` ||
        textOf(n).trim() === title),
  );
  if (start < 0) return null;
  const parts: string[] = [];
  for (const node of doc.content.slice(start + 1)) {
    if (node.type === "heading" && (node.attrs as { level?: number })?.level === 2) break;
    if (macroSection(node) !== null) break;
    parts.push(textOf(node));
  }
  return parts.join("\n");
}

function textOf(node: Node): string {
  if (typeof node.text === "string") return node.text;
  return Array.isArray(node.content) ? (node.content as Node[]).map(textOf).join(" ") : "";
}

let schemaValidator: ((doc: unknown) => boolean) & { errors?: { instancePath: string; message?: string }[] | null };

/**
 * ADF errors by Atlassian's published JSON schema (@atlaskit/adf-schema, draft-04, compiled once with
 * ajv): the same rules as the validator below at a fraction of its cost, for long generated tables such
 * as a 10,000-entry timeline (the adf-utils validator takes about a second for one).
 */
export function adfSchemaErrors(doc: unknown): string[] {
  if (!schemaValidator) {
    const Ajv = require("ajv-draft-04") as new (options: object) => {
      compile(schema: unknown): typeof schemaValidator;
    };
    schemaValidator = new Ajv({ strict: false, allErrors: false }).compile(
      require("@atlaskit/adf-schema/json-schema/v1/full.json"),
    );
  }
  return schemaValidator(doc)
    ? []
    : (schemaValidator.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? "is invalid"}`);
}

/** ADF validation errors by @atlaskit/adf-utils' validator, empty when the document is valid. */
export function adfErrors(doc: unknown): string[] {
  const errors: string[] = [];
  validator()(doc, (entity, error) => {
    errors.push(`${entity.type}: ${error.message}`);
    return undefined;
  });
  return errors;
}
