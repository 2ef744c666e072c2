// HTML built from tagged templates that escape every interpolated value unless it is already Html: what a message
// says (hostile input) can only ever become text.

/** Markup that is already safe: built by `markup` or by the renderers, never from raw input. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

function part(value: unknown): string {
  if (value instanceof Html) return value.value;
  if (Array.isArray(value)) return value.map(part).join("");
  if (value === null || value === undefined || value === false) return "";
  return escapeHtml(String(value));
}

/** `markup\`<b>${name}</b>\``: strings, numbers and arrays of them are escaped; Html is kept; null, undefined and false vanish. */
export function markup(strings: TemplateStringsArray, ...values: unknown[]): Html {
  return new Html(strings.reduce((out, s, i) => out + s + (i < values.length ? part(values[i]) : ""), ""));
}

/** Markup made by this module's callers from escaped parts (the mrkdwn renderer). */
export const trusted = (markup: string): Html => new Html(markup);

/** An address a link may point at (http, https, mailto); anything else (javascript:, data:, relative) is no link. */
export function safeHref(url: string): string | null {
  try {
    const parsed = new URL(url);
    return ["http:", "https:", "mailto:"].includes(parsed.protocol) ? parsed.href : null;
  } catch {
    return null;
  }
}
