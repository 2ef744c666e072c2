// A handset's screen, newest first: texts as bubbles (what it got on the left, what it sent on the right, with how
// the application answered), calls with what was said (<Say>, and a <Gather>'s prompt) and, while one waits for a
// key, a keypad. On top, the box to text the account back, with the answers a page asks for one tap away.
import { markup, type Html } from "../../common/view/html.ts";
import { timeHtml } from "../../common/view/layout.ts";
import { handsetOf, type PhoneEntry, type ReceivedText } from "../phone-log.ts";
import type { Fate } from "../status-reports.ts";

export interface PhoneScreen {
  readonly number: string;
  readonly accountNumbers: readonly string[];
  readonly log: readonly PhoneEntry[];
  readonly fates: ReadonlyMap<string, Fate>;
  /** What the callee heard, or undefined when the call was never answered. */
  spoken(callSid: string): string[] | undefined;
  isWaiting(callSid: string): boolean;
  /** Form actions: texts, and a call's key press / no key. */
  action(path: string): string;
}

const KEYS = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "*", "0", "#"];
const QUICK_REPLIES = ["ACK", "RESOLVE"];

/** What became of a text or call the account made (its status callback's last word, else the number's fate). */
function statusOf(s: PhoneScreen, record: Record<string, unknown>, kind: "sent" | "call"): string {
  const status = String(record.status);
  if (status !== "queued" || record.direction === "outbound-reply") return status;
  return s.fates.get(String(record.to))?.status ?? (kind === "call" ? "completed" : "delivered");
}

function answered(text: ReceivedText): Html {
  if (text.answer === null) return markup`being sent to the application`;
  if (typeof text.answer === "number")
    return markup`the application answered HTTP ${text.answer}${text.answer >= 300 ? " (Twilio logs error 11200)" : ""}`;
  return markup`not delivered: ${text.answer}`;
}

function callHtml(s: PhoneScreen, record: Record<string, unknown>): Html {
  const sid = String(record.sid);
  const said = s.spoken(sid);
  const waiting = said !== undefined && s.isWaiting(sid);
  const heading = markup`<h3>Call from ${String(record.from)}</h3>
    <p class="meta">${timeHtml(String(record.date_created))} · ${said === undefined ? markup`<span class="lozenge failed">${statusOf(s, record, "call")}</span>` : waiting ? "in progress, waiting for a key" : "ended"}</p>`;
  if (said === undefined) return markup`<li class="card">${heading}<p>The phone did not answer.</p></li>`;
  const keypad = waiting
    ? markup`<form method="post" action="${s.action(`/calls/${encodeURIComponent(sid)}/press`)}">
        <fieldset><legend>Press a key</legend><div class="keypad">
        ${KEYS.map((k) => markup`<button class="btn" type="submit" name="digits" value="${k}" aria-label="Press ${k}">${k}</button>`)}
        </div></fieldset></form>
      <form method="post" action="${s.action(`/calls/${encodeURIComponent(sid)}/no-key`)}">
        <button class="btn" type="submit">Press nothing (let it time out)</button></form>`
    : "";
  return markup`<li class="card">${heading}
    <p>What was said:</p>
    <ol class="said">${said.map((line) => markup`<li>${line}</li>`)}</ol>${keypad}</li>`;
}

function entryHtml(s: PhoneScreen, entry: PhoneEntry): Html {
  if (entry.kind === "call") return callHtml(s, entry.record);
  if (entry.kind === "received")
    return markup`<li class="bubble out"><span class="visually-hidden">Sent to ${entry.text.to}:</span>
      <p class="body">${entry.text.body}</p><p class="meta">${timeHtml(entry.text.at)} · ${answered(entry.text)}</p></li>`;
  const r = entry.record;
  return markup`<li class="bubble"><span class="visually-hidden">Text from ${String(r.from)}:</span>
    <p class="body">${String(r.body)}</p>
    <p class="meta">From ${String(r.from)} · ${timeHtml(String(r.date_created))} · ${statusOf(s, r, "sent")}</p></li>`;
}

function replyHtml(s: PhoneScreen): Html {
  const last = [...s.log].reverse().find((e) => handsetOf(e) === s.number && e.kind !== "received");
  const to = last && last.kind !== "received" ? String(last.record.from) : s.accountNumbers[0]!;
  const toField =
    s.accountNumbers.length > 1
      ? markup`<div><label for="to">To</label><select id="to" name="to">${s.accountNumbers.map(
          (n) => markup`<option value="${n}"${n === to ? markup` selected` : ""}>${n}</option>`,
        )}</select></div>`
      : markup`<input type="hidden" name="to" value="${to}" />`;
  return markup`<section class="card" aria-labelledby="reply"><h2 id="reply">Text ${to}</h2>
    <div class="actions">${QUICK_REPLIES.map(
      (q) => markup`<form method="post" action="${s.action("/texts")}"><input type="hidden" name="to" value="${to}" />
        <input type="hidden" name="body" value="${q}" /><button class="btn primary" type="submit">Reply ${q}</button></form>`,
    )}</div>
    <form class="inline" method="post" action="${s.action("/texts")}">${toField}
      <div><label for="body">Message</label><input id="body" type="text" name="body" required maxlength="1600" autocomplete="off" /></div>
      <button class="btn" type="submit">Send</button></form></section>`;
}

/** The phone page's main column. */
export function phoneMain(s: PhoneScreen, notice: Html | string): Html {
  const mine = s.log.filter((e) => handsetOf(e) === s.number).reverse();
  return markup`<h1>Phone ${s.number}</h1>${notice}${replyHtml(s)}
    <h2>Texts and calls, newest first</h2>
    ${mine.length ? markup`<ol class="thread">${mine.map((e) => entryHtml(s, e))}</ol>` : markup`<p>Nothing yet.</p>`}`;
}

/** Every handset the account texted or called, or that texted it. */
export function phonesMain(numbers: string[], log: readonly PhoneEntry[], href: (n: string) => string): Html {
  const count = (n: string, kind: PhoneEntry["kind"]) =>
    log.filter((e) => handsetOf(e) === n && e.kind === kind).length;
  return markup`<h1>Phones</h1>
    ${numbers.length === 0 ? markup`<p>No phone has been texted or called yet.</p>` : ""}
    <ul class="list">${numbers.map(
      (n) => markup`<li><a href="${href(n)}">${n}</a>
        <span class="meta">· ${count(n, "sent")} texts received · ${count(n, "received")} sent · ${count(n, "call")} calls</span></li>`,
    )}</ul>`;
}
