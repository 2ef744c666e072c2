// The notifier port for contact kind "slack": a direct message from the Firewatch bot, through @slack/web-api.
// conversations.open (https://docs.slack.dev/reference/methods/conversations.open) finds or creates the bot's DM with
// the person, so calling it on every page is safe; chat.postMessage
// (https://docs.slack.dev/reference/methods/chat.postMessage) then posts Block Kit blocks plus a `text` fallback,
// which is what notifications and screen readers show.
// Errors (https://docs.slack.dev/apis/web-api#responses): Slack reports method errors as HTTP 200 {ok:false, error};
// almost all of them (user_not_found, channel_not_found, invalid_auth, invalid_blocks, …) mean this contact or this
// setup cannot work, so the page moves on to the person's next contact method. Rate limits are HTTP 429 with
// Retry-After in seconds (https://docs.slack.dev/apis/web-api/rate-limits): the page job waits that long. Slack's
// own transient errors, 5xx and network failures are rethrown and the job backs off.
import { LogLevel, WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebClient } from "@slack/web-api";
import { RetryLaterJobError } from "../../ports/jobs.ts";
import {
  NotificationRejectedError,
  NotifierNotConfiguredError,
  type ContactMethod,
  type Delivery,
  type NotifierPort,
  type PageMessage,
} from "../../ports/notifier-port.ts";

export interface SlackNotifierSettings {
  /** The bot token (xoxb-…) with chat:write and im:write. */
  readonly token: string;
  /** Web API base, `https://slack.com/api/` unless set (tests point it at the emulator). */
  readonly apiUrl?: string;
}

// The WebClient retries failed calls 10 times over ~30 minutes and sleeps through 429s by default
// ("Automatic retries" in https://docs.slack.dev/tools/node-slack-sdk/web-api/). Inside a page job that would hold a worker
// while the incident waits, and hide the wait from the job's own backoff, so the client fails at once and the job
// reschedules. It also has no request timeout unless given one: a hung connection must not hold a worker slot.
const TIMEOUT_MS = 10_000;
// Errors Slack documents as its own hiccups (e.g. https://docs.slack.dev/reference/methods/conversations.open#errors):
// the request may work when repeated, so they are not a reason to give up on this contact method.
const TRANSIENT_ERRORS = new Set(["internal_error", "fatal_error", "service_unavailable", "request_timeout", "team_added_to_org", "org_login_required"]);
// chat.postMessage's legacy ok:false "rate_limited" comes without Retry-After; Slack's rate-limit tiers count per minute.
const RATE_LIMITED_ERRORS = new Set(["ratelimited", "rate_limited"]);
const DEFAULT_RETRY_AFTER_MS = 60_000;

/** Pages by Slack DM. @throws NotifierNotConfiguredError (no settings), NotificationRejectedError, RetryLaterJobError (429) */
export function slackNotifier(settings: SlackNotifierSettings | null): NotifierPort {
  if (!settings) {
    return {
      send: async () => {
        throw new NotifierNotConfiguredError("Slack pages need SLACK_BOT_TOKEN");
      },
    };
  }
  const client = new WebClient(settings.token, {
    ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: TIMEOUT_MS,
    // Every failure is thrown to the page job, which records it; the SDK's console logging would only repeat it.
    logLevel: LogLevel.ERROR,
  });
  return {
    async send(contact: ContactMethod, message: PageMessage): Promise<Delivery> {
      if (contact.kind !== "slack") throw new NotificationRejectedError(`Contact ${contact.id} is ${contact.kind}, not slack`);
      const user = contact.address.trim();
      if (user === "") throw new NotificationRejectedError(`Contact ${contact.id} has no Slack user id`);
      const opened = await call("conversations.open", contact, () => client.conversations.open({ users: user }));
      const channel = opened.channel?.id;
      if (!channel) throw new Error(`Slack conversations.open for contact ${contact.id} returned no channel id`);
      const posted = await call("chat.postMessage", contact, () =>
        client.chat.postMessage({ channel, text: pageText(message), blocks: pageBlocks(message), unfurl_links: false, unfurl_media: false }),
      );
      return { providerId: posted.ts ?? null };
    },
  };
}

