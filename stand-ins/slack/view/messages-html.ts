// One conversation's history as Slack lays it out: a day divider when the date changes, then each message with its
// author's avatar, name (an APP tag for the bot), time, body (blocks, else the mrkdwn text), "(edited)", the reply
// count of its thread, reactions and a pin; the viewer's ephemeral messages say "Only visible to you".
import { BOT, type Workspace } from "../workspace.ts";
import { blocksHtml, type ClickTarget } from "./blocks-html.ts";
import { emoji } from "./emoji.ts";
import { markup, type Html } from "../../common/view/html.ts";
import { mrkdwn, type Names } from "./mrkdwn.ts";
import { avatar, EYE, PIN } from "./icons.ts";
import { displayName, replyCount, type Entry } from "./view-model.ts";

export interface HistoryContext {
  ws: Workspace;
  names: Names;
  /** The person looking; times are in their time zone, as their Slack client shows them. */
  viewer: string;
  timeZone: string;
  /** Where a button's form posts; null when the viewer cannot click (they cannot see the conversation). */
  clickAction: string | null;
}

/** A time zone Intl knows (the person's), else UTC. */
export function zoneOf(tz: string | undefined): string {
  try {
    return new Intl.DateTimeFormat("en-US", { timeZone: tz ?? "UTC" }).resolvedOptions().timeZone;
  } catch {
    return "UTC";
  }
}

const dateOf = (ts: string) => new Date(Number(ts.split(".")[0]) * 1000);
const format = (ts: string, timeZone: string, options: Intl.DateTimeFormatOptions) =>
  new Intl.DateTimeFormat("en-US", { ...options, timeZone }).format(dateOf(ts));

function meta(ctx: HistoryContext, userId: string, ts: string): Html {
  const bot = ctx.ws.users.get(userId)?.isBot === true;
  const full = format(ts, ctx.timeZone, { dateStyle: "full", timeStyle: "short" });
  const short = format(ts, ctx.timeZone, { hour: "numeric", minute: "2-digit" });
  return markup`<div class="meta"><span class="author">${displayName(ctx.ws, userId)}</span>${bot ? markup` <span class="app-tag">APP</span>` : ""} <time datetime="${dateOf(ts).toISOString()}" title="${full}">${short}</time></div>`;
}

/** Blocks when there are any (Slack then shows them, not the text), else the text; "(edited)" after either. */
function body(
  ctx: HistoryContext,
  m: { text: string | null; blocks: unknown[] | null },
  target: ClickTarget | null,
  edited: boolean,
): Html {
  const mark = edited ? markup` <span class="edited">(edited)</span>` : "";
  return m.blocks && m.blocks.length > 0
    ? blocksHtml(m.blocks, ctx.names, target, mark)
    : markup`<div class="text">${mrkdwn(m.text ?? "", ctx.names)}${mark}</div>`;
}

function reactions(ctx: HistoryContext, list: { name: string; users: string[] }[]): Html | string {
  const pill = (r: { name: string; users: string[] }) => {
    const who = r.users.map((u) => displayName(ctx.ws, u)).join(", ");
    return markup`<li class="reaction" title="${who}"><span aria-hidden="true">${emoji(r.name) ?? `:${r.name}:`}</span><span class="visually-hidden">:${r.name}: from ${who}:</span> ${r.users.length}</li>`;
  };
  return list.length ? markup`<ul class="reactions" aria-label="Reactions">${list.map(pill)}</ul>` : "";
}

function row(ctx: HistoryContext, author: string, ts: string, content: Html): Html {
  return markup`<div class="msg-row">${avatar(ctx.ws, author)}<div class="msg-body">${meta(ctx, author, ts)}${content}</div></div>`;
}

function item(ctx: HistoryContext, entry: Entry): Html {
  if (entry.kind === "ephemeral") {
    const m = entry.message; // chat.postEphemeral is the app's: the bot is its author
    const note = markup`<div class="only-you">${EYE} Only visible to you</div>`;
    return markup`<li class="msg ephemeral" data-ts="${m.ts}">${note}${row(ctx, BOT.userId, m.ts, body(ctx, m, null, false))}</li>`;
  }
  const m = entry.message;
  const target = ctx.clickAction ? { action: ctx.clickAction, ts: m.ts, user: ctx.viewer } : null;
  const count = replyCount(ctx.ws, m);
  const pin = m.pin ? markup`<div class="pin-note">${PIN} Pinned by ${displayName(ctx.ws, m.pin.by)}</div>` : "";
  const replies = count ? markup`<div class="replies">${count} ${count === 1 ? "reply" : "replies"}</div>` : "";
  const content = markup`${body(ctx, m, target, m.edited !== null)}${replies}${reactions(ctx, m.reactions)}`;
  return markup`<li class="msg${m.pin ? " pinned" : ""}" data-ts="${m.ts}">${pin}${row(ctx, m.user, m.ts, content)}</li>`;
}

/** "Today", "Yesterday", else the date, as Slack's day dividers say. */
function dayOf(ts: string, timeZone: string, now: number): string {
  const long = (t: string) => format(t, timeZone, { weekday: "long", month: "long", day: "numeric" });
  const day = long(ts);
  const today = Math.floor(now / 1000);
  if (day === long(String(today))) return "Today";
  return day === long(String(today - 86_400)) ? "Yesterday" : day;
}

/** The entries with a divider before each new day (in the viewer's time zone). */
export function historyHtml(ctx: HistoryContext, entries: readonly Entry[], now = Date.now()): Html {
  let day = "";
  const out: Html[] = [];
  for (const entry of entries) {
    const d = dayOf(entry.message.ts, ctx.timeZone, now);
    if (d !== day) out.push(markup`<li class="day"><span>${d}</span></li>`);
    day = d;
    out.push(item(ctx, entry));
  }
  return markup`<ol class="messages">${out}</ol>`;
}
