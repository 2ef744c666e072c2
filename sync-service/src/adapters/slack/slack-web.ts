// The Web API client every Slack adapter uses, and what a job should make of its failures.
// Errors (https://docs.slack.dev/apis/web-api#responses): Slack reports method errors as HTTP 200 {ok:false, error};
// rate limits are HTTP 429 with Retry-After in seconds (https://docs.slack.dev/apis/web-api/rate-limits).
import { LogLevel, WebAPIHTTPError, WebAPIPlatformError, WebAPIRateLimitedError, WebClient } from "@slack/web-api";
import { IntegrationError } from "../../ports/integration-errors.ts";

export interface SlackSettings {
  /** The bot token (xoxb-…). */
  readonly token: string;
  /** Web API base, `https://slack.com/api/` unless set (tests point it at the emulator). */
  readonly apiUrl?: string;
}

// The WebClient retries failed calls 10 times over ~30 minutes and sleeps through 429s by default
// ("Automatic retries" in https://docs.slack.dev/tools/node-slack-sdk/web-api/). Inside a job that would hold a worker
// while the incident waits, and hide the wait from the job's own backoff, so the client fails at once and the job
// reschedules. It also has no request timeout unless given one: a hung connection must not hold a worker slot.
const TIMEOUT_MS = 10_000;
// Errors Slack documents as its own hiccups (e.g. https://docs.slack.dev/reference/methods/conversations.open#errors):
// the request may work when repeated, so they are not a reason to give up on this contact method.
const TRANSIENT_ERRORS = new Set([
  "internal_error",
  "fatal_error",
  "service_unavailable",
  "request_timeout",
  "team_added_to_org",
  "org_login_required",
]);
// chat.postMessage's legacy ok:false "rate_limited" comes without Retry-After; Slack's rate-limit tiers count per minute.
const RATE_LIMITED_ERRORS = new Set(["ratelimited", "rate_limited"]);
const DEFAULT_RETRY_AFTER_MS = 60_000;
const NONE: ReadonlySet<string> = new Set();

/** A client that fails at once (429 included) so the calling job decides when to try again. */
export function slackWebClient(settings: SlackSettings): WebClient {
  return new WebClient(settings.token, {
    ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: TIMEOUT_MS,
    // Every failure is thrown to the job, which records it; the SDK's console logging would only repeat it.
    logLevel: LogLevel.ERROR,
  });
}

/** Slack's `error` code of a failed call, if it was a method error. */
export function slackErrorCode(error: unknown): string | null {
  return error instanceof WebAPIPlatformError ? error.data.error : null;
}

/**
 * The error a job should see for a failed Web API call: a transient IntegrationError when Slack said "later", a
 * rejected one when retrying will not help (access for the codes in `accessCodes`); anything else is transient.
 */
export function translateSlackError(error: unknown, where: string, accessCodes: ReadonlySet<string> = NONE): Error {
  const reject = (message: string) =>
    new IntegrationError("slack", accessCodes.has(slackErrorCode(error) ?? "") ? "access" : "rejected", message, {
      cause: error,
    });
  // With rejectRateLimitedCalls the client throws this on 429; retryAfter is in seconds (errors.d.ts in the SDK).
  if (error instanceof WebAPIRateLimitedError) {
    return new IntegrationError("slack", "transient", `${where} was rate-limited; retry after ${error.retryAfter} s`, {
      cause: error,
      retryAfterMs: error.retryAfter * 1000,
    });
  }
  if (error instanceof WebAPIPlatformError) {
    const code = error.data.error;
    if (RATE_LIMITED_ERRORS.has(code)) {
      const seconds = error.data.response_metadata?.retryAfter;
      return new IntegrationError("slack", "transient", `${where} failed: ${code}`, {
        cause: error,
        retryAfterMs: seconds === undefined ? DEFAULT_RETRY_AFTER_MS : seconds * 1000,
      });
    }
    if (TRANSIENT_ERRORS.has(code)) return new Error(`${where} failed: ${code}`, { cause: error });
    return reject(`${where} failed: ${code}`);
  }
  // The Web API only answers 200 and 429 (the SDK's WebAPIHTTPError notes, https://docs.slack.dev/tools/node-slack-sdk/web-api/): other
  // statuses come from Slack's edge or a proxy. A 503 with Retry-After waits as asked; 5xx back off; any other 4xx
  // means apiUrl points somewhere that is not the Web API, which retrying will not fix.
  if (error instanceof WebAPIHTTPError) {
    const status = error.statusCode;
    const retryAfter = Number.parseInt(error.headers["retry-after"] ?? "", 10);
    if (status === 503 && Number.isFinite(retryAfter))
      return new IntegrationError("slack", "transient", `${where} answered 503`, {
        cause: error,
        retryAfterMs: retryAfter * 1000,
      });
    if (status >= 500 || status === 408) return new Error(`${where} answered ${status}`, { cause: error });
    return reject(`${where} answered HTTP ${status}`);
  }
  // WebAPIRequestError (network, timeout) and anything unknown: transient.
  return error instanceof Error ? error : new Error(`${where} failed: ${String(error)}`);
}
