// Which channel messages reach the timeline, and the timeline entry a mirrored message becomes.
import { chatTime, currentText, reactionCounts, type ChatMessage } from "./chat-message.ts";
import type { MirrorPolicy } from "./conversation.ts";
import type { TimelineEdit, TimelineEntry } from "./timeline.ts";

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

/**
 * The message's timeline entry after a change, or null when it stays off the timeline: written when the policy
 * wants it or it is there already (`entryId`). People without a known name show as their chat id.
 */
export function mirroredEntry(
  m: ChatMessage,
  policy: MirrorPolicy,
  entryId: string | null,
  names: ReadonlyMap<string, string>,
  newId: () => string,
): TimelineEntry | null {
  if (!entryId && !shouldMirror(policy, m)) return null;
  const author = m.userId ? (names.get(m.userId) ?? null) : null;
  return chatTimelineEntry(entryId ?? newId(), m, author, names);
}
