// Inner events of the Events API, one builder per kind, shaped as Slack's reference pages show them. Envelopes
// (event_callback) are added by events.ts. test/fixtures/slack/ holds the documented examples these are checked against.
import { messageFields, permalink } from "./shapes.ts";
import type { SlackChannel, StoredMessage } from "./types.ts";
import type { Workspace } from "./workspace.ts";

type Obj = Record<string, unknown>;

/** "channel" (public), "group" (private channel), "im" (DM), as message.channels / message.groups / message.im say. */
export const channelType = (c: SlackChannel): string => (c.user !== null ? "im" : c.isPrivate ? "group" : "channel");

/**
 * A new message, by a person or by the app: https://docs.slack.dev/reference/events/message.channels (a thread reply
 * also carries thread_ts and parent_user_id, https://api.slack.com/docs/message-threading). The app's own messages
 * arrive like this too, with bot_id/app_id set and no subtype (bot_message is for legacy bots and webhooks,
 * https://api.slack.com/events/message/bot_message).
 */
export function messageEvent(ws: Workspace, c: SlackChannel, m: StoredMessage): Obj {
  const { type, ...fields } = messageFields(ws, m);
  return { type, channel: c.id, ...fields, event_ts: m.ts, channel_type: channelType(c) };
}

/**
 * An edit: https://docs.slack.dev/reference/events/message/message_changed. `ts`/`event_ts` are the edit's time;
 * previous_message, event_ts and channel_type as in https://docs.slack.dev/tools/node-slack-sdk/reference/types/interfaces/MessageChangedEvent
 */
export function messageChangedEvent(
  ws: Workspace,
  c: SlackChannel,
  m: StoredMessage,
  previous: StoredMessage,
  editTs: string,
): Obj {
  return {
    type: "message",
    subtype: "message_changed",
    hidden: true,
    channel: c.id,
    ts: editTs,
    message: messageFields(ws, m),
    previous_message: messageFields(ws, previous),
    event_ts: editTs,
    channel_type: channelType(c),
  };
}

/**
 * A deletion: https://docs.slack.dev/reference/events/message/message_deleted ("deleted_ts … the timestamp of the message
 * that was deleted"); previous_message, event_ts and channel_type as in
 * https://docs.slack.dev/tools/node-slack-sdk/reference/types/interfaces/MessageDeletedEvent
 */
export function messageDeletedEvent(ws: Workspace, c: SlackChannel, previous: StoredMessage, deleteTs: string): Obj {
  return {
    type: "message",
    subtype: "message_deleted",
    hidden: true,
    channel: c.id,
    ts: deleteTs,
    deleted_ts: previous.ts,
    previous_message: messageFields(ws, previous),
    event_ts: deleteTs,
    channel_type: channelType(c),
  };
}

/**
 * pin_added / pin_removed: https://docs.slack.dev/reference/events/pin_added, https://docs.slack.dev/reference/events/pin_removed.
 * The docs elide `item`; it is the pinned item of pins.list (type, channel, message with permalink and pinned_to,
 * created, created_by: https://docs.slack.dev/reference/methods/pins.list). item_user, pin_count, pinned_info (and
 * has_pins on removal): https://docs.slack.dev/tools/node-slack-sdk/reference/types/interfaces/PinAddedEvent
 */
export function pinEvent(
  ws: Workspace,
  kind: "pin_added" | "pin_removed",
  c: SlackChannel,
  m: StoredMessage,
  pin: { by: string; created: number },
  actor: string,
  eventTs: string,
): Obj {
  const pinCount = ws.pinCount(c.id);
  const message = { ...messageFields(ws, m), permalink: permalink(ws, m), ...(m.pin ? { pinned_to: [c.id] } : {}) };
  return {
    type: kind,
    user: actor,
    channel_id: c.id,
    item: { type: "message", channel: c.id, message, created: pin.created, created_by: pin.by },
    item_user: m.user,
    pin_count: pinCount,
    pinned_info: { channel: c.id, pinned_by: pin.by, pinned_ts: pin.created },
    ...(kind === "pin_removed" ? { has_pins: pinCount > 0 } : {}),
    event_ts: eventTs,
  };
}

/**
 * reaction_added / reaction_removed: https://docs.slack.dev/reference/events/reaction_added,
 * https://docs.slack.dev/reference/events/reaction_removed ("item_user … the user that created the original item").
 */
export function reactionEvent(
  kind: "reaction_added" | "reaction_removed",
  c: SlackChannel,
  m: StoredMessage,
  actor: string,
  name: string,
  eventTs: string,
): Obj {
  return {
    type: kind,
    user: actor,
    reaction: name,
    item_user: m.user,
    item: { type: "message", channel: c.id, ts: m.ts, channel_type: channelType(c) },
    event_ts: eventTs,
  };
}
