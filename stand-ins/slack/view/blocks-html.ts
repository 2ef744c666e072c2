// Block Kit blocks as Slack lays them out in a message: section (text, two-column fields, a button beside it),
// header, divider, context, actions (buttons: primary green, danger red, url buttons as links), markdown, image
// (its alt text: the view loads nothing from elsewhere) and rich_text. https://docs.slack.dev/reference/block-kit/blocks
// A button is a form: POSTing it makes the emulator send the app the same signed block_actions as click().
import { markup, safeHref, type Html } from "../../common/view/html.ts";
import { mrkdwn, plainText, type Names } from "./mrkdwn.ts";
import { richText } from "./rich-text.ts";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** Where a button's form goes, and what it says: the message and the person clicking. Null: buttons are inert. */
export interface ClickTarget {
  action: string;
  ts: string;
  user: string;
}

/** A text object: mrkdwn or plain_text. */
export function textObject(t: unknown, names: Names): Html {
  if (!isObj(t) || typeof t.text !== "string") return markup``;
  return t.type === "mrkdwn" ? mrkdwn(t.text, names) : plainText(t.text);
}

const NEW_TAB = markup`rel="noopener noreferrer" target="_blank"`;

function button(e: Obj, target: ClickTarget | null): Html {
  const label = isObj(e.text) && typeof e.text.text === "string" ? plainText(e.text.text) : markup``;
  const style = e.style === "primary" || e.style === "danger" ? ` ${e.style}` : "";
  const aria = typeof e.accessibility_label === "string" ? markup` aria-label="${e.accessibility_label}"` : "";
  const href = typeof e.url === "string" ? safeHref(e.url) : null;
  if (href) return markup`<a class="btn${style}" href="${href}" ${NEW_TAB}${aria}>${label}</a>`;
  if (!target || typeof e.action_id !== "string")
    return markup`<button class="btn${style}" type="button" disabled${aria}>${label}</button>`;
  const fields = [
    ["ts", target.ts],
    ["action_id", e.action_id],
    ["user", target.user],
  ].map(([name, value]) => markup`<input type="hidden" name="${name}" value="${value}">`);
  return markup`<form class="btn-form" method="post" action="${target.action}">${fields}<button class="btn${style}" type="submit"${aria}>${label}</button></form>`;
}

/** An interactive element the view does not draw (menus, pickers): named, so the page does not hide it. */
const notShown = (type: unknown) => markup`<span class="b-unsupported">${String(type)} (not shown in this view)</span>`;

function section(b: Obj, names: Names, target: ClickTarget | null, trailer: Html | string): Html {
  const fields = list(b.fields).map((f) => markup`<div class="b-field">${textObject(f, names)}</div>`);
  const accessory = !isObj(b.accessory)
    ? ""
    : markup`<div class="b-accessory">${b.accessory.type === "button" ? button(b.accessory, target) : notShown(b.accessory.type)}</div>`;
  const text = b.text === undefined ? "" : markup`<div class="b-text">${textObject(b.text, names)}${trailer}</div>`;
  return markup`<div class="b-section"><div class="b-main">${text}${fields.length ? markup`<div class="b-fields">${fields}</div>` : ""}</div>${accessory}</div>`;
}

function image(b: Obj): Html {
  const label = markup`Image: ${typeof b.alt_text === "string" ? b.alt_text : "image"}`;
  const href = typeof b.image_url === "string" ? safeHref(b.image_url) : null;
  return markup`<div class="b-image">${href ? markup`<a href="${href}" ${NEW_TAB}>${label}</a>` : label}</div>`;
}

const elements = (b: Obj, each: (e: unknown) => Html | string) => list(b.elements).map(each);

function block(b: unknown, names: Names, target: ClickTarget | null, trailer: Html | string = ""): Html {
  if (!isObj(b)) return markup``;
  switch (b.type) {
    case "section":
      return section(b, names, target, trailer);
    case "header":
      return markup`<div class="b-header">${textObject(b.text, names)}${trailer}</div>`;
    case "divider":
      return markup`<hr class="b-divider">`;
    case "context":
      return markup`<div class="b-context">${elements(b, (e) => (isObj(e) && e.type === "image" ? "" : markup`<span>${textObject(e, names)}</span>`))}</div>`;
    case "actions":
      return markup`<div class="b-actions">${elements(b, (e) => (isObj(e) && e.type === "button" ? button(e, target) : notShown(isObj(e) ? e.type : e)))}</div>`;
    case "markdown":
      return markup`<div class="b-text">${plainText(typeof b.text === "string" ? b.text : "")}</div>`;
    case "image":
      return image(b);
    case "rich_text":
      return richText(b, names);
    default:
      return notShown(b.type);
  }
}

/** A message's blocks, in order; `trailer` ("(edited)") ends the last block's text, as in Slack, or follows the blocks. */
export function blocksHtml(
  blocks: readonly unknown[],
  names: Names,
  target: ClickTarget | null,
  trailer: Html | string = "",
): Html {
  const last = blocks.at(-1);
  const inline =
    isObj(last) &&
    ((last.type === "section" && isObj(last.text) && last.fields === undefined && last.accessory === undefined) ||
      last.type === "header");
  const shown = blocks.map((b, i) =>
    inline && i === blocks.length - 1 ? block(b, names, target, trailer) : block(b, names, target),
  );
  return markup`<div class="blocks">${shown}${inline ? "" : trailer}</div>`;
}
