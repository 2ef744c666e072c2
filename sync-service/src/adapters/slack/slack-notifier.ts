// The notifier port for contact kind "slack": a direct message from the Firewatch bot (a page, or a reminder of an overdue
// action item), through @slack/web-api.
// conversations.open (https://docs.slack.dev/reference/methods/conversations.open) finds or creates the bot's DM with
// the person, so calling it on every page is safe; chat.postMessage
// (https://docs.slack.dev/reference/methods/chat.postMessage) then posts Block Kit blocks plus a `text` fallback,
// which is what notifications and screen readers show.
// Each page carries message metadata (https://docs.slack.dev/messaging/message-metadata) naming the page, so a
// retry of a page that may already have gone out (the service died between Slack's answer and recording it)
// finds it in the DM's conversations.history and does not page the person twice. Only such retries read the
// history: conversations.history is a Tier 3 method (https://docs.slack.dev/apis/web-api/rate-limits).
// Errors (https://docs.slack.dev/apis/web-api#responses): Slack reports method errors as HTTP 200 {ok:false, error};
// almost all of them (user_not_found, channel_not_found, invalid_auth, invalid_blocks, …) mean this contact or this
// setup cannot work, so the page moves on to the person's next contact method. Rate limits are HTTP 429 with
// Retry-After in seconds (https://docs.slack.dev/apis/web-api/rate-limits): the page job waits that long. Slack's
// own transient errors, 5xx and network failures are rethrown and the job backs off.
import { slackWebClient, translateSlackError, type SlackSettings } from "./slack-web.ts";
import { IntegrationError } from "../../ports/integration-errors.ts";
import type {
  ContactMethod,
  Delivery,
  NotifierPort,
  PageMessage,
  ReminderMessage,
  StatusUpdateMessage,
} from "../../ports/notifier-port.ts";
import { statusUpdateBlocks, statusUpdateText } from "./slack-status-update.ts";
import { pageBlocks, pageText, reminderBlocks, reminderText } from "./slack-page-message.ts";
import type { KnownBlock } from "@slack/web-api";

export type { SlackSettings as SlackNotifierSettings } from "./slack-web.ts";

const PAGE_EVENT = "firewatch_page";
const STATUS_UPDATE_EVENT = "firewatch_status_update";
/** DM messages searched for an earlier attempt: the bot's DM with one person holds little besides its pages. */
const RECENT_MESSAGES = 50;

/** Pages and reminds by Slack DM. @throws IntegrationError: not_configured (no settings), rejected, transient (429) */
export function slackNotifier(settings: SlackSettings | null): NotifierPort {
  if (!settings) {
    const notConfigured = async (): Promise<Delivery> => {
      throw new IntegrationError("slack", "not_configured", "Slack pages and reminders need SLACK_BOT_TOKEN");
    };
    return { send: notConfigured, remind: notConfigured, inform: notConfigured };
  }
  const client = slackWebClient(settings);
  const openDm = async (contact: ContactMethod): Promise<string> => {
    if (contact.kind !== "slack")
      throw new IntegrationError("slack", "rejected", `Contact ${contact.id} is ${contact.kind}, not slack`);
    const user = contact.address.trim();
    if (user === "") throw new IntegrationError("slack", "rejected", `Contact ${contact.id} has no Slack user id`);
    const opened = await call("conversations.open", contact, () => client.conversations.open({ users: user }));
    const channel = opened.channel?.id;
    if (!channel) throw new Error(`Slack conversations.open for contact ${contact.id} returned no channel id`);
    return channel;
  };
  /** Posts to the DM unless an earlier attempt (found by its metadata in the DM's recent history) already did. */
  const postOnce = async (
    channel: string,
    contact: ContactMethod,
    metadata: { event_type: string; event_payload: Record<string, string> },
    mayHaveBeenSent: boolean,
    content: { text: string; blocks: KnownBlock[] },
  ): Promise<Delivery> => {
    if (mayHaveBeenSent) {
      const history = await call("conversations.history", contact, () =>
        client.conversations.history({ channel, limit: RECENT_MESSAGES, include_all_metadata: true }),
      );
      const [field, id] = Object.entries(metadata.event_payload)[0]!;
      const sent = history.messages?.find(
        (m) =>
          m.metadata?.event_type === metadata.event_type &&
          (m.metadata.event_payload as Record<string, unknown> | undefined)?.[field] === id,
      );
      if (sent) return { providerId: sent.ts ?? null };
    }
    const posted = await call("chat.postMessage", contact, () =>
      client.chat.postMessage({ channel, ...content, unfurl_links: false, unfurl_media: false, metadata }),
    );
    return { providerId: posted.ts ?? null };
  };
  return {
    async send(contact: ContactMethod, message: PageMessage): Promise<Delivery> {
      const channel = await openDm(contact);
      const metadata = {
        event_type: PAGE_EVENT,
        event_payload: { page_id: message.pageId, incident_id: message.incidentId },
      };
      return postOnce(channel, contact, metadata, message.mayHaveBeenSent, {
        text: pageText(message),
        blocks: pageBlocks(message),
      });
    },
    async inform(contact: ContactMethod, update: StatusUpdateMessage): Promise<Delivery> {
      const channel = await openDm(contact);
      const metadata = { event_type: STATUS_UPDATE_EVENT, event_payload: { delivery_id: update.deliveryId } };
      return postOnce(channel, contact, metadata, update.mayHaveBeenSent, {
        text: statusUpdateText(update),
        blocks: statusUpdateBlocks(update),
      });
    },
    // A reminder is not checked against the DM's history: a second reminder on a retry is harmless.
    async remind(contact: ContactMethod, reminder: ReminderMessage): Promise<Delivery> {
      const channel = await openDm(contact);
      const posted = await call("chat.postMessage", contact, () =>
        client.chat.postMessage({
          channel,
          text: reminderText(reminder),
          blocks: reminderBlocks(reminder),
          unfurl_links: false,
          unfurl_media: false,
        }),
      );
      return { providerId: posted.ts ?? null };
    },
  };
}

async function call<T>(method: string, contact: ContactMethod, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw translateSlackError(error, `Slack ${method} for contact ${contact.id}`);
  }
}
