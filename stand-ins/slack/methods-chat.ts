// chat.postMessage / chat.update and pins.add / pins.remove. The bot's messages are stored like anyone's (user = the bot
// user, with bot_id and app_id) and, in channels, reach the Events API like a person's would.
import { compareTs, parseBlocks, parseMetadata, str, tsArg } from "./args.ts";
import { messageChangedEvent, messageEvent, pinEvent } from "./event-payloads.ts";
import { messageFields } from "./shapes.ts";
import {
  SlackMethodError,
  type MethodContext,
  type MethodDef,
  type SlackChannel,
  type StoredMessage,
} from "./types.ts";
import { BOT } from "./workspace.ts";

const text = (v: unknown): string | null => (typeof v === "string" && v.trim() !== "" ? v : null);

/** The message a pins.* call names: channel, then `timestamp` (no_item_specified when absent). */
function pinTarget({ ws, args }: MethodContext): { channel: SlackChannel; message: StoredMessage } {
  const channel = ws.visibleToBot(str(args.channel));
  if (!channel) throw new SlackMethodError("channel_not_found");
  const ts = tsArg(args.timestamp, "bad_timestamp");
  if (ts === undefined) throw new SlackMethodError("no_item_specified");
  const message = ws.messages.find((m) => m.channel === channel.id && !m.deleted && compareTs(m.ts, ts) === 0);
  if (!message) throw new SlackMethodError("message_not_found");
  return { channel, message };
}

