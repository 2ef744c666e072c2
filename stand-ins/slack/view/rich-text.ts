// rich_text blocks, as Slack's own clients post a person's message: sections of styled text, links, mentions and
// emoji, bullet and numbered lists, code and quotes. https://docs.slack.dev/reference/block-kit/blocks/rich-text-block
import { emoji } from "./emoji.ts";
import { markup, safeHref, type Html } from "../../common/view/html.ts";
import type { Names } from "./mrkdwn.ts";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const list = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);
const str = (v: unknown): string => (typeof v === "string" ? v : "");

function styled(text: Html, style: unknown): Html {
  if (!isObj(style)) return text;
  let out = text;
  if (style.code === true) out = markup`<code>${out}</code>`;
  if (style.bold === true) out = markup`<b>${out}</b>`;
  if (style.italic === true) out = markup`<i>${out}</i>`;
  if (style.strike === true) out = markup`<s>${out}</s>`;
  return out;
}

/** One leaf of a rich_text section: text, link, user, channel, emoji, broadcast. */
function leaf(e: Obj, names: Names): Html {
  switch (e.type) {
    case "text":
      return styled(markup`${str(e.text)}`, e.style);
    case "link": {
      const href = safeHref(str(e.url));
      const label = str(e.text) || str(e.url);
      const link = href
        ? markup`<a href="${href}" rel="noopener noreferrer" target="_blank">${label}</a>`
        : markup`${label}`;
      return styled(link, e.style);
    }
    case "user":
      return markup`<span class="mention">@${names.user(str(e.user_id)) ?? str(e.user_id)}</span>`;
    case "channel":
      return markup`<span class="mention">#${names.channel(str(e.channel_id)) ?? str(e.channel_id)}</span>`;
    case "emoji":
      return emoji(str(e.name)) ?? markup`:${str(e.name)}:`;
    case "broadcast":
      return markup`<span class="mention">@${str(e.range)}</span>`;
    default:
      return markup``;
  }
}

const leaves = (e: Obj, names: Names): Html[] => list(e.elements).map((x) => leaf(x, names));

function element(e: Obj, names: Names): Html {
  switch (e.type) {
    case "rich_text_section":
      return markup`<div class="rt-section">${leaves(e, names)}</div>`;
    case "rich_text_preformatted":
      return markup`<pre>${leaves(e, names)}</pre>`;
    case "rich_text_quote":
      return markup`<blockquote>${leaves(e, names)}</blockquote>`;
    case "rich_text_list": {
      const items = list(e.elements).map((item) => markup`<li>${leaves(item, names)}</li>`);
      return e.style === "ordered" ? markup`<ol>${items}</ol>` : markup`<ul>${items}</ul>`;
    }
    default:
      return markup``;
  }
}

/** A rich_text block's elements as HTML. */
export function richText(block: Obj, names: Names): Html {
  return markup`<div class="b-rich">${list(block.elements).map((e) => element(e, names))}</div>`;
}
