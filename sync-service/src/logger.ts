import { pino, type DestinationStream, type Logger } from "pino";

export type { DestinationStream, Logger };

export const REDACTED = "[redacted]";

/**
 * Where a credential could sit in a log object. The request serializer (web/request-log.ts) already keeps
 * only harmless headers; these catch a `req`, `headers` or `config` logged some other way.
 */
const REDACT_PATHS = [
  "req.headers.authorization",
  "req.headers.cookie",
  'req.headers["x-forge-oauth-system"]',
  'req.headers["x-slack-signature"]',
  'req.headers["x-twilio-signature"]',
  'req.headers["x-hub-signature"]',
  'res.headers["set-cookie"]',
  "*.headers.authorization",
  "*.headers.Authorization",
  "*.headers.cookie",
  "*.headers.Cookie",
  '*.headers["set-cookie"]',
  '*.headers["Set-Cookie"]',
  "*.authorization",
  "*.password",
  "*.token",
  "*.apiToken",
  "*.appToken",
];

/** Credential shapes found in free text (an error message, a URL in a stack): the scheme or prefix stays, the secret goes. */
const CREDENTIAL_SHAPES: readonly [RegExp, string][] = [
  [/\b(Bearer|Basic)\s+[^\s",\\]+/gi, `$1 ${REDACTED}`],
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/@"\\]+@/gi, `$1${REDACTED}@`],
  // JWTs (Forge invocation and app tokens), Slack tokens, Firewatch API tokens.
  [/\beyJ[\w-]*\.[\w-]+\.[\w-]*/g, REDACTED],
  [/\bxox[a-z]-[\w-]+/g, REDACTED],
  [/\bfw_[\w-]{16,}/g, REDACTED],
];

/** A configured secret shorter than this is not searched for in log lines (it would blank ordinary words). */
const MIN_SECRET_LENGTH = 8;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Removes credential shapes and the given secrets (as written, and as JSON escapes them) from a text. */
export function scrubber(secrets: readonly string[]): (text: string) => string {
  const known = [
    ...new Set(
      secrets.filter((s) => s.length >= MIN_SECRET_LENGTH).flatMap((s) => [s, JSON.stringify(s).slice(1, -1)]),
    ),
  ];
  // Longest first, so a secret that contains another is removed whole.
  const exact = known.length
    ? new RegExp(
        known
          .sort((a, b) => b.length - a.length)
          .map(escapeRegExp)
          .join("|"),
        "g",
      )
    : null;
  return (text) => {
    let out = exact ? text.replace(exact, REDACTED) : text;
    for (const [shape, replacement] of CREDENTIAL_SHAPES) out = out.replace(shape, replacement);
    return out;
  };
}

/**
 * An error as logged: its type, message, stack (with causes), `code` and `status`. pino's own serializer
 * copies every enumerable field, and vendor clients put the whole answer there (jira.js `body`), which
 * can echo a token; the job's failure reason is kept in the outbox for the rest.
 */
export function errorForLog(error: unknown): unknown {
  const serialized = pino.stdSerializers.err(error as Error) as unknown as Record<string, unknown>;
  if (serialized === error || typeof serialized !== "object" || serialized === null) return error;
  const { type, message, stack, code, status } = serialized;
  return {
    type,
    message,
    stack,
    ...(code !== undefined ? { code } : {}),
    ...(typeof status === "number" ? { status } : {}),
  };
}

export interface LoggerOptions {
  /** Values that must never be written (the configured tokens and secrets). */
  readonly secrets?: readonly string[];
  /** Where the JSON lines go; stdout by default. */
  readonly destination?: DestinationStream;
}

/** JSON logs on stdout (pino); `level` comes from config. No line carries a credential (docs/security.md). */
export function createLogger(level: string, options: LoggerOptions = {}): Logger {
  const scrub = scrubber(options.secrets ?? []);
  const settings = {
    level,
    base: { service: "firewatch" },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: REDACT_PATHS, censor: REDACTED },
    serializers: { err: errorForLog },
    // The last net: whatever a log call was given, the line written holds no secret.
    hooks: { streamWrite: scrub },
  };
  return options.destination ? pino(settings, options.destination) : pino(settings);
}
