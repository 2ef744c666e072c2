// Jira issue descriptions and comments as ADF (https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/),
// built with @atlaskit/adf-utils, and the plain text of an ADF document.
import { createRequire } from "node:module";

// @atlaskit/adf-utils is CommonJS with directory entry points that Node's ESM loader cannot import.
const require = createRequire(import.meta.url);
const adf = require("@atlaskit/adf-utils/builders") as typeof import("@atlaskit/adf-utils/builders");

/** Paragraphs as an ADF document, with a link back to the incident. */
export function descriptionDoc(paragraphs: readonly string[], incidentUrl: string, incidentKey: string) {
  return adf.doc(
    ...paragraphs.map((text) => adf.p(text)),
    adf.p(adf.text("Open "), adf.link({ href: incidentUrl })(`${incidentKey} in Firewatch`)),
  );
}

/** A note as an ADF comment: "<author> wrote in INC-7:" then the note. */
export function commentDoc(author: string, text: string, incidentKey: string, incidentUrl: string) {
  return adf.doc(
    adf.p(adf.strong(author), adf.text(" wrote in "), adf.link({ href: incidentUrl })(incidentKey), adf.text(":")),
    ...text.split(/\n{2,}/).map((para) => adf.p(para)),
  );
}

/** Plain text of an ADF document (comment bodies from webhooks), paragraphs separated by blank lines. */
export function plainText(node: unknown): string {
  const n = node as { type?: string; text?: string; content?: unknown[] } | null;
  if (!n || typeof n !== "object") return typeof node === "string" ? node : "";
  if (n.type === "text") return n.text ?? "";
  const parts = (n.content ?? []).map(plainText);
  return n.type === "doc" ? parts.join("\n\n") : parts.join("");
}
