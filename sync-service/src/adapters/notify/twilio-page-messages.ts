// What a text page says and what a page's call says and asks, within what Twilio takes.
import { KEYPRESS_PROMPT, SMS_ANSWER_HINT } from "../../domain/page-reply.ts";
import { CALL_GOODBYE } from "../../domain/page-reply-texts.ts";
import { clip, codePoints, oneLine } from "../../domain/text.ts";
import { askedAgain, askTwiml, readTwiml } from "../../formats/twilio/twiml.ts";
import type { PageMessage } from "../../ports/notifier-port.ts";
import { DRILL } from "../../domain/drill-marks.ts";

/** Two concatenated SMS at most: a page should be read at a glance, and long bodies cost per segment. */
export const SMS_MAX_CHARS = 320;
/** The Calls resource takes at most 4,000 characters of inline TwiML (https://www.twilio.com/docs/api/errors/32018). */
export const TWIML_MAX_CHARS = 4000;

/**
 * `[SEV1] INC-42 triggered: <title> <url>` and, on a line of its own, how to answer ("Reply ACK or RESOLVE"); the
 * title is shortened so the whole stays within SMS_MAX_CHARS, the answer hint never.
 */
export function smsText(message: PageMessage): string {
  const head = `${message.drill ? `${DRILL}: ` : ""}[${message.severity}] ${message.incidentKey} ${message.status}: `;
  const link = ` ${message.url}`;
  const hint = message.test ? "" : `\n${SMS_ANSWER_HINT}`;
  const title = oneLine(message.title);
  const bridge = message.bridge ? `\nBridge: ${message.bridge.url}` : "";
  const room = SMS_MAX_CHARS - codePoints(head) - codePoints(link) - codePoints(hint) - codePoints(bridge);
  // The bridge goes first when room is short: the incident's link matters more than where people talk.
  if (bridge && room < 20) return smsText({ ...message, bridge: null });
  if (bridge) return head + clip(title, room) + link + bridge + hint;
  // A URL too long to leave room for the title is dropped rather than cut: half a link is no link.
  if (room < 20) return clip(head + title, SMS_MAX_CHARS - codePoints(hint)) + hint;
  return head + clip(title, room) + link + hint;
}

/**
 * TwiML that says the severity, incident key and title, and asks for a key (4 acknowledges, 6 resolves) posted to
 * `gatherUrl/<page id>`; with no key pressed it says it all once more and asks again, then says goodbye. Without a
 * `gatherUrl` it only says it twice. The title is shortened until the whole fits the Calls resource's limit.
 */
export function voiceTwiml(message: PageMessage, gatherUrl?: string): string {
  const severity = message.severity.replace(/^SEV(\d)$/i, "severity $1");
  // A drill says so before anything else: whoever answers must not take it for a real incident.
  const opening = `${message.drill ? "This is a drill. " : ""}Firewatch page.`;
  const twimlWith = (titleMax: number) => {
    const said = `${severity} incident ${message.incidentKey}, ${message.status}: ${clip(oneLine(message.title), titleMax)}.`;
    if (!gatherUrl) return readTwiml([`${opening} ${said}`, `Again: ${said}`]);
    const action = `${gatherUrl}/${encodeURIComponent(message.pageId)}`;
    const asks = [
      { say: `${opening} ${said} ${KEYPRESS_PROMPT}`, action },
      { say: `Again: ${said} ${KEYPRESS_PROMPT}`, action: askedAgain(action) },
    ];
    return askTwiml(asks, CALL_GOODBYE);
  };
  let titleMax = 300;
  let twiml = twimlWith(titleMax);
  // Escaping can make a title of "&"s five times longer; a very long PUBLIC_URL takes room too.
  while (twiml.length > TWIML_MAX_CHARS && titleMax > 10) twiml = twimlWith((titleMax = Math.floor(titleMax / 2)));
  return twiml;
}
