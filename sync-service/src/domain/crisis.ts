// Crisis communications: who is told about an incident (subscribers), the bridge everyone joins, and the response
// plays that bundle an incident's first steps. Validation here is what a save refuses, so no job discovers it later.
import { contactAddress } from "./contact-address.ts";
import { InvalidInputDomainError } from "./errors.ts";

/** A conference bridge: the link people join by, and a phone number (with its PIN) for those on the road. */
export interface ConferenceBridge {
  readonly url: string;
  readonly dialIn?: string;
}

/** Someone told, never paged: a person, a team (its members at the time of each update) or an e-mail address. */
export type SubscriberRef = { readonly userId: string } | { readonly teamId: string } | { readonly email: string };
export type SubscriberKind = "user" | "team" | "email";
/** How a subscriber came to be on the incident. */
export type SubscriberOrigin = "manual" | "play" | "service";

/** A responder a play adds: paged like "add responder", a team meaning each active member. */
export interface PlayResponder {
  readonly type: "user" | "team" | "schedule";
  readonly id: string;
}

export interface ResponsePlayDefinition {
  readonly addResponders: readonly PlayResponder[];
  readonly addSubscribers: readonly SubscriberRef[];
  readonly conferenceBridge: ConferenceBridge | null;
  readonly postToChannel: string | null;
  readonly statusUpdate: string | null;
}

export interface ResponsePlay extends ResponsePlayDefinition {
  readonly id: string;
  readonly tenantId: string;
  readonly name: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** What a service brings to each incident that opens on it. */
export interface CrisisDefaults {
  readonly responsePlayId: string | null;
  readonly conferenceBridge: ConferenceBridge | null;
  readonly subscribers: readonly SubscriberRef[];
}

export const DEFAULT_CRISIS: CrisisDefaults = { responsePlayId: null, conferenceBridge: null, subscribers: [] };

export const MAX_STATUS_UPDATE_LENGTH = 4000;
export const MAX_SUBSCRIBERS_PER_LIST = 200;
const DIAL_IN = /^\+[0-9][0-9 ().\-,;#*pPwW]{2,62}$/;

const invalid = (code: string, message: string) => new InvalidInputDomainError(code, message);

/** The bridge as stored. @throws InvalidInputDomainError naming the field to fix */
export function conferenceBridge(input: { url: string; dialIn?: string | null }): ConferenceBridge {
  const raw = input.url.trim();
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw invalid(
      "BRIDGE.INVALID_URL",
      `\`conferenceBridge.url\`: ${JSON.stringify(raw)} is not a URL; enter the https:// link people join by.`,
    );
  }
  // A bridge link is clicked by everyone paged: only https, and never with credentials in it.
  if (url.protocol !== "https:" || url.username || url.password || raw.length > 2048)
    throw invalid(
      "BRIDGE.INVALID_URL",
      "`conferenceBridge.url`: enter an https:// link (at most 2,048 characters, no user name or password in it).",
    );
  const dialIn = input.dialIn?.trim();
  if (dialIn && !DIAL_IN.test(dialIn))
    throw invalid(
      "BRIDGE.INVALID_DIAL_IN",
      "`conferenceBridge.dialIn`: enter + and the country code, then the number, optionally a PIN after a comma (e.g. +1 555 0100,,123456#).",
    );
  return dialIn ? { url: url.href, dialIn } : { url: url.href };
}

export function subscriberKind(ref: SubscriberRef): SubscriberKind {
  return "userId" in ref ? "user" : "teamId" in ref ? "team" : "email";
}

/** The stored key of a subscriber: the user or team id, or the lower-cased address. */
export function subscriberKey(ref: SubscriberRef): { kind: SubscriberKind; ref: string } {
  if ("userId" in ref) return { kind: "user", ref: ref.userId };
  if ("teamId" in ref) return { kind: "team", ref: ref.teamId };
  return { kind: "email", ref: ref.email.toLowerCase() };
}

export function subscriberRef(kind: SubscriberKind, ref: string): SubscriberRef {
  return kind === "user" ? { userId: ref } : kind === "team" ? { teamId: ref } : { email: ref };
}

/** An e-mail subscriber's address, checked and lower-cased. @throws InvalidContactAddressDomainError */
export function subscriberEmail(raw: string): string {
  return contactAddress("email", raw).toLowerCase();
}

/** A status update's text. @throws InvalidInputDomainError when blank or too long */
export function statusUpdateMessage(raw: string, field = "message"): string {
  const message = raw.trim();
  if (!message || message.length > MAX_STATUS_UPDATE_LENGTH)
    throw invalid(
      "STATUS_UPDATE.INVALID_MESSAGE",
      `\`${field}\`: a status update has 1 to ${MAX_STATUS_UPDATE_LENGTH.toLocaleString("en")} characters.`,
    );
  return message;
}

/** A play's name. @throws InvalidInputDomainError */
export function playName(raw: string): string {
  const name = raw.trim();
  if (!name || name.length > 120)
    throw invalid("PLAY.INVALID_NAME", "`name`: a response play's name has 1 to 120 characters.");
  return name;
}

/** How a bridge reads in a text message or an e-mail line. */
export function bridgeLine(bridge: ConferenceBridge): string {
  return bridge.dialIn ? `Join the bridge: ${bridge.url} (dial-in ${bridge.dialIn})` : `Join the bridge: ${bridge.url}`;
}
