// Atlassian Document Format as readable HTML, for the Jira and Confluence pages: text with its marks, headings,
// lists, tables, code, quotes, panels, macros (a box naming the macro around its body), mentions, emoji, status
// lozenges and cards. Every text is escaped and only http(s)/mailto links become links; what cannot be shown is
// named, never dropped silently. https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/
import { markup, safeHref, type Html } from "./html.ts";

export interface AdfNode {
  type: string;
  attrs?: Record<string, unknown>;
  content?: AdfNode[];
  marks?: { type: string; attrs?: Record<string, unknown> }[];
  text?: string;
}

export interface AdfHtmlOptions {
  /** Added to every heading level, so a document's h1 sits under the page's own headings (capped at h6). */
  headingOffset?: number;
}

const str = (v: unknown): string => (typeof v === "string" ? v : v === undefined || v === null ? "" : String(v));

function marked(node: AdfNode): Html {
  let out: Html = markup`${node.text ?? ""}`;
  for (const mark of node.marks ?? []) {
    if (mark.type === "strong") out = markup`<strong>${out}</strong>`;
    else if (mark.type === "em") out = markup`<em>${out}</em>`;
    else if (mark.type === "code") out = markup`<code>${out}</code>`;
    else if (mark.type === "strike") out = markup`<s>${out}</s>`;
    else if (mark.type === "underline") out = markup`<u>${out}</u>`;
    else if (mark.type === "subsup")
      out = mark.attrs?.type === "sup" ? markup`<sup>${out}</sup>` : markup`<sub>${out}</sub>`;
    else if (mark.type === "link") {
      const href = safeHref(str(mark.attrs?.href));
      if (href) out = markup`<a href="${href}">${out}</a>`;
    }
  }
  return out;
}

function macroName(node: AdfNode): string {
  const params = node.attrs?.parameters as { macroMetadata?: { title?: unknown } } | undefined;
  return str(params?.macroMetadata?.title) || str(node.attrs?.extensionKey) || "Macro";
}

function cell(node: AdfNode, o: AdfHtmlOptions, scope: "row" | "col"): Html {
  const span = (name: string, v: unknown) => (typeof v === "number" && v > 1 ? markup` ${name}="${v}"` : "");
  const attrs = markup`${span("colspan", node.attrs?.colspan)}${span("rowspan", node.attrs?.rowspan)}`;
  return node.type === "tableHeader"
    ? markup`<th scope="${scope}"${attrs}>${children(node, o)}</th>`
    : markup`<td${attrs}>${children(node, o)}</td>`;
}

/** A row whose header cell comes before its data cells is a key/value row (Firewatch's property tables). */
function row(node: AdfNode, o: AdfHtmlOptions): Html {
  const cells = node.content ?? [];
  const keyed = cells[0]?.type === "tableHeader" && cells.some((c) => c.type === "tableCell");
  return markup`<tr>${cells.map((c) => (c.type === "tableHeader" || c.type === "tableCell" ? cell(c, o, keyed ? "row" : "col") : adfNodeHtml(c, o)))}</tr>`;
}

function children(node: AdfNode, o: AdfHtmlOptions): Html {
  return markup`${(node.content ?? []).map((c) => adfNodeHtml(c, o))}`;
}

/** One node and everything under it. */
export function adfNodeHtml(node: AdfNode, o: AdfHtmlOptions = {}): Html {
  const inner = () => children(node, o);
  switch (node.type) {
    case "doc":
      return inner();
    case "text":
      return marked(node);
    case "paragraph":
      return markup`<p>${inner()}</p>`;
    case "heading": {
      const level = Math.min(6, Math.max(1, Number(node.attrs?.level) || 1) + (o.headingOffset ?? 0));
      return markup`<h${level}>${inner()}</h${level}>`;
    }
    case "hardBreak":
      return markup`<br />`;
    case "rule":
      return markup`<hr />`;
    case "bulletList":
      return markup`<ul>${inner()}</ul>`;
    case "orderedList":
      return markup`<ol>${inner()}</ol>`;
    case "listItem":
      return markup`<li>${inner()}</li>`;
    case "taskList":
      return markup`<ul class="tasks">${inner()}</ul>`;
    case "taskItem":
      return markup`<li>${node.attrs?.state === "DONE" ? "☑" : "☐"} ${inner()}</li>`;
    case "decisionList":
      return markup`<ul>${inner()}</ul>`;
    case "decisionItem":
      return markup`<li>Decision: ${inner()}</li>`;
    case "blockquote":
      return markup`<blockquote>${inner()}</blockquote>`;
    case "codeBlock":
      return markup`<pre><code>${(node.content ?? []).map((c) => c.text ?? "")}</code></pre>`;
    case "panel":
      return markup`<div class="panel">${inner()}</div>`;
    case "expand":
    case "nestedExpand":
      return markup`<details><summary>${str(node.attrs?.title) || "Details"}</summary>${inner()}</details>`;
    case "table":
      return markup`<div class="scroll"><table><tbody>${inner()}</tbody></table></div>`;
    case "tableRow":
      return row(node, o);
    case "bodiedExtension":
      return markup`<div class="macro"><p class="macro-name">${macroName(node)}</p>${inner()}</div>`;
    case "extension":
    case "inlineExtension":
      return markup`<span class="macro-name">[${macroName(node)} macro]</span>`;
    case "mention":
      return markup`<strong>${str(node.attrs?.text) || "@someone"}</strong>`;
    case "emoji":
      return markup`${str(node.attrs?.text) || str(node.attrs?.shortName)}`;
    case "status":
      return markup`<span class="lozenge">${str(node.attrs?.text)}</span>`;
    case "date": {
      const at = new Date(Number(node.attrs?.timestamp));
      return markup`${Number.isNaN(at.getTime()) ? "" : at.toISOString().slice(0, 10)}`;
    }
    case "inlineCard":
    case "blockCard":
    case "embedCard": {
      const href = safeHref(str(node.attrs?.url));
      return href ? markup`<a href="${href}">${href}</a>` : markup`[card]`;
    }
    case "mediaSingle":
    case "mediaGroup":
    case "media":
      return markup`<p class="meta">[attachment]</p>`;
    default:
      return node.content ? inner() : markup`<span class="meta">[${node.type}]</span>`;
  }
}

/** A whole document (or null: nothing); any vendor's ADF type will do, the nodes are read defensively. */
export function adfHtml(doc: { type: string } | null | undefined, o: AdfHtmlOptions = {}): Html {
  return doc ? markup`<div class="doc">${adfNodeHtml(doc as AdfNode, o)}</div>` : markup``;
}
