// Atlassian Document Format: validation with Atlassian's own validator, small builders for tests, and the
// ADF <-> storage conversion Confluence performs when a page is read in the other body format.
// ADF: https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/
// Storage format: https://confluence.atlassian.com/doc/confluence-storage-format-790796544.html
import { createRequire } from "node:module";
import type { AdfDoc, AdfMark, AdfNode } from "./types.ts";

type ValidateFn = (
  entity: unknown,
  errorCallback: (entity: { type: string }, error: { code: string; message: string }) => unknown,
) => { valid: boolean };

let validateAdf: ValidateFn | undefined;

/** `validator()` checks a feature gate on construction and logs that no gate client exists; built once, quietly. */
function adfValidator(): ValidateFn {
  if (validateAdf) return validateAdf;
  const { validator } = createRequire(import.meta.url)("@atlaskit/adf-utils/validator") as {
    validator: () => ValidateFn;
  };
  const saved = { error: console.error, warn: console.warn, log: console.log };
  console.error = console.warn = console.log = () => {};
  try {
    validateAdf = validator();
  } finally {
    Object.assign(console, saved);
  }
  return validateAdf;
}

/** Problems with an ADF document, empty when valid. The root must be {type: "doc", version: 1}. */
export function adfProblems(doc: unknown): string[] {
  if (typeof doc !== "object" || doc === null || Array.isArray(doc)) return ["the document is not a JSON object"];
  const root = doc as Record<string, unknown>;
  if (root.type !== "doc") return [`the root node must be "doc", not ${JSON.stringify(root.type)}`];
  if (root.version !== 1) return ["doc: version must be 1"];
  const problems: string[] = [];
  adfValidator()(doc, (_entity, error) => {
    problems.push(error.message);
    return undefined;
  });
  return problems;
}

export function isAdfDoc(value: unknown): value is AdfDoc {
  return adfProblems(value).length === 0;
}

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
export function adfToText(doc: AdfDoc): string {
  return doc.content.map(inlineText).join("\n");
}

function inlineText(node: AdfNode): string {
  if (node.type === "text") return node.text ?? "";
  if (node.type === "hardBreak") return "\n";
  if (!node.content) return "";
  const sep = node.type === "paragraph" || node.type === "heading" ? "" : "\n";
  return node.content.map(inlineText).join(sep);
}

export const EMPTY_DOC: AdfDoc = { type: "doc", version: 1, content: [] };

// ---------------------------------------------------------------------------------------------------------------
// ADF -> storage. `unsupported` is told about nodes the emulator cannot convert (they are left out).

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

export function adfToStorage(doc: AdfDoc, unsupported: (what: string) => void): string {
  const block = (n: AdfNode): string => {
    const inner = () => (n.content ?? []).map(block).join("");
    switch (n.type) {
      case "paragraph":
        return `<p>${inner()}</p>`;
      case "heading":
        return `<h${Number(n.attrs?.level ?? 1)}>${inner()}</h${Number(n.attrs?.level ?? 1)}>`;
      case "bulletList":
        return `<ul>${inner()}</ul>`;
      case "orderedList":
        return `<ol>${inner()}</ol>`;
      case "listItem":
        return `<li>${inner()}</li>`;
      case "blockquote":
        return `<blockquote>${inner()}</blockquote>`;
      case "rule":
        return "<hr />";
      case "hardBreak":
        return "<br />";
      case "codeBlock": {
        const lang =
          typeof n.attrs?.language === "string"
            ? `<ac:parameter ac:name="language">${esc(n.attrs.language)}</ac:parameter>`
            : "";
        const code = (n.content ?? []).map((t) => t.text ?? "").join("");
        return `<ac:structured-macro ac:name="code">${lang}<ac:plain-text-body><![CDATA[${code}]]></ac:plain-text-body></ac:structured-macro>`;
      }
      case "table":
        return `<table><tbody>${inner()}</tbody></table>`;
      case "tableRow":
        return `<tr>${inner()}</tr>`;
      case "tableHeader":
        return `<th>${inner()}</th>`;
      case "tableCell":
        return `<td>${inner()}</td>`;
      case "bodiedExtension": {
        // A Confluence macro with a body, e.g. Page Properties ("details"): its macroParams become
        // ac:parameter elements (https://confluence.atlassian.com/doc/confluence-storage-format-for-macros-166461.html).
        if (n.attrs?.extensionType !== "com.atlassian.confluence.macro.core") {
          unsupported(
            `bodiedExtension of type ${String(n.attrs?.extensionType)} has no storage conversion in the emulator`,
          );
          return "";
        }
        const params = Object.entries(
          (n.attrs?.parameters as { macroParams?: Record<string, { value?: unknown }> } | undefined)?.macroParams ?? {},
        )
          .map(([name, p]) => `<ac:parameter ac:name="${esc(name)}">${esc(String(p?.value ?? ""))}</ac:parameter>`)
          .join("");
        return `<ac:structured-macro ac:name="${esc(String(n.attrs?.extensionKey))}">${params}<ac:rich-text-body>${inner()}</ac:rich-text-body></ac:structured-macro>`;
      }
      case "text":
        return (n.marks ?? []).reduce((html, mark) => wrapMark(html, mark, unsupported), esc(n.text ?? ""));
      default:
        unsupported(`ADF node "${n.type}" has no storage conversion in the emulator`);
        return "";
    }
  };
  return doc.content.map(block).join("");
}