export const CHAT_METHODS: Readonly<Record<string, MethodDef>> = {
  // channel: an id, a name or a user id (the app's DM with them). Errors channel_not_found, is_archived, not_in_channel
  // ("Cannot post user messages to a channel they are not in"), no_text, invalid_blocks(_format),
  // invalid_metadata_format/_schema, invalid_thread_ts. thread_ts makes a reply ("Avoid using a reply's ts value; use its
  // parent instead"); metadata is {event_type, event_payload}, a JSON string in a form body.
  // https://docs.slack.dev/reference/methods/chat.postMessage (also https://api.slack.com/methods/chat.postMessage)
  "chat.postMessage": {
    args: [
      "channel",
      "text",
      "blocks",
      "mrkdwn",
      "unfurl_links",
      "unfurl_media",
      "username",
      "icon_emoji",
      "icon_url",
      "thread_ts",
      "reply_broadcast",
      "link_names",
      "parse",
      "metadata",
    ],
    handler: ({ ws, args, now, recordUnexpected, publish }) => {
      const ref = str(args.channel);
      const resolved = ref === undefined ? undefined : ws.resolveChannel(ref, now);
      const channel = ws.visibleToBot(resolved?.id);
      if (!channel) throw new SlackMethodError("channel_not_found");
      if (channel.isArchived) throw new SlackMethodError("is_archived");
      if (channel.user === null && !channel.members.has(BOT.userId)) throw new SlackMethodError("not_in_channel");
      const blocks = parseBlocks(args.blocks);
      const metadata = parseMetadata(args.metadata);
      const body = text(args.text);
      if (body === null && (blocks === null || blocks.length === 0)) throw new SlackMethodError("no_text");
      let threadTs: string | null = null;
      const threadArg = str(args.thread_ts);
      if (threadArg !== undefined) {
        // Slack's answer to thread_ts=0, as reported in https://github.com/jenkinsci/slack-plugin/issues/584
        if (!/^\d+\.\d+$/.test(threadArg))
          throw new SlackMethodError("invalid_thread_ts", {
            response_metadata: { messages: [`[ERROR] ${threadArg} is not a valid thread_ts`] },
          });
        const parent = ws.findMessage(channel.id, threadArg);
        // Slack accepts a well-formed thread_ts that names no message (the reply is then nowhere to be seen).
        if (!parent) recordUnexpected(`thread_ts ${threadArg} names no message in ${channel.id}`);
        threadTs = parent?.threadTs ?? threadArg;
      }
      const m = ws.post(
        channel,
        { user: BOT.userId, text: body, blocks, threadTs, metadata, bot: true, viaApi: true },
        now,
      );
      publish(channel, messageEvent(ws, channel, m));
      return { channel: channel.id, ts: m.ts, message: messageFields(ws, m) };
    },
  },

  // Only the app's own messages (cant_update_message otherwise); message_not_found, channel_not_found. Omitted blocks
  // are kept, [] removes them; metadata replaces the old. The edit is stored as `edited` and sent as message_changed.
  // https://docs.slack.dev/reference/methods/chat.update (also https://api.slack.com/methods/chat.update)
  "chat.update": {
    args: [
      "channel",
      "ts",
      "text",
      "blocks",
      "metadata",
      "attachments",
      "as_user",
      "link_names",
      "parse",
      "reply_broadcast",
      "file_ids",
    ],
    handler: ({ ws, args, publish }) => {
      const channel = ws.visibleToBot(str(args.channel));
      if (!channel) throw new SlackMethodError("channel_not_found");
      const ts = str(args.ts);
      const m = ts === undefined ? undefined : ws.findMessage(channel.id, ts);
      if (!m) throw new SlackMethodError("message_not_found");
      if (m.botId !== BOT.botId) throw new SlackMethodError("cant_update_message");
      const blocks = args.blocks === undefined ? m.blocks : parseBlocks(args.blocks);
      const metadata = args.metadata === undefined ? m.metadata : parseMetadata(args.metadata);
      const body = args.text === undefined ? m.text : text(args.text);
      if (args.text === undefined && args.blocks === undefined && args.metadata === undefined)
        throw new SlackMethodError("no_text");
      if (body === null && (blocks === null || blocks.length === 0)) throw new SlackMethodError("no_text");
      const previous = { ...m };
      const editTs = ws.nextTs();
      Object.assign(m, {
        text: body,
        blocks: blocks && blocks.length > 0 ? blocks : null,
        metadata,
        edited: { user: BOT.userId, ts: editTs },
      });
      publish(channel, messageChangedEvent(ws, channel, m, previous, editTs));
      return { channel: channel.id, ts: m.ts, text: m.text ?? "", message: messageFields(ws, m) };
    },
  },

  // Visible to `user` alone and not kept in the channel's history. channel: an id or a name. Errors channel_not_found,
  // is_archived, no_text, user_not_in_channel ("The user should be in the channel specified"), invalid_blocks.
  // https://docs.slack.dev/reference/methods/chat.postEphemeral (also https://api.slack.com/methods/chat.postEphemeral)
  "chat.postEphemeral": {
    args: [
      "channel",
      "user",
      "text",
      "blocks",
      "thread_ts",
      "icon_emoji",
      "icon_url",
      "link_names",
      "parse",
      "username",
    ],
    handler: ({ ws, args, now }) => {
      const ref = str(args.channel);
      const channel = ws.visibleToBot(ref && (ws.channels.get(ref) ?? ws.channelByName(ref.replace(/^#/, "")))?.id);
      if (!channel) throw new SlackMethodError("channel_not_found");
      if (channel.isArchived) throw new SlackMethodError("is_archived");
      if (channel.user === null && !channel.members.has(BOT.userId)) throw new SlackMethodError("not_in_channel");
      const user = str(args.user);
      if (user === undefined || !channel.members.has(user)) throw new SlackMethodError("user_not_in_channel");
      const blocks = parseBlocks(args.blocks);
      const body = text(args.text);
      if (body === null && (blocks === null || blocks.length === 0)) throw new SlackMethodError("no_text");
      const ts = ws.nextTs();
      const threadTs = str(args.thread_ts) ?? null;
      ws.ephemerals.push({ channel: channel.id, user, ts, text: body, blocks, threadTs, postedAt: now });
      return { message_ts: ts };
    },
  },

  // Errors already_pinned, message_not_found, no_item_specified, bad_timestamp, channel_not_found.
  // https://docs.slack.dev/reference/methods/pins.add (also https://api.slack.com/methods/pins.add); sends pin_added.
  "pins.add": {
    args: ["channel", "timestamp"],
    handler: (ctx) => {
      const { channel, message } = pinTarget(ctx);
      if (message.pin) throw new SlackMethodError("already_pinned");
      message.pin = { by: BOT.userId, created: Math.floor(ctx.now / 1000) };
      ctx.publish(channel, pinEvent(ctx.ws, "pin_added", channel, message, message.pin, BOT.userId, ctx.ws.nextTs()));
      return {};
    },
  },

  // "Typical error response" {"error": "no_pin"} for a message that is not pinned (older docs named it not_pinned).
  // https://docs.slack.dev/reference/methods/pins.remove (also https://api.slack.com/methods/pins.remove); sends pin_removed.
  "pins.remove": {
    args: ["channel", "timestamp"],
    handler: (ctx) => {
      const { channel, message } = pinTarget(ctx);
      const pin = message.pin;
      if (!pin) throw new SlackMethodError("no_pin");
      message.pin = null;
      ctx.publish(channel, pinEvent(ctx.ws, "pin_removed", channel, message, pin, BOT.userId, ctx.ws.nextTs()));
      return {};
    },
  },
};
