// Slack's mrkdwn as HTML, the basics a person sees in the client: *bold*, _italic_, ~strike~, `code`, ```pre```,
// > quotes, line breaks, <url|label> links, <@U…> / <#C…> / <!here> mentions, and &amp; &lt; &gt; — the only
// entities Slack uses, since <, > and & are its control characters.
// https://docs.slack.dev/messaging/formatting-message-text/
import { emojify } from "./emoji.ts";
import { escapeHtml, markup, safeHref, trusted, type Html } from "../../common/view/html.ts";

/** Names for the ids a message mentions; undefined when the workspace has no such person or channel. */
export interface Names {
  user(id: string): string | undefined;
  channel(id: string): string | undefined;
}

const decode = (text: string): string => text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");

/** What a `<…>` token reads as, in words: a mention, a link's label, a date's fallback. */
function tokenText(inner: string, names: Names): { text: string; kind: "mention" | "link" | "text"; url?: string } {
  const bar = inner.indexOf("|");
  const [target, label] = bar < 0 ? [inner, undefined] : [inner.slice(0, bar), inner.slice(bar + 1)];
  if (/^@[UW][A-Z0-9]+$/.test(target))
    return { kind: "mention", text: `@${names.user(target.slice(1)) ?? decode(label ?? target.slice(1))}` };
  if (/^#C[A-Z0-9]+$/.test(target))
    return { kind: "mention", text: `#${names.channel(target.slice(1)) ?? decode(label ?? target.slice(1))}` };
  if (target.startsWith("!")) {
    const special = /^!(here|channel|everyone)$/.exec(target)?.[1];
    if (special) return { kind: "mention", text: `@${special}` };
    if (target.startsWith("!subteam^")) return { kind: "mention", text: decode(label ?? "@group") };
    return { kind: "text", text: decode(label ?? target.slice(1)) };
  }
  return { kind: "link", text: decode(label ?? target), url: decode(target) };
}

function token(inner: string, names: Names): Html {
  const t = tokenText(inner, names);
  if (t.kind === "mention") return markup`<span class="mention">${t.text}</span>`;
  const href = t.url === undefined ? null : safeHref(t.url);
  if (href === null) return markup`${t.text}`;
  return markup`<a href="${href}" rel="noopener noreferrer" target="_blank">${t.text}</a>`;
}

/** `text` as code shows it: tokens read as words, entities decoded, nothing formatted. */
function asCode(text: string, names: Names): string {
  return escapeHtml(decode(text.replace(/<([^<>]*)>/g, (_, inner: string) => tokenText(inner, names).text)));
}

/** *x*, _x_ and ~x~ count only at word edges, as in Slack (snake_case and 2*3*4 stay as typed). */
function emphasis(text: string, mark: string, tag: string): string {
  const m = mark === "*" ? "\\*" : mark; // the u flag refuses needless escapes such as \_
  const pattern = new RegExp(`(^|[^\\p{L}\\p{N}${m}])${m}(?=\\S)([^${m}\\n]*?\\S)${m}(?![\\p{L}\\p{N}${m}])`, "gu");
  return text.replace(pattern, `$1<${tag}>$2</${tag}>`);
}

/** Lines starting with ">" become one quote per run of such lines; other line breaks stay breaks. */
function lines(text: string): string {
  const groups: { quote: boolean; lines: string[] }[] = [];
  for (const line of text.split("\n")) {
    const quoted = /^&gt; ?(.*)$/.exec(line);
    const last = groups.at(-1);
    const content = quoted ? quoted[1]! : line;
    if (last && last.quote === Boolean(quoted)) last.lines.push(content);
    else groups.push({ quote: Boolean(quoted), lines: [content] });
  }
  return groups
    .map((g) => (g.quote ? `<blockquote>${g.lines.join("<br>")}</blockquote>` : g.lines.join("<br>")))
    .join("");
}

/** A mrkdwn string (a message's text, a mrkdwn text object) as HTML. */
export function mrkdwn(source: string, names: Names): Html {
  const slots: string[] = [];
  const slot = (markup: string) => `\uE000${slots.push(markup) - 1}\uE001`;
  let text = source.replace(/[\uE000\uE001]/g, "");
  text = text.replace(/```\n?([\s\S]*?)```/g, (_, code: string) => slot(`<pre>${asCode(code, names)}</pre>`));
  text = text.replace(/`([^`\n]+)`/g, (_, code: string) => slot(`<code>${asCode(code, names)}</code>`));
  text = text.replace(/<([^<>]*)>/g, (_, inner: string) => slot(token(inner, names).value));
  text = escapeHtml(decode(text));
  for (const [mark, tag] of [
    ["*", "b"],
    ["_", "i"],
    ["~", "s"],
  ] as const)
    text = emphasis(text, mark, tag);
  text = lines(emojify(text));
  return trusted(text.replace(/\uE000(\d+)\uE001/g, (_, n: string) => slots[Number(n)]!));
}

/** A plain_text string: escaped, line breaks kept, :emoji: shown. */
export function plainText(text: string): Html {
  return trusted(emojify(escapeHtml(text)).replace(/\n/g, "<br>"));
}