function wrapMark(html: string, mark: AdfMark, unsupported: (what: string) => void): string {
  switch (mark.type) {
    case "strong":
      return `<strong>${html}</strong>`;
    case "em":
      return `<em>${html}</em>`;
    case "code":
      return `<code>${html}</code>`;
    case "underline":
      return `<u>${html}</u>`;
    case "strike":
      return `<s>${html}</s>`;
    case "link":
      return `<a href="${esc(String(mark.attrs?.href ?? ""))}">${html}</a>`;
    default:
      unsupported(`ADF mark "${mark.type}" has no storage conversion in the emulator`);
      return html;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Storage (XHTML) parsing and storage -> ADF.

export type XmlNode =
  | { kind: "element"; name: string; attrs: Record<string, string>; children: XmlNode[] }
  | { kind: "text"; text: string };

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

function decode(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ent: string) => {
    if (ent[0] === "#")
      return String.fromCodePoint(ent[1] === "x" || ent[1] === "X" ? parseInt(ent.slice(2), 16) : Number(ent.slice(1)));
    return ENTITIES[ent.toLowerCase()] ?? whole;
  });
}

/** Parses storage-format XHTML (a fragment: any number of top-level nodes). Throws on malformed markup. */
export function parseStorage(xhtml: string): XmlNode[] {
  const root: XmlNode & { kind: "element" } = { kind: "element", name: "#root", attrs: {}, children: [] };
  const stack = [root];
  const token =
    /<!\[CDATA\[([\s\S]*?)\]\]>|<!--[\s\S]*?-->|<\/([\w:-]+)\s*>|<([\w:-]+)((?:\s+[\w:-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|([^<]+)|(<)/g;
  let m: RegExpExecArray | null;
  while ((m = token.exec(xhtml))) {
    const top = stack[stack.length - 1]!;
    if (m[1] !== undefined) top.children.push({ kind: "text", text: m[1] });
    else if (m[2] !== undefined) {
      if (top.name !== m[2])
        throw new Error(`unexpected closing tag </${m[2]}>${top.name === "#root" ? "" : ` (open: <${top.name}>)`}`);
      stack.pop();
    } else if (m[3] !== undefined) {
      const attrs: Record<string, string> = {};
      for (const a of (m[4] ?? "").matchAll(/([\w:-]+)\s*=\s*(?:"([^"]*)"|'([^']*)')/g))
        attrs[a[1]!] = decode(a[2] ?? a[3] ?? "");
      const el: XmlNode & { kind: "element" } = { kind: "element", name: m[3], attrs, children: [] };
      top.children.push(el);
      if (m[5] !== "/" && !["br", "hr", "img"].includes(m[3])) stack.push(el);
    } else if (m[6] !== undefined) top.children.push({ kind: "text", text: decode(m[6]) });
    else throw new Error(`stray "<" at offset ${m.index}`);
  }
  if (stack.length > 1) throw new Error(`unclosed tag <${stack[stack.length - 1]!.name}>`);
  return root.children;
}

const INLINE_MARKS: Record<string, string> = {
  strong: "strong",
  b: "strong",
  em: "em",
  i: "em",
  code: "code",
  u: "underline",
  s: "strike",
  del: "strike",
};

export function storageToAdf(xhtml: string, unsupported: (what: string) => void): AdfDoc {
  const inline = (nodes: XmlNode[], marks: AdfMark[]): AdfNode[] =>
    nodes.flatMap((n): AdfNode[] => {
      if (n.kind === "text")
        return n.text === "" ? [] : [{ type: "text", text: n.text, ...(marks.length ? { marks } : {}) }];
      if (n.name === "br") return [{ type: "hardBreak" }];
      if (n.name === "a") return inline(n.children, [...marks, { type: "link", attrs: { href: n.attrs.href ?? "" } }]);
      const mark = INLINE_MARKS[n.name];
      if (mark) return inline(n.children, [...marks, { type: mark }]);
      unsupported(`storage element <${n.name}> has no ADF conversion in the emulator`);
      return [];
    });
  const blocks = (nodes: XmlNode[]): AdfNode[] =>
    nodes.flatMap((n): AdfNode[] => {
      if (n.kind === "text") return n.text.trim() === "" ? [] : [{ type: "paragraph", content: inline([n], []) }];
      const heading = /^h([1-6])$/.exec(n.name);
      if (heading) return [{ type: "heading", attrs: { level: Number(heading[1]) }, content: inline(n.children, []) }];
      switch (n.name) {
        case "p":
          return [{ type: "paragraph", content: inline(n.children, []) }];
        case "ul":
          return [{ type: "bulletList", content: blocks(n.children) }];
        case "ol":
          return [{ type: "orderedList", content: blocks(n.children) }];
        case "li": {
          const inner = n.children.some((c) => c.kind === "element" && ["p", "ul", "ol"].includes(c.name))
            ? blocks(n.children)
            : [{ type: "paragraph", content: inline(n.children, []) }];
          return [{ type: "listItem", content: inner }];
        }
        case "blockquote":
          return [{ type: "blockquote", content: blocks(n.children) }];
        case "hr":
          return [{ type: "rule" }];
        case "table":
        case "tbody":
          return n.name === "table" ? [{ type: "table", content: blocks(n.children) }] : blocks(n.children);
        case "tr":
          return [{ type: "tableRow", content: blocks(n.children) }];
        case "th":
        case "td": {
          const inner = n.children.some((c) => c.kind === "element" && c.name === "p")
            ? blocks(n.children)
            : [{ type: "paragraph", content: inline(n.children, []) }];
          return [{ type: n.name === "th" ? "tableHeader" : "tableCell", content: inner }];
        }
        case "ac:structured-macro":
          if (n.attrs["ac:name"] === "code") {
            const lang = n.children.find(
              (c) => c.kind === "element" && c.name === "ac:parameter" && c.attrs["ac:name"] === "language",
            );
            const body = n.children.find((c) => c.kind === "element" && c.name === "ac:plain-text-body");
            const text =
              body && body.kind === "element"
                ? body.children.map((c) => (c.kind === "text" ? c.text : "")).join("")
                : "";
            const language =
              lang && lang.kind === "element"
                ? lang.children.map((c) => (c.kind === "text" ? c.text : "")).join("")
                : undefined;
            return [
              {
                type: "codeBlock",
                ...(language ? { attrs: { language } } : {}),
                content: text ? [{ type: "text", text }] : [],
              },
            ];
          }
          unsupported(`storage macro "${n.attrs["ac:name"]}" has no ADF conversion in the emulator`);
          return [];
        default:
          if (INLINE_MARKS[n.name] || n.name === "a" || n.name === "br")
            return [{ type: "paragraph", content: inline([n], []) }];
          unsupported(`storage element <${n.name}> has no ADF conversion in the emulator`);
          return [];
      }
    });
  return { type: "doc", version: 1, content: blocks(parseStorage(xhtml)) };
}
