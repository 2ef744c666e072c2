// The emulated Web API methods. Each answers Slack's documented success shape or throws SlackMethodError, which the
// HTTP layer turns into HTTP 200 {ok:false, error} (https://docs.slack.dev/apis/web-api#responses).
import { validateBlocks } from "./blocks.ts";
import { SlackMethodError, type SlackChannel, type SlackUser } from "./types.ts";
import { BOT, type Workspace } from "./workspace.ts";

export interface MethodContext {
  ws: Workspace;
  args: Readonly<Record<string, unknown>>;
  now: number;
  recordUnexpected(reason: string): void;
}

export interface MethodDef {
  /** Arguments the emulator understands besides `token`; any other is recorded as unexpected. */
  args: readonly string[];
  handler(ctx: MethodContext): Record<string, unknown>;
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : typeof v === "number" ? String(v) : undefined);
const bool = (v: unknown): boolean => v === true || v === "true" || v === "1" || v === 1;

function userObject(ws: Workspace, u: SlackUser): Record<string, unknown> {
  const [first, ...rest] = u.realName.split(" ");
  return {
    id: u.id,
    team_id: ws.team.id,
    name: u.name,
    deleted: u.deleted ?? false,
    real_name: u.realName,
    tz: u.tz ?? "Etc/UTC",
    is_admin: false,
    is_owner: false,
    is_bot: u.isBot ?? false,
    is_app_user: false,
    updated: 1_700_000_000,
    profile: { real_name: u.realName, display_name: u.name, first_name: first, last_name: rest.join(" "), email: u.email, image_48: `https://avatars.example/${u.id}_48.png` },
  };
}

/** The full IM object conversations.open returns with return_im=true. */
function imObject(c: SlackChannel): Record<string, unknown> {
  return { id: c.id, created: c.created, is_im: true, is_org_shared: false, user: c.user, last_read: "0000000000.000000", latest: null, unread_count: 0, unread_count_display: 0, is_open: true, priority: 0 };
}

/** `blocks` is a JSON array in a JSON body, and "a JSON-based array … presented as a URL-encoded string" in a form body. */
function parseBlocks(v: unknown): unknown[] | null {
  if (v === undefined || v === "") return null;
  let parsed = v;
  if (typeof v === "string") {
    try {
      parsed = JSON.parse(v);
    } catch {
      throw new SlackMethodError("invalid_blocks_format");
    }
  }
  if (!Array.isArray(parsed)) throw new SlackMethodError("invalid_blocks_format");
  const errors = validateBlocks(parsed);
  if (errors.length > 0) throw new SlackMethodError("invalid_blocks", { errors, response_metadata: { messages: errors.map((e) => `[ERROR] ${e}`) } });
  return parsed;
}

export const METHODS: Readonly<Record<string, MethodDef>> = {
  // https://docs.slack.dev/reference/methods/auth.test (also https://api.slack.com/methods/auth.test)
  "auth.test": {
    args: [],
    handler: ({ ws }) => ({ url: `https://${ws.team.domain}.slack.com/`, team: ws.team.name, user: BOT.name, team_id: ws.team.id, user_id: BOT.userId, bot_id: BOT.botId, is_enterprise_install: false }),
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
      const ids = (users ?? "").split(",").map((s) => s.trim()).filter(Boolean);
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
      return { ...(alreadyOpen ? { no_op: true, already_open: true } : {}), channel: returnIm ? imObject(channel) : { id: channel.id } };
    },
  },

  // https://docs.slack.dev/reference/methods/chat.postMessage (also https://api.slack.com/methods/chat.postMessage)
  "chat.postMessage": {
    args: ["channel", "text", "blocks", "mrkdwn", "unfurl_links", "unfurl_media", "username", "icon_emoji", "icon_url", "thread_ts", "reply_broadcast", "link_names", "parse", "metadata"],
    handler: ({ ws, args, now }) => {
      const ref = str(args.channel);
      const channel = ref === undefined ? undefined : ws.resolveChannel(ref, now);
      if (!channel) throw new SlackMethodError("channel_not_found");
      if (channel.isArchived) throw new SlackMethodError("is_archived");
      const blocks = parseBlocks(args.blocks);
      const text = typeof args.text === "string" && args.text.trim() !== "" ? args.text : null;
      if (text === null && (blocks === null || blocks.length === 0)) throw new SlackMethodError("no_text");
      const m = ws.post(channel, text, blocks, now);
      const message = { user: BOT.userId, type: "message", ts: m.ts, bot_id: BOT.botId, app_id: BOT.appId, text: text ?? "", team: ws.team.id, ...(blocks ? { blocks } : {}) };
      return { channel: channel.id, ts: m.ts, message };
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
