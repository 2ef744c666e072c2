// The conversation port on Slack: the incident channel, its pinned summary and announcements, through
// @slack/web-api. Messages Firewatch posts carry Slack message metadata
// (https://docs.slack.dev/messaging/message-metadata) naming the incident (and the timeline entry), so
// after a crash between posting and recording, the job finds its message in the channel's history
// instead of posting it twice.
import { IntegrationError } from "../../ports/integration-errors.ts";
import { unconfiguredChat, type Announcement, type ChatPort, type MessageMarker } from "../../ports/chat-port.ts";
import { clip, escapeMrkdwn } from "../../formats/slack/slack-format.ts";
import { summaryBlocks, summaryText } from "./slack-summary-message.ts";
import { slackErrorCode, slackWebClient, translateSlackError, type SlackSettings } from "./slack-web.ts";

const SUMMARY_EVENT = "firewatch_incident_summary";
const ANNOUNCEMENT_EVENT = "firewatch_timeline_entry";
// Invite errors about one person (https://docs.slack.dev/reference/methods/conversations.invite#errors): a wrong
// contact address must not hold up the channel for everyone else.
const PERSON_ERRORS = new Set([
  "already_in_channel",
  "user_not_found",
  "cant_invite_self",
  "user_is_deactivated",
  "user_disabled",
  "cant_invite",
  "ura_max_channels",
]);
const MAX_NAME_SUFFIX = 5;

// Token and permission errors (https://docs.slack.dev/reference/methods/auth.test#errors, missing_scope on every method).
const ACCESS_ERRORS = new Set([
  "not_authed",
  "invalid_auth",
  "token_revoked",
  "token_expired",
  "account_inactive",
  "missing_scope",
  "no_permission",
  "not_allowed_token_type",
  "ekm_access_denied",
]);

export function slackChatAdapter(settings: SlackSettings | null): ChatPort {
  if (!settings) return unconfiguredChat;
  const client = slackWebClient(settings);
  const call = async <T>(method: string, run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw translateSlackError(error, `Slack ${method}`, ACCESS_ERRORS);
    }
  };
  /** conversations.create, tolerating `name_taken`; null when the name belongs to someone else's channel. */
  const createOrFind = async (name: string) => {
    try {
      const created = await client.conversations.create({ name, is_private: false });
      return { id: created.channel!.id!, name: created.channel!.name ?? name };
    } catch (error) {
      if (slackErrorCode(error) !== "name_taken")
        throw translateSlackError(error, "Slack conversations.create", ACCESS_ERRORS);
      return findChannel(name);
    }
  };
  /** Our own channel of this name (created before a crash): public, not archived, the bot a member. */
  const findChannel = async (name: string) => {
    let cursor: string | undefined;
    do {
      const page = await call("conversations.list", () =>
        client.conversations.list({
          types: "public_channel",
          exclude_archived: true,
          limit: 200,
          ...(cursor ? { cursor } : {}),
        }),
      );
      const found = page.channels?.find((c) => c.name === name);
      if (found) return found.is_member ? { id: found.id!, name } : null;
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    return null;
  };
  return {
    configured: true,
    async openChannel(name) {
      for (let n = 1; n <= MAX_NAME_SUFFIX; n++) {
        const candidate = n === 1 ? name : `${name.slice(0, 77)}-${n}`;
        const found = await createOrFind(candidate);
        if (found) return found;
      }
      throw new IntegrationError(
        "slack",
        "rejected",
        `Slack channel names ${name} to ${name}-${MAX_NAME_SUFFIX} are all taken by other channels`,
      );
    },
    async invite(channel, users) {
      try {
        await client.conversations.invite({ channel, users: users.join(","), force: true });
      } catch (error) {
        if (!PERSON_ERRORS.has(slackErrorCode(error) ?? ""))
          throw translateSlackError(error, "Slack conversations.invite", ACCESS_ERRORS);
      }
    },
    async findMarked(channel, marker) {
      const history = await call("conversations.history", () =>
        client.conversations.history({ channel, limit: 100, include_all_metadata: true }),
      );
      const found = history.messages?.find((m) => matches(m.metadata, marker));
      return found?.ts ?? null;
    },
    async postSummary(channel, summary) {
      const posted = await call("chat.postMessage", () =>
        client.chat.postMessage({
          channel,
          text: summaryText(summary),
          blocks: summaryBlocks(summary),
          unfurl_links: false,
          metadata: metadataOf({ kind: "summary", incidentId: summary.incidentId }),
        }),
      );
      return posted.ts!;
    },
    async reply(channel, user, text) {
      await call("chat.postEphemeral", () => client.chat.postEphemeral({ channel, user, text: escapeMrkdwn(text) }));
    },
    async markActed(channel, ts, text) {
      const blocks = [{ type: "section" as const, text: { type: "mrkdwn" as const, text: escapeMrkdwn(text) } }];
      await call("chat.update", () => client.chat.update({ channel, ts, text: escapeMrkdwn(text), blocks }));
    },
    async updateSummary(channel, ts, summary) {
      await call("chat.update", () =>
        client.chat.update({ channel, ts, text: summaryText(summary), blocks: summaryBlocks(summary) }),
      );
    },
    async pin(channel, timestamp) {
      try {
        await client.pins.add({ channel, timestamp });
      } catch (error) {
        if (slackErrorCode(error) !== "already_pinned")
          throw translateSlackError(error, "Slack pins.add", ACCESS_ERRORS);
      }
    },
    async announce(channel, a: Announcement) {
      const posted = await call("chat.postMessage", () =>
        client.chat.postMessage({
          channel,
          text: escapeMrkdwn(clip(a.text, 3000)),
          unfurl_links: false,
          metadata: metadataOf({ kind: "announcement", incidentId: a.incidentId, entryId: a.entryId }),
        }),
      );
      return posted.ts!;
    },
    async userName(user) {
      const info = await call("users.info", () => client.users.info({ user }));
      const u = info.user;
      return u?.profile?.display_name || u?.real_name || u?.name || user;
    },
  };
}

function metadataOf(marker: MessageMarker): { event_type: string; event_payload: Record<string, string> } {
  return marker.kind === "summary"
    ? { event_type: SUMMARY_EVENT, event_payload: { incident_id: marker.incidentId } }
    : { event_type: ANNOUNCEMENT_EVENT, event_payload: { incident_id: marker.incidentId, entry_id: marker.entryId } };
}

function matches(
  metadata: { event_type?: string; event_payload?: Record<string, unknown> } | undefined,
  marker: MessageMarker,
): boolean {
  const expected = metadataOf(marker);
  if (!metadata || metadata.event_type !== expected.event_type) return false;
  return Object.entries(expected.event_payload).every(([k, v]) => metadata.event_payload?.[k] === v);
}
