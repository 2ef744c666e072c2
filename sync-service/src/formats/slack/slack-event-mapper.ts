// Events API payloads (https://docs.slack.dev/apis/events-api/) → the chat events of an incident channel.
// Inner events: message and its subtypes message_changed / message_deleted
// (https://docs.slack.dev/reference/events/message), pin_added / pin_removed, reaction_added /
// reaction_removed. Messages of our own app are dropped here, so announcements are never mirrored back.
import { z } from "zod";
import type { ChatEvent } from "../../domain/chat-message.ts";

const str = z.string();
const messageShape = z.looseObject({
  ts: str,
  text: str.optional().default(""),
  user: str.optional(),
  bot_id: str.optional(),
  app_id: str.optional(),
  thread_ts: str.optional(),
  subtype: str.optional(),
  edited: z.looseObject({ user: str.optional(), ts: str }).optional(),
});
type SlackMessage = z.infer<typeof messageShape>;

export const slackEnvelope = z.discriminatedUnion("type", [
  z.looseObject({ type: z.literal("url_verification"), challenge: str }),
  z.looseObject({
    type: z.literal("event_callback"),
    event_id: str,
    event_time: z.number().optional(),
    api_app_id: str.optional(),
    team_id: str.optional(),
    authorizations: z.array(z.looseObject({ user_id: str.optional(), is_bot: z.boolean().optional() })).optional(),
    event: z.looseObject({ type: str }),
  }),
  // Slack tells an app it is being rate limited with this callback: https://docs.slack.dev/apis/events-api/#rate-limiting
  z.looseObject({ type: z.literal("app_rate_limited") }),
]);
export type SlackEnvelope = z.infer<typeof slackEnvelope>;
type Callback = Extract<SlackEnvelope, { type: "event_callback" }>;

const messageEvent = z.looseObject({
  type: z.literal("message"),
  channel: str,
  subtype: str.optional(),
  ts: str,
  event_ts: str.optional(),
  text: str.optional().default(""),
  user: str.optional(),
  bot_id: str.optional(),
  app_id: str.optional(),
  thread_ts: str.optional(),
  message: messageShape.optional(),
  previous_message: messageShape.optional(),
  deleted_ts: str.optional(),
});
const pinEvent = z.looseObject({
  type: z.enum(["pin_added", "pin_removed"]),
  user: str.optional(),
  channel_id: str,
  event_ts: str,
  item: z.looseObject({ type: str, channel: str.optional(), message: messageShape.optional() }),
});
const reactionEvent = z.looseObject({
  type: z.enum(["reaction_added", "reaction_removed"]),
  user: str,
  reaction: str,
  item_user: str.optional(),
  event_ts: str,
  item: z.looseObject({ type: str, channel: str.optional(), ts: str.optional() }),
});

/** Who "we" are in this workspace: our app id and our bot user. */
interface Self {
  readonly appId: string | null;
  readonly botUserId: string | null;
}

function selfOf(envelope: Callback): Self {
  const bot = envelope.authorizations?.find((a) => a.is_bot);
  return { appId: envelope.api_app_id ?? null, botUserId: bot?.user_id ?? null };
}

const ours = (m: Pick<SlackMessage, "app_id" | "user" | "bot_id">, self: Self) =>
  (m.app_id !== undefined && m.app_id === self.appId) ||
  (m.user !== undefined && m.user === self.botUserId && m.bot_id !== undefined);

// Subtypes that are messages people wrote; the rest (joins, topic changes, …) are channel housekeeping.
const WRITTEN = new Set([undefined, "thread_broadcast", "file_share", "me_message", "bot_message"]);

/** @returns the chat event, or null for events that are not about a message people wrote in a channel */
export function toChatEvent(envelope: Callback): ChatEvent | null {
  const self = selfOf(envelope);
  const type = envelope.event.type;
  if (type === "message") return fromMessage(messageEvent.safeParse(envelope.event).data, self);
  if (type === "pin_added" || type === "pin_removed") {
    const e = pinEvent.safeParse(envelope.event).data;
    const m = e?.item.message;
    if (!e || e.item.type !== "message" || !m || ours(m, self)) return null;
    const message = { userId: m.user ?? null, text: m.text, threadTs: m.thread_ts ?? null };
    return {
      kind: type === "pin_added" ? "pinned" : "unpinned",
      channelId: e.item.channel ?? e.channel_id,
      ts: m.ts,
      eventTs: e.event_ts,
      message,
    };
  }
  if (type === "reaction_added" || type === "reaction_removed") {
    const e = reactionEvent.safeParse(envelope.event).data;
    if (
      !e ||
      e.item.type !== "message" ||
      !e.item.channel ||
      !e.item.ts ||
      (e.item_user !== undefined && e.item_user === self.botUserId)
    )
      return null;
    return {
      kind: type,
      channelId: e.item.channel,
      ts: e.item.ts,
      userId: e.user,
      reaction: e.reaction,
      eventTs: e.event_ts,
    };
  }
  return null;
}

function fromMessage(e: z.infer<typeof messageEvent> | undefined, self: Self): ChatEvent | null {
  if (!e) return null;
  if (e.subtype === "message_changed") {
    const m = e.message;
    // A change without `edited` is Slack unfurling a link or adding a reply count, not a person editing.
    if (!m?.edited || ours(m, self)) return null;
    return {
      kind: "edited",
      channelId: e.channel,
      ts: m.ts,
      userId: m.edited.user ?? m.user ?? null,
      text: m.text,
      previousText: e.previous_message?.text ?? "",
      threadTs: m.thread_ts ?? null,
      eventTs: m.edited.ts,
    };
  }
  if (e.subtype === "message_deleted") {
    const p = e.previous_message;
    if (!e.deleted_ts || (p && ours(p, self))) return null;
    return {
      kind: "deleted",
      channelId: e.channel,
      ts: e.deleted_ts,
      previousText: p?.text ?? "",
      userId: p?.user ?? null,
      threadTs: p?.thread_ts ?? null,
      eventTs: e.event_ts ?? e.ts,
    };
  }
  if (!WRITTEN.has(e.subtype) || ours(e, self)) return null;
  return {
    kind: "posted",
    channelId: e.channel,
    ts: e.ts,
    userId: e.user ?? null,
    text: e.text,
    threadTs: e.thread_ts ?? null,
  };
}
