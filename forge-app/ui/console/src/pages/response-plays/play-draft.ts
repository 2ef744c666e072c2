// A response play (and a service's crisis settings) as its form holds them, and as the API takes them: texts as
// typed, turned into null when left empty; subscribers and responders without the names the API adds.
import type { PlayBody, PlayResponder, ResponsePlay } from "../../api/response-plays.ts";
import type { ConferenceBridge, SubscriberTarget } from "../../api/stakeholders.ts";

export interface PlayDraft {
  name: string;
  responders: PlayResponder[];
  subscribers: SubscriberTarget[];
  bridgeUrl: string;
  dialIn: string;
  postToChannel: string;
  statusUpdate: string;
}

/** A subscriber picker's state: "user:<id>", "team:<id>", "email" (with `email` typed) or "" (nothing yet). */
export interface SubscriberChoice {
  choice: string;
  email: string;
}

/** One key per subscriber target, so the same one is not added twice (addresses compare case-blind). */
export function subscriberKey(target: SubscriberTarget): string {
  if ("userId" in target) return `user:${target.userId}`;
  if ("teamId" in target) return `team:${target.teamId}`;
  return `email:${target.email.trim().toLowerCase()}`;
}

/** The target an incident's subscriber names (the API's `kind` with its `userId`, `teamId` or `email`). */
export function targetOfSubscriber(s: {
  kind: "user" | "team" | "email";
  userId?: string | null;
  teamId?: string | null;
  email?: string | null;
}): SubscriberTarget {
  if (s.kind === "user") return { userId: s.userId ?? "" };
  if (s.kind === "team") return { teamId: s.teamId ?? "" };
  return { email: s.email ?? "" };
}

export const responderKey = (r: PlayResponder) => `${r.type}:${r.id}`;

/** What a subscriber picker's state names, or null while it names nobody. */
export function targetOfChoice({ choice, email }: SubscriberChoice): SubscriberTarget | null {
  if (choice === "email") return email.trim() ? { email: email.trim() } : null;
  const [kind, id] = [choice.slice(0, choice.indexOf(":")), choice.slice(choice.indexOf(":") + 1)];
  if (kind === "user" && id) return { userId: id };
  if (kind === "team" && id) return { teamId: id };
  return null;
}

/** The target alone (`{userId}`, `{teamId}` or `{email}`), without the name an API answer carries. */
export function bareTarget(target: SubscriberTarget): SubscriberTarget {
  if ("userId" in target) return { userId: target.userId };
  if ("teamId" in target) return { teamId: target.teamId };
  return { email: target.email };
}

/** The bridge fields as the API takes them: null when both are empty; a dial-in alone is sent so the API names the missing URL. */
export function bridgeOf(url: string, dialIn: string): ConferenceBridge | null {
  const [u, d] = [url.trim(), dialIn.trim()];
  if (!u && !d) return null;
  return d ? { url: u, dialIn: d } : { url: u };
}

const textOrNull = (text: string) => (text.trim() ? text.trim() : null);

export function draftOfPlay(play: ResponsePlay | null): PlayDraft {
  return {
    name: play?.name ?? "",
    responders: (play?.addResponders ?? []).map(({ type, id }) => ({ type, id })),
    subscribers: (play?.addSubscribers ?? []).map(bareTarget),
    bridgeUrl: play?.conferenceBridge?.url ?? "",
    dialIn: play?.conferenceBridge?.dialIn ?? "",
    postToChannel: play?.postToChannel ?? "",
    statusUpdate: play?.statusUpdate ?? "",
  };
}

export function bodyOfDraft(draft: PlayDraft): PlayBody {
  return {
    name: draft.name.trim(),
    addResponders: draft.responders,
    addSubscribers: draft.subscribers,
    conferenceBridge: bridgeOf(draft.bridgeUrl, draft.dialIn),
    postToChannel: textOrNull(draft.postToChannel),
    statusUpdate: textOrNull(draft.statusUpdate),
  };
}
