// The incident's chat conversation: which messages reach the timeline, and the state of each message
// as events about it arrive. Chat events can arrive in any order (retries, parallel delivery), so each
// change is applied by comparing the chat's own timestamps, never by arrival order.
import { InvalidInputDomainError } from "./errors.ts";
import type { Severity } from "./severity.ts";
import type { TimelineEdit, TimelineEntry } from "./timeline.ts";

export const MIRROR_MODES = ["all", "pinned", "reaction"] as const;
export type MirrorMode = (typeof MIRROR_MODES)[number];

/** Which channel messages are copied to the timeline: all, only pinned ones, or those with a chosen reaction. */
export interface MirrorPolicy {
  readonly mode: MirrorMode;
  /** The reaction name (without colons) for mode "reaction". */
  readonly reaction: string | null;
}

/** A service's chat settings: which severities open a channel on declare, and the default mirroring. */
export interface ConversationDefaults extends MirrorPolicy {
  readonly channelSeverities: readonly Severity[];
}

export const DEFAULT_CONVERSATION: ConversationDefaults = {
  channelSeverities: ["SEV1", "SEV2"],
  mode: "all",
  reaction: null,
};

const REACTION_NAME = /^[a-z0-9_+'-]{1,100}$/;

/** @throws InvalidInputDomainError for mode "reaction" without a valid reaction name */
export function mirrorPolicy(mode: MirrorMode, reaction: string | null | undefined): MirrorPolicy {
  const name = reaction?.replace(/^:|:$/g, "").trim() || null;
  if (mode === "reaction" && (name === null || !REACTION_NAME.test(name))) {
    throw new InvalidInputDomainError(
      "CHAT.REACTION_REQUIRED",
      'Mirror mode "reaction" needs `mirrorReaction`, a reaction name such as "memo" (lowercase, no colons).',
    );
  }
  return { mode, reaction: mode === "reaction" ? name : null };
}

/** The incident's channel as Firewatch tracks it. */
export interface IncidentChannel {
  readonly incidentId: string;
  /** Null until the channel exists in the chat. */
  readonly channelId: string | null;
  readonly channelName: string;
  /** Null: the service's policy applies. */
  readonly mirror: MirrorPolicy | null;
  readonly summaryTs: string | null;
  /** The incident revision the pinned summary shows. */
  readonly summaryRevision: number;
  readonly invited: readonly string[];
  readonly lastError: string | null;
  readonly createdAt: Date;
  readonly readyAt: Date | null;
}

/** `inc-<n>-<slug>`: lowercase letters, digits and hyphens, at most 80 characters (Slack's channel-name rules). */
export function channelName(incidentNumber: number, title: string): string {
  const prefix = `inc-${incidentNumber}`;
  const slug = title
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 80 - prefix.length - 1)
    .replace(/-+$/, "");
  return slug ? `${prefix}-${slug}` : prefix;
}

/** A chat timestamp ("<unix seconds>.<microseconds>") as a Date, to the millisecond. */
export function chatTime(ts: string): Date {
  const [seconds = "0", fraction = "0"] = ts.split(".");
  return new Date(Number(seconds) * 1000 + Math.floor(Number(fraction.padEnd(6, "0").slice(0, 6)) / 1000));
}

/** Chat timestamps compare as numbers; both parts are fixed width in practice, but not guaranteed. */
export function tsBefore(a: string, b: string): boolean {
  const [as = "0", af = "0"] = a.split(".");
  const [bs = "0", bf = "0"] = b.split(".");
  return Number(as) !== Number(bs) ? Number(as) < Number(bs) : Number(af.padEnd(6, "0")) < Number(bf.padEnd(6, "0"));
}

export interface ChatMessageVersion {
  readonly text: string;
  readonly ts: string;
  readonly userId: string | null;
}

interface ReactionMark {
  readonly on: boolean;
  readonly ts: string;
}

/** One message of an incident channel as far as its events have told. */
export interface ChatMessage {
  readonly channelId: string;
  readonly ts: string;
  readonly incidentId: string;
  readonly userId: string | null;
  /** The text as first posted (or the oldest text known when the post event has not arrived). */
  readonly text: string;
  readonly threadTs: string | null;
  /** Edits in chat-time order. */
  readonly versions: readonly ChatMessageVersion[];
  readonly pinned: boolean;
  readonly pinTs: string | null;
  readonly reactions: Readonly<Record<string, Readonly<Record<string, ReactionMark>>>>;
  readonly deletedTs: string | null;
}

/** What happened to a message, as the chat reported it. `eventTs` orders changes of the same kind. */
export type ChatEvent =
  | {
      readonly kind: "posted";
      readonly channelId: string;
      readonly ts: string;
      readonly userId: string | null;
      readonly text: string;
      readonly threadTs: string | null;
    }
  | {
      readonly kind: "edited";
      readonly channelId: string;
      readonly ts: string;
      readonly userId: string | null;
      readonly text: string;
      readonly previousText: string;
      readonly threadTs: string | null;
      readonly eventTs: string;
    }
  | {
      readonly kind: "deleted";
      readonly channelId: string;
      readonly ts: string;
      readonly previousText: string;
      readonly userId: string | null;
      readonly threadTs: string | null;
      readonly eventTs: string;
    }
  | {
      readonly kind: "pinned" | "unpinned";
      readonly channelId: string;
      readonly ts: string;
      readonly eventTs: string;
      readonly message: {
        readonly userId: string | null;
        readonly text: string;
        readonly threadTs: string | null;
      } | null;
    }
  | {
      readonly kind: "reaction_added" | "reaction_removed";
      readonly channelId: string;
      readonly ts: string;
      readonly userId: string;
      readonly reaction: string;
      readonly eventTs: string;
    };

