// conversations.create / invite / list / history, as the bot token sees them: private channels and DMs the bot is not
// in do not exist for it (channel_not_found).
import { bool, compareTs, decodeCursor, encodeCursor, positiveInt, str, tsArg } from "./args.ts";
import { channelObject, historyMessage } from "./shapes.ts";
import { SlackMethodError, type MethodDef, type SlackChannel } from "./types.ts";
import { BOT } from "./workspace.ts";

const LIST_TYPES = ["public_channel", "private_channel", "mpim", "im"] as const;

function listed(c: SlackChannel, types: readonly string[]): boolean {
  if (c.user !== null) return types.includes("im");
  if (c.isPrivate) return types.includes("private_channel") && c.members.has(BOT.userId);
  return types.includes("public_channel");
}

/** A page size: absent or 0 means the default; above 999 is invalid_limit (list) or capped (history's "Maximum of 999"). */
function pageSize(v: unknown, fallback: number, over: "error" | "cap"): number {
  const n = positiveInt(v, "invalid_limit");
  if (n !== undefined && n > 999 && over === "error") throw new SlackMethodError("invalid_limit");
  return Math.min(n || fallback, 999);
}

export const CONVERSATION_METHODS: Readonly<Record<string, MethodDef>> = {
  // Naming: "Channel names may only contain lowercase letters, numbers, hyphens, and underscores, and must be 80
  // characters or less." Errors invalid_name_required / _maxlength / _specials ("unallowed special characters or upper
  // case characters") / _punctuation ("contained only punctuation") and name_taken.
  // https://docs.slack.dev/reference/methods/conversations.create (also https://api.slack.com/methods/conversations.create)
  "conversations.create": {
    args: ["name", "is_private", "team_id"],
    handler: ({ ws, args, now }) => {
      const name = typeof args.name === "string" ? args.name : args.name === undefined ? "" : String(args.name);
      if (name === "") throw new SlackMethodError("invalid_name_required");
      if (name.length > 80) throw new SlackMethodError("invalid_name_maxlength");
      if (!/^[a-z0-9_-]+$/.test(name)) throw new SlackMethodError("invalid_name_specials");
      if (/^[_-]+$/.test(name)) throw new SlackMethodError("invalid_name_punctuation");
      if (ws.channelByName(name)) throw new SlackMethodError("name_taken");
      // team_id "will be ignored if the API call is sent using a workspace-level token".
      const channel = ws.createChannel({ name, isPrivate: bool(args.is_private), creator: BOT.userId }, now);
      return { channel: channelObject(channel, "full") };
    },
  },

  // "The calling user must be a member of the channel." Each refused user is listed in `errors`
  // ({user, ok:false, error}); without force nobody is invited when one fails, with force the valid ones are. A deactivated
  // account answers cant_invite ("User cannot be invited to this channel"): the documented error list has no
  // user_disabled / user_is_deactivated for this method. People already in the channel are skipped; when every listed
  // user already is, the answer is already_in_channel ("Invited user is already in the channel").
  // https://docs.slack.dev/reference/methods/conversations.invite (also https://api.slack.com/methods/conversations.invite)
  "conversations.invite": {
    args: ["channel", "users", "force"],
    handler: ({ ws, args }) => {
      const channel = ws.visibleToBot(str(args.channel));
      if (!channel) throw new SlackMethodError("channel_not_found");
      if (channel.user !== null) throw new SlackMethodError("method_not_supported_for_channel_type");
      if (channel.isArchived) throw new SlackMethodError("is_archived");
      if (!channel.members.has(BOT.userId)) throw new SlackMethodError("not_in_channel");
      const ids = [
        ...new Set(
          (str(args.users) ?? "")
            .split(",")
            .map((s) => s.trim())
            .filter(Boolean),
        ),
      ];
      if (ids.length === 0) throw new SlackMethodError("no_user");
      const failures: { user: string; ok: false; error: string }[] = [];
      const fail = (user: string, error: string) => failures.push({ user, ok: false, error });
      const toAdd: string[] = [];
      const already: string[] = [];
      for (const id of ids) {
        const user = ws.users.get(id);
        if (id === BOT.userId) fail(id, "cant_invite_self");
        else if (!user) fail(id, "user_not_found");
        else if (user.deleted) fail(id, "cant_invite");
        else if (channel.members.has(id)) already.push(id);
        else toAdd.push(id);
      }
      if (failures.length > 0 && !(bool(args.force) && toAdd.length > 0))
        throw new SlackMethodError(failures[0]!.error, { errors: failures });
      if (toAdd.length === 0)
        throw new SlackMethodError("already_in_channel", {
          errors: already.map((user) => ({ user, ok: false, error: "already_in_channel" })),
        });
      for (const id of toAdd) channel.members.add(id);
      return { channel: channelObject(channel, "full") };
    },
  },

  // types (default public_channel), exclude_archived, limit (default 100, "an integer under 1000"), cursor. The last
  // page answers next_cursor "". https://docs.slack.dev/reference/methods/conversations.list, pagination:
  // https://docs.slack.dev/apis/web-api/pagination
  "conversations.list": {
    args: ["types", "exclude_archived", "limit", "cursor", "team_id"],
    handler: ({ ws, args }) => {
      const types = (str(args.types) ?? "public_channel")
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean);
      if (types.some((t) => !(LIST_TYPES as readonly string[]).includes(t)))
        throw new SlackMethodError("invalid_types");
      const limit = pageSize(args.limit, 100, "error");
      const all = [...ws.channels.values()].filter(
        (c) => listed(c, types) && !(bool(args.exclude_archived) && c.isArchived),
      );
      const after = decodeCursor(args.cursor, "team");
      const start = after === undefined ? 0 : all.findIndex((c) => c.id === after);
      if (start < 0) throw new SlackMethodError("invalid_cursor");
      const next = all[start + limit];
      return {
        channels: all.slice(start, start + limit).map((c) => channelObject(c, "list")),
        response_metadata: { next_cursor: next ? encodeCursor("team", next.id) : "" },
      };
    },
  },

  // Newest first; only a thread's parent, never its replies ("conversations.history method returns only parent
  // messages", https://docs.slack.dev/reference/methods/conversations.replies). latest/oldest bound the range, exclusive
  // unless inclusive; limit defaults to 100 ("Maximum of 999"); metadata only with include_all_metadata.
  // https://docs.slack.dev/reference/methods/conversations.history (also https://api.slack.com/methods/conversations.history)
  "conversations.history": {
    args: ["channel", "cursor", "include_all_metadata", "inclusive", "latest", "limit", "oldest"],
    handler: ({ ws, args }) => {
      const channel = ws.visibleToBot(str(args.channel));
      if (!channel) throw new SlackMethodError("channel_not_found");
      // "Only user tokens can access public channels they are not in."
      if (!channel.members.has(BOT.userId)) throw new SlackMethodError("not_in_channel");
      const latest = tsArg(args.latest, "invalid_ts_latest");
      const oldest = tsArg(args.oldest, "invalid_ts_oldest");
      const inclusive = bool(args.inclusive);
      const limit = pageSize(args.limit, 100, "cap");
      const from = decodeCursor(args.cursor, "next_ts");
      if (from !== undefined && !/^\d{7,}$/.test(from)) throw new SlackMethodError("invalid_cursor");
      const fromTs = from === undefined ? undefined : `${from.slice(0, -6)}.${from.slice(-6)}`;
      const inRange = (ts: string) =>
        (latest === undefined || (inclusive ? compareTs(ts, latest) <= 0 : compareTs(ts, latest) < 0)) &&
        (oldest === undefined || (inclusive ? compareTs(ts, oldest) >= 0 : compareTs(ts, oldest) > 0)) &&
        (fromTs === undefined || compareTs(ts, fromTs) <= 0);
      const messages = ws.messages
        .filter((m) => m.channel === channel.id && !m.deleted && m.threadTs === null && inRange(m.ts))
        .reverse();
      const page = messages.slice(0, limit);
      const next = messages[limit];
      return {
        messages: page.map((m) => historyMessage(ws, m, bool(args.include_all_metadata))),
        has_more: next !== undefined,
        pin_count: ws.pinCount(channel.id),
        ...(latest !== undefined ? { latest } : {}),
        response_metadata: { next_cursor: next ? encodeCursor("next_ts", next.ts.replace(".", "")) : "" },
      };
    },
  },
};
