// What a request's log line holds: its method, its path with the secret parts replaced, and a few harmless
// headers. Never the raw header set (Authorization, Cookie, Forge's x-forge-oauth-system, the Slack,
// Twilio and Jira signatures), never a query value, never the route parameters.
import type { IncomingMessage, ServerResponse } from "node:http";
import { pinoHttp } from "pino-http";
import { errorForLog, REDACTED, type Logger } from "../logger.ts";

/** Headers that help read a log and never carry a credential; every other header is left out. */
const LOGGED_HEADERS = [
  "host",
  "user-agent",
  "content-type",
  "content-length",
  "content-encoding",
  "accept",
  "x-request-id",
  "x-atlassian-webhook-identifier",
  "x-slack-retry-num",
  "x-slack-retry-reason",
] as const;

/**
 * Under these prefixes the URL itself can be the credential (Statuspage's `/webhooks/statuspage/{token}`,
 * `/webhooks/alertmanager/{integration key}`, Twilio's per-service paths, heartbeat ping URLs, a page's one-time
 * `/act/{token}` and `/signin/{token}` links, a person's `/calendar/{token}.ics`): a segment
 * not in the routes' fixed vocabulary is redacted, so a new route with a key in its path is safe unseen.
 */
const KEYED_PREFIXES = ["/webhooks/", "/heartbeats/", "/act/", "/signin/", "/calendar/"];
const FIXED_SEGMENTS = new Set([
  "webhooks",
  "heartbeats",
  "act",
  "signin",
  "calendar",
  "jira",
  "slack",
  "events",
  "commands",
  "interactions",
  "statuspage",
  "alertmanager",
  "twilio",
  "voice",
  "sms",
  "status",
  "dial",
  "recording",
  "record",
  "screen",
  "screened",
]);

/** Segments shaped like a credential wherever they appear: an integration key, an API token, a JWT. */
const CREDENTIAL_SEGMENT = /^(?:[0-9a-f]{32}|fw_[\w-]+|eyJ[\w-]*\.[\w-]+\.[\w-]*)$/i;
const PARAMETER_NAME = /^[A-Za-z][\w.-]{0,39}$/;

function decoded(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** A request URL fit for a log: secret path segments and every query value replaced by `[redacted]`. */
export function loggablePath(url: string): string {
  const [rawPath = "", query] = url.split(/\?(.*)/s, 2);
  const keyed = KEYED_PREFIXES.some((prefix) => rawPath.startsWith(prefix));
  const path = rawPath
    .split("/")
    .map((segment) => {
      if (segment === "") return segment;
      const plain = decoded(segment);
      return CREDENTIAL_SEGMENT.test(plain) || (keyed && !FIXED_SEGMENTS.has(plain.toLowerCase())) ? REDACTED : segment;
    })
    .join("/");
  if (!query) return path;
  const names = query
    .split("&")
    .filter(Boolean)
    .map((pair) => decoded(pair.split("=")[0]!));
  return `${path}?${names.map((name) => `${PARAMETER_NAME.test(name) ? name : REDACTED}=${REDACTED}`).join("&")}`;
}

/** The `req` of a log line (instead of pino's, which copies every header, the query and the route parameters). */
export function requestForLog(req: IncomingMessage & { id?: unknown; originalUrl?: string }) {
  const headers: Record<string, string> = {};
  for (const name of LOGGED_HEADERS) {
    const value = req.headers[name];
    if (typeof value === "string") headers[name] = value;
  }
  return {
    id: req.id,
    method: req.method,
    path: loggablePath(req.originalUrl ?? req.url ?? ""),
    headers,
    remoteAddress: req.socket?.remoteAddress,
  };
}

/** The `res` of a log line: the status and the body's type and size, never a response header such as Set-Cookie. */
export function responseForLog(res: ServerResponse) {
  return {
    statusCode: res.statusCode,
    contentType: res.getHeader("content-type"),
    contentLength: res.getHeader("content-length"),
  };
}

/** The request log (pino-http), one line per answered request; `/healthz` is left out. */
export function requestLog(log: Logger) {
  return pinoHttp({
    logger: log,
    autoLogging: { ignore: (req) => req.url === "/healthz" },
    // The serializers get the node objects themselves, not pino's copies of them.
    wrapSerializers: false,
    serializers: { req: requestForLog, res: responseForLog, err: errorForLog },
  });
}
