// One message of the incident's channel, and its state as events about it arrive. Chat events can arrive in
// any order (retries, parallel delivery), so each change is applied by comparing the chat's own timestamps,
// never by arrival order.

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
