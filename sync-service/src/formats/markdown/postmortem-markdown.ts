// The postmortem in Markdown (CommonMark with GitHub-style tables), for `firewatch postmortem render --format markdown`
// and previews. Same sections as ADF.
import type { Block, Inline, PostmortemDocument } from "../../domain/postmortem/document.ts";

const md = (s: string) => s.replace(/([\\`*_[\]|<>#])/g, "\\$1").replace(/\n/g, " ");
const mdInline = (p: Inline) => (typeof p === "string" ? md(p) : `[${md(p.text)}](${p.href.replace(/\)/g, "%29")})`);

function mdBlock(block: Block): string {
  switch (block.kind) {
    case "paragraph":
      return block.parts.map(mdInline).join("");
    case "properties":
      return ["| | |", "|---|---|", ...block.rows.map(([k, v]) => `| **${md(k)}** | ${mdInline(v)} |`)].join("\n");
    case "table":
      return [
        `| ${block.header.map(md).join(" | ")} |`,
        `|${block.header.map(() => "---").join("|")}|`,
        ...block.rows.map((r) => `| ${r.map(mdInline).join(" | ")} |`),
      ].join("\n");
  }
}

export function renderMarkdown(document: PostmortemDocument): string {
  return (
    [
      `# ${md(document.title)}`,
      ...document.sections.map((s) => [`## ${md(s.title)}`, ...s.blocks.map(mdBlock)].join("\n\n")),
    ].join("\n\n") + "\n"
  );
}
