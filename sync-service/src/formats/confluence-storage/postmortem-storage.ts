// The postmortem in Confluence storage format (XHTML with ac: macros,
// https://confluence.atlassian.com/doc/confluence-storage-format-790796544.html), for
// `firewatch postmortem render --format storage` and previews. Same sections and markers as ADF.
import type { Block, DocumentSection, Inline, PostmortemDocument } from "../../domain/postmortem/document.ts";
import { SECTION_MACRO_PREFIX } from "../adf/postmortem-adf.ts";

const xml = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const xInline = (p: Inline) => (typeof p === "string" ? xml(p) : `<a href="${xml(p.href)}">${xml(p.text)}</a>`);

function xBlock(block: Block): string {
  switch (block.kind) {
    case "paragraph":
      return `<p>${block.parts.map(xInline).join("")}</p>`;
    case "properties":
      return `<table><tbody>${block.rows.map(([k, v]) => `<tr><th>${xml(k)}</th><td>${xInline(v)}</td></tr>`).join("")}</tbody></table>`;
    case "table":
      return `<table><tbody><tr>${block.header.map((h) => `<th>${xml(h)}</th>`).join("")}</tr>${block.rows.map((r) => `<tr>${r.map((c) => `<td>${xInline(c)}</td>`).join("")}</tr>`).join("")}</tbody></table>`;
  }
}

function xSection(s: DocumentSection): string {
  const body = s.blocks.map(xBlock).join("");
  const heading = `<h2>${xml(s.title)}</h2>`;
  if (s.owner === "people") return heading + body;
  return `${heading}<ac:structured-macro ac:name="details"><ac:parameter ac:name="id">${SECTION_MACRO_PREFIX}${xml(s.id)}</ac:parameter><ac:rich-text-body>${body}</ac:rich-text-body></ac:structured-macro>`;
}

export function renderStorage(document: PostmortemDocument): string {
  return document.sections.map(xSection).join("\n");
}
