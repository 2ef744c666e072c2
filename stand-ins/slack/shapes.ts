// Slack's object shapes, as the Web API answers them and as events carry them.
import type { SlackChannel, SlackUser, StoredMessage } from "./types.ts";
import { BOT, type Workspace } from "./workspace.ts";

type Obj = Record<string, unknown>;

export function userObject(ws: Workspace, u: SlackUser): Obj {
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
    profile: {
      real_name: u.realName,
      display_name: u.name,
      first_name: first,
      last_name: rest.join(" "),
      email: u.email,
      image_48: `https://avatars.example/${u.id}_48.png`,
    },
  };
}

/** The full IM object conversations.open returns with return_im=true. */
export function imObject(c: SlackChannel): Obj {
  return {
    id: c.id,
    created: c.created,
    is_im: true,
    is_org_shared: false,
    user: c.user,
    last_read: "0000000000.000000",
    latest: null,
    unread_count: 0,
    unread_count_display: 0,
    is_open: true,
    priority: 0,
  };
}

/**
 * A channel as the bot sees it. "full": conversations.create / conversations.invite
 * (https://docs.slack.dev/reference/methods/conversations.create#response); "list": a conversations.list entry
 * (https://docs.slack.dev/reference/methods/conversations.list#response), where a DM is the short IM entry.
 */
export function channelObject(c: SlackChannel, form: "full" | "list"): Obj {
  if (c.user !== null)
    return {
      id: c.id,
      created: c.created,
      is_im: true,
      is_org_shared: false,
      user: c.user,
      is_user_deleted: false,
      priority: 0,
    };
  const base: Obj = {
    id: c.id,
    name: c.name,
    is_channel: true,
    is_group: false,
    is_im: false,
    created: c.created,
    creator: c.creator ?? "",
    is_archived: c.isArchived,
    is_general: c.isGeneral,
    unlinked: 0,
    name_normalized: c.name,
    is_shared: false,
    is_ext_shared: false,
    is_org_shared: false,
    pending_shared: [],
    is_pending_ext_shared: false,
    is_member: c.members.has(BOT.userId),
    is_private: c.isPrivate,
    is_mpim: false,
  };
  const purpose = {
    topic: { value: "", creator: "", last_set: 0 },
    purpose: { value: "", creator: "", last_set: 0 },
    previous_names: [],
  };
  if (form === "list") return { ...base, updated: c.created * 1000, ...purpose, num_members: c.members.size };
  return {
    ...base,
    last_read: "0000000000.000000",
    latest: null,
    unread_count: 0,
    unread_count_display: 0,
    ...purpose,
    priority: 0,
  };
}

/** bot_profile on the app's messages. Shape: https://docs.slack.dev/tools/node-slack-sdk/reference/types/interfaces/BotProfile */
export function botProfile(ws: Workspace): Obj {
  return {
    id: BOT.botId,
    deleted: false,
    name: BOT.name,
    updated: 1_700_000_000,
    app_id: BOT.appId,
    icons: {
      image_36: "https://avatars.example/bot_36.png",
      image_48: "https://avatars.example/bot_48.png",
      image_72: "https://avatars.example/bot_72.png",
    },
    team_id: ws.team.id,
  };
}

/** https://<domain>.slack.com/archives/<channel>/p<ts without the dot>, as in https://docs.slack.dev/reference/methods/pins.list */
export const permalink = (ws: Workspace, m: StoredMessage): string =>
  `https://${ws.team.domain}.slack.com/archives/${m.channel}/p${m.ts.replace(".", "")}`;

/**
 * A message's own fields, shared by the Events API (`message`, `previous_message`, pinned items) and history. A person's
 * message is {type, user, text, ts}; the app's adds bot_id, app_id, bot_profile and team (messages posted with a bot
 * token carry the bot user as `user`, no subtype). Threads: replies carry thread_ts + parent_user_id.
 * https://api.slack.com/events/message, https://api.slack.com/docs/message-threading
 */
export function messageFields(ws: Workspace, m: StoredMessage): Obj {
  const parent = m.threadTs ? ws.messages.find((p) => p.channel === m.channel && p.ts === m.threadTs) : undefined;
  return {
    type: "message",
    user: m.user,
    ...(m.botId ? { bot_id: m.botId, app_id: m.appId, bot_profile: botProfile(ws), team: ws.team.id } : {}),
    text: m.text ?? "",
    ...(m.blocks ? { blocks: m.blocks } : {}),
    ts: m.ts,
    ...(m.threadTs ? { thread_ts: m.threadTs, parent_user_id: parent?.user ?? m.user } : {}),
    ...(m.edited ? { edited: { ...m.edited } } : {}),
  };
}

/**
 * A message in conversations.history: its fields, plus thread summary on a parent, pinned_to, reactions and (with
 * include_all_metadata) metadata. https://docs.slack.dev/reference/methods/conversations.history; the
 * pinned_to/reactions/thread fields: https://docs.slack.dev/tools/node-slack-sdk/reference/types/interfaces/GenericMessageEvent
 * and https://api.slack.com/methods/channels.replies (reply_count, thread_ts, parent_user_id).
 */
export function historyMessage(ws: Workspace, m: StoredMessage, includeMetadata: boolean): Obj {
  const replies = m.threadTs ? [] : ws.replies(m.channel, m.ts);
  const replyUsers = [...new Set(replies.map((r) => r.user))];
  return {
    ...messageFields(ws, m),
    ...(replies.length > 0
      ? {
          thread_ts: m.ts,
          reply_count: replies.length,
          reply_users_count: replyUsers.length,
          latest_reply: replies.at(-1)!.ts,
          reply_users: replyUsers,
        }
      : {}),
    ...(m.pin ? { pinned_to: [m.channel] } : {}),
    ...(m.reactions.length > 0
      ? { reactions: m.reactions.map((r) => ({ name: r.name, users: [...r.users], count: r.users.length })) }
      : {}),
    ...(includeMetadata && m.metadata ? { metadata: m.metadata } : {}),
  };
}