async function call<T>(method: string, contact: ContactMethod, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    throw translate(error, `Slack ${method} for contact ${contact.id}`);
  }
}

/** The error the page job should see for a failed Web API call. */
function translate(error: unknown, where: string): Error {
  // With rejectRateLimitedCalls the client throws this on 429; retryAfter is in seconds (errors.d.ts in the SDK).
  if (error instanceof WebAPIRateLimitedError) {
    return new RetryLaterJobError(`${where} was rate-limited; retry after ${error.retryAfter} s`, error.retryAfter * 1000, { cause: error });
  }
  if (error instanceof WebAPIPlatformError) {
    const code = error.data.error;
    if (RATE_LIMITED_ERRORS.has(code)) {
      const seconds = error.data.response_metadata?.retryAfter;
      return new RetryLaterJobError(`${where} failed: ${code}`, seconds === undefined ? DEFAULT_RETRY_AFTER_MS : seconds * 1000, { cause: error });
    }
    if (TRANSIENT_ERRORS.has(code)) return new Error(`${where} failed: ${code}`, { cause: error });
    return new NotificationRejectedError(`${where} failed: ${code}`, { cause: error });
  }
  // The Web API only answers 200 and 429 (the SDK's WebAPIHTTPError notes, https://docs.slack.dev/tools/node-slack-sdk/web-api/): other
  // statuses come from Slack's edge or a proxy. A 503 with Retry-After waits as asked; 5xx back off; any other 4xx
  // means apiUrl points somewhere that is not the Web API, which retrying will not fix.
  if (error instanceof WebAPIHTTPError) {
    const status = error.statusCode;
    const retryAfter = Number.parseInt(error.headers["retry-after"] ?? "", 10);
    if (status === 503 && Number.isFinite(retryAfter)) return new RetryLaterJobError(`${where} answered 503`, retryAfter * 1000, { cause: error });
    if (status >= 500 || status === 408) return new Error(`${where} answered ${status}`, { cause: error });
    return new NotificationRejectedError(`${where} answered HTTP ${status}`, { cause: error });
  }
  // WebAPIRequestError (network, timeout) and anything unknown: transient.
  return error instanceof Error ? error : new Error(`${where} failed: ${String(error)}`);
}

function pageText(m: PageMessage): string {
  return escapeMrkdwn(`[${m.severity}] ${m.incidentKey}: ${oneLine(m.title)} (${m.status}, level ${m.level}) ${m.url}`);
}

/** Block Kit layout: https://docs.slack.dev/reference/block-kit/blocks (section text ≤ 3000, field ≤ 2000 chars). */
function pageBlocks(m: PageMessage) {
  const link = `<${linkUrl(m.url)}|${escapeMrkdwn(`${m.incidentKey}: ${clip(oneLine(m.title), 500)}`)}>`;
  return [
    { type: "section" as const, text: { type: "mrkdwn" as const, text: `${escapeMrkdwn(m.recipientName)}, you are paged for *${link}*` } },
    {
      type: "section" as const,
      fields: [
        { type: "mrkdwn" as const, text: `*Severity*\n${escapeMrkdwn(m.severity)}` },
        { type: "mrkdwn" as const, text: `*Status*\n${escapeMrkdwn(m.status)}` },
      ],
    },
    { type: "context" as const, elements: [{ type: "mrkdwn" as const, text: `Level ${m.level} of the escalation policy · open the incident to acknowledge` }] },
  ];
}

// mrkdwn control characters: https://docs.slack.dev/messaging/formatting-message-text#escaping. Escaping also keeps a
// title like "<!channel> down" from notifying anyone.
function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** In `<url|text>` the URL ends at the first `|` or `>`; percent-encode them so the link stays whole. */
function linkUrl(url: string): string {
  return url.replace(/[|<> ]/g, (c) => encodeURIComponent(c));
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}
