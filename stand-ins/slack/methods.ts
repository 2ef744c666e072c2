// The emulated Web API methods. Each answers Slack's documented success shape or throws SlackMethodError, which the
// HTTP layer turns into HTTP 200 {ok:false, error} (https://docs.slack.dev/apis/web-api#responses).
// This file holds auth, users and DMs; conversations.*, chat.* and pins.* live beside it.
import { bool, str } from "./args.ts";
import { CHAT_METHODS } from "./methods-chat.ts";
import { CONVERSATION_METHODS } from "./methods-conversations.ts";
import { imObject, userObject } from "./shapes.ts";
import { SlackMethodError, type MethodDef } from "./types.ts";
import { BOT } from "./workspace.ts";

export type { MethodContext, MethodDef } from "./types.ts";

const CORE_METHODS: Readonly<Record<string, MethodDef>> = {
  // https://docs.slack.dev/reference/methods/auth.test (also https://api.slack.com/methods/auth.test)
  "auth.test": {
    args: [],
    handler: ({ ws }) => ({
      url: `https://${ws.team.domain}.slack.com/`,
      team: ws.team.name,
      user: BOT.name,
      team_id: ws.team.id,
      user_id: BOT.userId,
      bot_id: BOT.botId,
      is_enterprise_install: false,
    }),
  },

  // https://docs.slack.dev/reference/methods/conversations.open (also https://api.slack.com/methods/conversations.open)
  "conversations.open": {
    args: ["users", "channel", "return_im", "prevent_creation"],
    handler: ({ ws, args, now, recordUnexpected }) => {
      const users = str(args.users);
      const channelId = str(args.channel);
      const returnIm = bool(args.return_im);
      if (!users && channelId) {
        const c = ws.channels.get(channelId);
        if (!c) throw new SlackMethodError("channel_not_found");
        if (c.user === null) throw new SlackMethodError("method_not_supported_for_channel_type");
        return { no_op: true, already_open: true, channel: returnIm ? imObject(c) : { id: c.id } };
      }
      const ids = (users ?? "")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      if (ids.length === 0) throw new SlackMethodError("users_list_not_supplied");
      if (ids.length > 8) throw new SlackMethodError("too_many_users");
      if (ids.length > 1) {
        recordUnexpected("multi-person DMs (mpim) are not emulated");
        throw new SlackMethodError("internal_error");
      }
      const user = ws.users.get(ids[0]!);
      if (!user) throw new SlackMethodError("user_not_found");
      if (user.deleted) throw new SlackMethodError("user_disabled");
      if (bool(args.prevent_creation)) recordUnexpected("prevent_creation is not emulated");
      const { channel, alreadyOpen } = ws.openDm(user.id, now);
      return {
        ...(alreadyOpen ? { no_op: true, already_open: true } : {}),
        channel: returnIm ? imObject(channel) : { id: channel.id },
      };
    },
  },

  // https://docs.slack.dev/reference/methods/users.info (also https://api.slack.com/methods/users.info)
  "users.info": {
    args: ["user", "include_locale"],
    handler: ({ ws, args }) => {
      const id = str(args.user);
      const user = id === undefined ? undefined : ws.users.get(id);
      if (!user) throw new SlackMethodError("user_not_found");
      return { user: userObject(ws, user) };
    },
  },
};

export const METHODS: Readonly<Record<string, MethodDef>> = {
  ...CORE_METHODS,
  ...CONVERSATION_METHODS,
  ...CHAT_METHODS,
};
