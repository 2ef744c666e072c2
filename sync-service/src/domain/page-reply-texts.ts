// What a responder who answered a page by text or keypress is told back: a confirmation, or why nothing changed.
import { incidentKey, type Incident } from "./incident.ts";
import { KEYPRESS_PROMPT, SMS_ANSWER_HINT, type PageAnswerKind } from "./page-reply.ts";
import { clip, oneLine } from "./text.ts";

/** What became of an answer to a page. */
export type PageAnswerOutcome =
  | { readonly kind: "done"; readonly answer: PageAnswerKind; readonly incident: Pick<Incident, "number" | "title"> }
  /** Nothing to do: the incident is past that status (acknowledged by `acknowledgedBy`, or resolved). */
  | {
      readonly kind: "stale";
      readonly incident: Pick<Incident, "number" | "status">;
      readonly acknowledgedBy: string | null;
    }
  /** No page ever went to this number. */
  | { readonly kind: "not_paged" }
  /** The number was paged, but never for the incident the reply names. */
  | { readonly kind: "not_paged_for"; readonly incidentNumber: number }
  | { readonly kind: "not_understood" };

export const SMS_USAGE = `${SMS_ANSWER_HINT}, optionally with the incident key, e.g. ACK INC-42`;
/** How a page's call ends when nobody answered its question. */
export const CALL_GOODBYE = "Goodbye.";
/** How a call ends when the answer changed nothing. */
export const NOTHING_CHANGED = "Nothing was changed. Goodbye.";
/** A title in an answer: enough to recognise the incident, short enough for one text. */
const TITLE_MAX = 120;

/** The text sent back to an SMS reply. */
export function smsAnswerText(outcome: PageAnswerOutcome): string {
  switch (outcome.kind) {
    case "done":
      return outcome.answer === "acknowledge"
        ? `Acknowledged ${incidentKey(outcome.incident)}: ${titled(outcome.incident)} Escalation stopped.`
        : `Resolved ${incidentKey(outcome.incident)}: ${titled(outcome.incident)}`;
    case "stale":
      return staleText(outcome);
    case "not_paged":
      return "This number has not been paged by Firewatch.";
    case "not_paged_for":
      return `INC-${outcome.incidentNumber} was not paged to this number. ${SMS_USAGE}`;
    case "not_understood":
      return SMS_USAGE;
  }
}

/** What the call says after a key was pressed (never "not_understood": a wrong key is asked again). */
export function spokenAnswerText(outcome: PageAnswerOutcome): string {
  switch (outcome.kind) {
    case "done":
      return outcome.answer === "acknowledge"
        ? `Acknowledged ${incidentKey(outcome.incident)}. Escalation stopped. Goodbye.`
        : `Resolved ${incidentKey(outcome.incident)}. Goodbye.`;
    case "stale":
      return `${staleText(outcome)} Goodbye.`;
    default:
      return NOTHING_CHANGED;
  }
}

/** What the call says to a key it does not know, before asking once more. */
export function wrongKeyText(digits: string): string {
  const said = /^[0-9*#]$/.test(digits) ? `${digits} is not an option.` : "That is not an option.";
  return `${said} ${KEYPRESS_PROMPT}`;
}

function staleText(outcome: Extract<PageAnswerOutcome, { kind: "stale" }>): string {
  const key = incidentKey(outcome.incident);
  if (outcome.incident.status === "resolved") return `${key} is already resolved.`;
  return outcome.acknowledgedBy
    ? `${key} is already acknowledged by ${outcome.acknowledgedBy}.`
    : `${key} is already acknowledged.`;
}

/** The title as a sentence: one full stop at the end, none added after the "..." of a shortened one. */
function titled(incident: Pick<Incident, "title">): string {
  const title = clip(oneLine(incident.title).replace(/\.+$/, ""), TITLE_MAX);
  return title.endsWith("...") ? title : `${title}.`;
}
