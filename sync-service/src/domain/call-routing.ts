// Live call routing: a caller to a service's number is put through to whoever is on call, level by level, as
// PagerDuty Live Call Routing does. Validation here is what a save refuses; the rest is the call's state machine.
import { parsePhoneNumberFromString } from "libphonenumber-js";
import { InvalidInputDomainError } from "./errors.ts";

/** How a service answers calls to its number; a service without one takes no calls. */
export interface CallRouting {
  /** The Twilio number (E.164) whose Voice URL is the service's call webhook. */
  readonly number: string;
  /** Said to the caller first; null: the standard greeting naming the service. */
  readonly greeting: string | null;
  /** How long each level's phones ring before the next level is tried. */
  readonly ringSeconds: number;
  /** Whether a caller nobody answered may leave a message. */
  readonly voicemail: boolean;
}

export const DEFAULT_RING_SECONDS = 25;
export const MIN_RING_SECONDS = 10;
export const MAX_RING_SECONDS = 60;
export const MAX_GREETING_LENGTH = 300;
/** The longest voicemail, in seconds (Twilio's <Record maxLength>). */
export const VOICEMAIL_MAX_SECONDS = 120;

const invalid = (field: string, message: string) =>
  new InvalidInputDomainError("SERVICE.INVALID_CALL_ROUTING", `\`callRouting.${field}\`: ${message}`);

/** Call routing as a request gives it: `number` may be left out of a change to a service that has one. */
export interface CallRoutingInput {
  readonly number?: string;
  readonly greeting?: string | null;
  readonly ringSeconds?: number;
  readonly voicemail?: boolean;
}

/** The call routing to store: `current` with `changes` applied, defaults filled in. @throws InvalidInputDomainError naming the field */
export function callRouting(
  current: CallRouting | null,
  changes: CallRoutingInput | null | undefined,
): CallRouting | null {
  if (changes === undefined) return current;
  if (changes === null) return null;
  const input = { ...current, ...changes };
  if (input.number === undefined) throw invalid("number", "required: the Twilio number (E.164) callers dial.");
  const raw = input.number.trim();
  const phone = raw.startsWith("+") ? parsePhoneNumberFromString(raw) : undefined;
  if (!phone?.isValid())
    throw invalid("number", `${JSON.stringify(raw)} is not a phone number in E.164 form, such as +14155552671.`);
  const greeting = input.greeting?.trim() || null;
  if (greeting && greeting.length > MAX_GREETING_LENGTH)
    throw invalid("greeting", `at most ${MAX_GREETING_LENGTH} characters (it is said before anyone is rung).`);
  const ringSeconds = input.ringSeconds ?? DEFAULT_RING_SECONDS;
  if (!Number.isInteger(ringSeconds) || ringSeconds < MIN_RING_SECONDS || ringSeconds > MAX_RING_SECONDS)
    throw invalid("ringSeconds", `a whole number of seconds from ${MIN_RING_SECONDS} to ${MAX_RING_SECONDS}.`);
  return { number: phone.number, greeting, ringSeconds, voicemail: input.voicemail ?? true };
}

/** Where an incoming call is: ringing a level, talking to someone, leaving a message, or over. */
export type VoiceCallState = "ringing" | "connected" | "voicemail" | "ended";

export interface VoiceCall {
  /** Twilio's CallSid of the caller's call: each webhook of the call names it. */
  readonly callSid: string;
  readonly tenantId: string;
  readonly serviceId: string;
  readonly incidentId: string;
  readonly caller: string;
  /** The escalation level being rung (0-based). */
  readonly level: number;
  readonly state: VoiceCallState;
  /** The person who took the call. */
  readonly answeredBy: string | null;
}

/** Someone a level rings: an on-call person with a phone number. */
export interface Callee {
  readonly userId: string;
  readonly name: string;
  readonly number: string;
}

/** What the caller's line does next. */
export type CallStep =
  | { readonly kind: "closed" }
  | { readonly kind: "ring"; readonly level: number; readonly callees: readonly Callee[]; readonly ringSeconds: number }
  | { readonly kind: "voicemail" }
  | { readonly kind: "unreachable" }
  | { readonly kind: "hangup" };

/** How a <Dial> ended (DialCallStatus): only "completed" means someone took the call. */
export type DialOutcome = "completed" | "no-answer" | "busy" | "failed" | "canceled";
export const DIAL_OUTCOMES: readonly DialOutcome[] = ["completed", "no-answer", "busy", "failed", "canceled"];

/**
 * The first level from `from` on with someone to ring, or the end of the line: voicemail when the service takes
 * messages, otherwise nobody could be reached. `levels` holds each level's callees, in the policy's order.
 */
export function nextStep(levels: readonly (readonly Callee[])[], from: number, routing: CallRouting): CallStep {
  for (let level = from; level < levels.length; level++) {
    const callees = levels[level]!;
    if (callees.length)
      return {
        kind: "ring",
        level,
        callees: callees.slice(0, MAX_CALLEES_PER_LEVEL),
        ringSeconds: routing.ringSeconds,
      };
  }
  return routing.voicemail ? { kind: "voicemail" } : { kind: "unreachable" };
}

/** The state a call is in once it takes `step`. */
export function stateAfter(step: CallStep): VoiceCallState {
  return step.kind === "ring" ? "ringing" : step.kind === "voicemail" ? "voicemail" : "ended";
}

/** Twilio rings at most ten <Number>s of one <Dial> at once (https://www.twilio.com/docs/voice/twiml/number). */
export const MAX_CALLEES_PER_LEVEL = 10;

/** "0:42": how a voicemail's length is shown. */
export function callLength(seconds: number): string {
  const whole = Math.max(0, Math.round(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

/** What the caller and the people rung hear. */
export const callTexts = {
  notTaking: "This number is not taking calls. Goodbye.",
  greeting: (serviceName: string) =>
    `You have reached the on-call line for ${serviceName}. Please hold while we connect you to the person on call.`,
  screen: (serviceName: string, key: string) =>
    `Firewatch: a caller on ${serviceName} for ${key}. Press 1 to take the call.`,
  taken: "Someone else has taken this call. Goodbye.",
  voicemail: "Nobody could be reached. Leave a message after the tone.",
  unreachable: "Nobody could be reached. Please try again later. Goodbye.",
  thanks: "Thank you, your message has been recorded. Goodbye.",
};