function blank(event: ChatEvent, incidentId: string): ChatMessage {
  return {
    channelId: event.channelId,
    ts: event.ts,
    incidentId,
    userId: null,
    text: "",
    threadTs: null,
    versions: [],
    pinned: false,
    pinTs: null,
    reactions: {},
    deletedTs: null,
  };
}

/** The message after `event`; applying the same event twice, or events out of order, gives the same result. */
export function applyChatEvent(current: ChatMessage | null, event: ChatEvent, incidentId: string): ChatMessage {
  const m = current ?? blank(event, incidentId);
  const known = current !== null && (current.userId !== null || current.text !== "");
  switch (event.kind) {
    case "posted":
      return { ...m, userId: event.userId, text: event.text, threadTs: event.threadTs };
    case "edited": {
      const versions = m.versions.some((v) => v.ts === event.eventTs)
        ? m.versions
        : [...m.versions, { text: event.text, ts: event.eventTs, userId: event.userId }];
      const sorted = [...versions].sort((a, b) => (tsBefore(a.ts, b.ts) ? -1 : tsBefore(b.ts, a.ts) ? 1 : 0));
      // The text before the earliest edit is the original, whether or not the post event has arrived.
      const text = sorted[0]!.ts === event.eventTs && event.previousText !== "" ? event.previousText : m.text;
      const original = known ? {} : { userId: event.userId, threadTs: event.threadTs };
      return { ...m, ...original, text, versions: sorted };
    }
    case "deleted": {
      const original = known ? {} : { userId: event.userId, text: event.previousText, threadTs: event.threadTs };
      return { ...m, ...original, deletedTs: m.deletedTs ?? event.eventTs };
    }
    case "pinned":
    case "unpinned": {
      const original =
        known || !event.message
          ? {}
          : { userId: event.message.userId, text: event.message.text, threadTs: event.message.threadTs };
      if (m.pinTs !== null && !tsBefore(m.pinTs, event.eventTs)) return { ...m, ...original };
      return { ...m, ...original, pinned: event.kind === "pinned", pinTs: event.eventTs };
    }
    case "reaction_added":
    case "reaction_removed": {
      const marks = m.reactions[event.reaction] ?? {};
      const mark = marks[event.userId];
      if (mark && !tsBefore(mark.ts, event.eventTs)) return m;
      return {
        ...m,
        reactions: {
          ...m.reactions,
          [event.reaction]: { ...marks, [event.userId]: { on: event.kind === "reaction_added", ts: event.eventTs } },
        },
      };
    }
  }
}

/** The text people see now. */
export function currentText(m: ChatMessage): string {
  return m.versions.at(-1)?.text ?? m.text;
}

/** People who currently have each reaction on the message. */
export function reactionCounts(m: ChatMessage): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const [name, marks] of Object.entries(m.reactions)) {
    const n = Object.values(marks).filter((mark) => mark.on).length;
    if (n > 0) counts[name] = n;
  }
  return counts;
}

/** Whether the policy brings this message onto the timeline (once there, it stays: the timeline is a record). */
export function shouldMirror(policy: MirrorPolicy, m: ChatMessage): boolean {
  if (m.userId === null && m.text === "" && m.versions.length === 0) return false;
  if (policy.mode === "all") return true;
  if (policy.mode === "pinned") return m.pinned;
  return (reactionCounts(m)[policy.reaction ?? ""] ?? 0) > 0;
}

export const chatSourceId = (channelId: string, ts: string) => `${channelId}:${ts}`;

/** The timeline entry for a mirrored message; `authorName` is the chat's display name of its author. */
export function chatTimelineEntry(
  id: string,
  m: ChatMessage,
  authorName: string | null,
  names: ReadonlyMap<string, string>,
): TimelineEntry {
  const texts = [m.text, ...m.versions.map((v) => v.text)];
  const edits: TimelineEdit[] = m.versions.map((v, i) => ({
    body: texts[i]!,
    editedAt: chatTime(v.ts).toISOString(),
    editedBy: (v.userId && names.get(v.userId)) ?? v.userId ?? "unknown",
  }));
  const isReply = m.threadTs !== null && m.threadTs !== m.ts;
  return {
    id,
    incidentId: m.incidentId,
    type: "chat.message",
    source: "slack",
    sourceId: chatSourceId(m.channelId, m.ts),
    occurredAt: chatTime(m.ts),
    author: authorName ?? m.userId,
    body: currentText(m),
    data: {
      channelId: m.channelId,
      ts: m.ts,
      userId: m.userId,
      threadTs: isReply ? m.threadTs : null,
      parentSourceId: isReply ? chatSourceId(m.channelId, m.threadTs!) : null,
      edited: m.versions.length > 0,
      deleted: m.deletedTs !== null,
      deletedAt: m.deletedTs && chatTime(m.deletedTs).toISOString(),
      pinned: m.pinned,
      reactions: reactionCounts(m),
    },
    edits,
  };
}
