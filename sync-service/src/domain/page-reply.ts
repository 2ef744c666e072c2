// How a responder answers a page from the phone it reached: a text back ("ack", "resolve INC-42") or a key
// pressed during the call. What they are told back is in page-reply-texts.ts.
import { parseIncidentKey } from "./incident.ts";

/** What a page's answer can do to the incident. */
export type PageAnswerKind = "acknowledge" | "resolve";

/** A text reply Firewatch understood. */
export interface SmsReply {
  readonly kind: PageAnswerKind;
  /** The incident it names (`ack INC-42` → 42), or null for the latest incident paged to the number. */
  readonly incidentNumber: number | null;
}

const WORDS: Readonly<Record<string, PageAnswerKind>> = {
  ack: "acknowledge",
  acknowledge: "acknowledge",
  resolve: "resolve",
};

/** The keys a call asks for. */
export const KEYPRESS: Readonly<Record<PageAnswerKind, string>> = { acknowledge: "4", resolve: "6" };

/** How a text page ends: the way to answer it, never shortened. */
export const SMS_ANSWER_HINT = "Reply ACK or RESOLVE";

/** What a call asks once it has read the incident. */
export const KEYPRESS_PROMPT = `Press ${KEYPRESS.acknowledge} to acknowledge, ${KEYPRESS.resolve} to resolve.`;

// Phones add what people type around a word: "Ack!", " resolve. ", "ACK, INC-42".
const EDGES = /^[\s\p{P}\p{S}]+|[\s\p{P}\p{S}]+$/gu;
const SEPARATORS = /[\s,;:!?]+/u;

/**
 * `ack`, `acknowledge` or `resolve` in any case, optionally followed by an incident key (`ack INC-42`); anything
 * else (more words, another word, a malformed key) is null, so a stray text never changes an incident.
 */
export function parseSmsReply(text: string): SmsReply | null {
  const words = text.replace(EDGES, "").split(SEPARATORS).filter(Boolean);
  if (words.length < 1 || words.length > 2) return null;
  const kind = WORDS[words[0]!.toLowerCase()];
  if (!kind) return null;
  if (words.length === 1) return { kind, incidentNumber: null };
  const incidentNumber = parseIncidentKey(words[1]!);
  return incidentNumber === null ? null : { kind, incidentNumber };
}

/** The answer a key pressed during a page's call gives, or null for any other key (or none). */
export function keypressAnswer(digits: string): PageAnswerKind | null {
  if (digits === KEYPRESS.acknowledge) return "acknowledge";
  if (digits === KEYPRESS.resolve) return "resolve";
  return null;
}
