// <Dial> on an incoming call (https://www.twilio.com/docs/voice/twiml/dial): every <Number> (or a bare number) rings
// at once; each callee's fate (setFate: completed = picks up, busy, no-answer, failed) decides their leg. A callee
// who picks up first runs the <Number url> TwiML — the whisper or call screen
// (https://www.twilio.com/docs/voice/twiml/number#url), POSTed signed with the leg's CallSid and the caller's as
// ParentCallSid: its <Say> is heard by the callee alone, its <Gather> takes the keys the callee presses
// (setScreenKeys), and a <Hangup> there leaves the caller unconnected, as if the callee had not answered. The first
// callee whose screen ends without hanging up is connected; the legs after them are canceled. The emulator rings
// in document order, which stands in for "whoever is quicker".
import { newSid } from "./resources.ts";
import type { Fate } from "./status-reports.ts";
import { textOf, type TwimlElement, type TwimlNode } from "./twiml-document.ts";
import { postSigned, type WebhookAnswer } from "./webhook-client.ts";

/** What became of one callee's leg. */
export type LegOutcome = "connected" | "declined" | "no-answer" | "busy" | "failed" | "canceled";

export interface DialLeg {
  readonly number: string;
  outcome: LegOutcome;
  /** What the callee heard from the screen, in order. */
  readonly heard: string[];
  readonly sid: string;
}

/** One <Dial> as it ended: DialCallStatus and the legs. */
export interface DialAttempt {
  readonly status: "completed" | "no-answer" | "busy" | "failed";
  readonly legs: DialLeg[];
}

export interface DialAccount {
  readonly accountSid: string;
  readonly authToken: string;
  readonly fates: ReadonlyMap<string, Fate>;
  readonly screenKeys: ReadonlyMap<string, string>;
  unexpected(where: string, reason: string): void;
  /** The TwiML of an answer, or null once the alert Twilio would log is recorded. */
  twimlOf(sid: string, url: string, answer: WebhookAnswer): TwimlElement | null;
}

const PHONE = /^\+[1-9]\d{6,14}$/;
/** How many screens (a <Gather> action answering with another <Gather>) one leg runs before the emulator gives up. */
const MAX_SCREENS = 5;

/** Rings the <Dial>'s numbers for the call `parent` (from `caller`) and returns how it ended. */
export async function dial(account: DialAccount, dialVerb: TwimlElement, parent: string, caller: string) {
  const where = `call ${parent}`;
  const timeout = dialVerb.attributes.timeout ?? "30";
  if (!/^\d+$/.test(timeout) || Number(timeout) < 5 || Number(timeout) > 600)
    account.unexpected(where, `<Dial timeout="${timeout}"> is not 5 to 600 seconds`);
  const nouns = dialVerb.children.filter((c) => typeof c !== "string" || c.trim() !== "");
  // https://www.twilio.com/docs/voice/twiml/number: up to ten <Number>s ring at once.
  if (nouns.length > 10) account.unexpected(where, `<Dial> nests ${nouns.length} numbers; Twilio rings at most 10`);
  const legs: DialLeg[] = [];
  let connected = false;
  for (const noun of nouns) {
    const number = typeof noun === "string" ? noun.trim() : textOf(noun);
    if (typeof noun !== "string" && noun.name !== "Number") {
      account.unexpected(where, `<Dial> nests <${noun.name}>, which is not emulated`);
      continue;
    }
    const leg: DialLeg = { number, outcome: "canceled", heard: [], sid: newSid("CA") };
    legs.push(leg);
    if (connected) continue;
    if (!PHONE.test(number)) {
      account.unexpected(where, `<Number>${number}</Number> is not an E.164 number`);
      leg.outcome = "failed";
      continue;
    }
    const fate = account.fates.get(number)?.status ?? "completed";
    if (fate !== "completed") leg.outcome = fate === "busy" || fate === "no-answer" ? fate : "failed";
    else {
      const url = typeof noun === "string" ? undefined : noun.attributes.url;
      const accepted = url ? await screen(account, leg, url, { parent, caller }) : true;
      leg.outcome = accepted ? "connected" : "declined";
      connected = accepted;
    }
  }
  return { status: dialStatus(legs), legs } satisfies DialAttempt;
}

function dialStatus(legs: readonly DialLeg[]): DialAttempt["status"] {
  if (legs.some((l) => l.outcome === "connected")) return "completed";
  if (legs.length && legs.every((l) => l.outcome === "busy")) return "busy";
  if (legs.length && legs.every((l) => l.outcome === "failed")) return "failed";
  return "no-answer";
}

/** Runs the leg's screen; true when it ends without hanging up (the callee is connected). */
async function screen(account: DialAccount, leg: DialLeg, url: string, call: { parent: string; caller: string }) {
  const params = {
    AccountSid: account.accountSid,
    ApiVersion: "2010-04-01",
    CallSid: leg.sid,
    ParentCallSid: call.parent,
    CallStatus: "in-progress",
    Direction: "outbound-dial",
    From: call.caller,
    To: leg.number,
  };
  let document = account.twimlOf(leg.sid, url, await postSigned(account.authToken, url, params));
  for (let round = 0; document && round < MAX_SCREENS; round++) {
    const next = await runScreen(account, leg, document.children, params);
    if (next === "hangup") return false;
    if (next === "end") return true;
    document = next;
  }
  if (document) account.unexpected(`call ${leg.sid}`, `more than ${MAX_SCREENS} screens`);
  return false;
}

/** The screen's verbs on the callee's leg: "end" (connect), "hangup", or the TwiML a <Gather> action answered. */
async function runScreen(
  account: DialAccount,
  leg: DialLeg,
  verbs: readonly TwimlNode[],
  params: Record<string, string>,
): Promise<"end" | "hangup" | TwimlElement | null> {
  for (const verb of verbs) {
    if (typeof verb === "string" || verb.name === "Pause") continue;
    if (verb.name === "Say") leg.heard.push(textOf(verb));
    else if (verb.name === "Hangup") return "hangup";
    else if (verb.name === "Gather") {
      for (const nested of verb.children) if (typeof nested !== "string") leg.heard.push(textOf(nested));
      const keys = account.screenKeys.get(leg.number) ?? "";
      if (!keys) continue; // the <Gather> times out and the verbs after it run
      const action = verb.attributes.action ?? "";
      if (!/^https?:\/\//.test(action)) {
        account.unexpected(`call ${leg.sid}`, "a screen's <Gather> needs an absolute action URL");
        return "hangup";
      }
      const digits = verb.attributes.numDigits ? keys.slice(0, Number(verb.attributes.numDigits)) : keys;
      const answer = await postSigned(account.authToken, action, { ...params, Digits: digits, FinishedOnKey: "" });
      return account.twimlOf(leg.sid, action, answer) ?? "hangup";
    } else account.unexpected(`call ${leg.sid}`, `<${verb.name}> in a screen is not emulated`);
  }
  return "end";
}
