// Minimal Atlassian Document Format helpers (https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/).
import type { AdfDoc } from "./types.ts";

/** One paragraph per line of text. */
export function textToAdf(text: string): AdfDoc {
  return {
    type: "doc",
    version: 1,
    content: text
      .split("\n")
      .map((line) => ({ type: "paragraph", content: line === "" ? [] : [{ type: "text", text: line }] })),
  };
}

/** The document's text: text nodes concatenated, block nodes separated by newlines. */
export function adfToText(doc: AdfDoc | null): string {
  if (!doc) return "";
  const blocks: string[] = [];
  for (const node of doc.content) blocks.push(inlineText(node));
  return blocks.join("\n");
}

function inlineText(node: unknown): string {
  if (typeof node !== "object" || node === null) return "";
  const n = node as { type?: unknown; text?: unknown; content?: unknown };
  if (n.type === "text" && typeof n.text === "string") return n.text;
  if (n.type === "hardBreak") return "\n";
  if (!Array.isArray(n.content)) return "";
  const sep = n.type === "paragraph" || n.type === "heading" ? "" : "\n";
  return n.content.map(inlineText).join(sep);
}
