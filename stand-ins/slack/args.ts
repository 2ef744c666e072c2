// Reading method arguments the way Slack does: form bodies carry every value as a string (objects and arrays as
// URL-encoded JSON), JSON bodies carry real types. https://docs.slack.dev/apis/web-api#posting_json
import { validateBlocks } from "./blocks.ts";
import { SlackMethodError, type MessageMetadata } from "./types.ts";

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export const str = (v: unknown): string | undefined =>
  typeof v === "string" && v !== "" ? v : typeof v === "number" ? String(v) : undefined;
export const bool = (v: unknown): boolean => v === true || v === "true" || v === "1" || v === 1;

/** A JSON value that may arrive as a JSON string (form body) or as itself (JSON body); `error` when it does not parse. */
function jsonArg(v: unknown, error: string): unknown {
  if (typeof v !== "string") return v;
  try {
    return JSON.parse(v);
  } catch {
    throw new SlackMethodError(error);
  }
}

/** `blocks` is a JSON array in a JSON body, and "a JSON-based array … presented as a URL-encoded string" in a form body. */
export function parseBlocks(v: unknown): unknown[] | null {
  if (v === undefined || v === "") return null;
  const parsed = jsonArg(v, "invalid_blocks_format");
  if (!Array.isArray(parsed)) throw new SlackMethodError("invalid_blocks_format");
  const errors = validateBlocks(parsed);
  if (errors.length > 0)
    throw new SlackMethodError("invalid_blocks", {
      errors,
      response_metadata: { messages: errors.map((e) => `[ERROR] ${e}`) },
    });
  return parsed;
}

/**
 * `metadata`: "JSON object with event_type and event_payload fields, presented as a URL-encoded string" in a form body.
 * Errors invalid_metadata_format / invalid_metadata_schema: https://docs.slack.dev/reference/methods/chat.postMessage#errors
 * Shape: https://docs.slack.dev/messaging/message-metadata
 */
export function parseMetadata(v: unknown): MessageMetadata | null {
  if (v === undefined || v === "") return null;
  const parsed = jsonArg(v, "invalid_metadata_format");
  if (!isObj(parsed)) throw new SlackMethodError("invalid_metadata_format");
  if (typeof parsed.event_type !== "string" || parsed.event_type === "" || !isObj(parsed.event_payload))
    throw new SlackMethodError("invalid_metadata_schema");
  return { event_type: parsed.event_type, event_payload: parsed.event_payload };
}

/** A positive integer argument, or undefined when absent; `error` when it is not one. */
export function positiveInt(v: unknown, error: string): number | undefined {
  if (v === undefined || v === "") return undefined;
  const n = typeof v === "number" ? v : Number(v);
  if (!Number.isInteger(n) || n < 0) throw new SlackMethodError(error);
  return n;
}

/**
 * Cursors are opaque base64 strings; Slack's own decode to e.g. "next_ts:1512085861000543" (conversations.history)
 * or "team:C061FA5PB" (conversations.list). https://docs.slack.dev/apis/web-api/pagination
 */
export const encodeCursor = (kind: string, value: string): string => Buffer.from(`${kind}:${value}`).toString("base64");

export function decodeCursor(v: unknown, kind: string): string | undefined {
  const cursor = str(v);
  if (cursor === undefined) return undefined;
  const decoded = Buffer.from(cursor, "base64").toString("utf8");
  if (!decoded.startsWith(`${kind}:`) || decoded.length === kind.length + 1)
    throw new SlackMethodError("invalid_cursor");
  return decoded.slice(kind.length + 1);
}

/** A message timestamp argument ("1512085950.000216", or a plain number of seconds). */
export function tsArg(v: unknown, error: string): string | undefined {
  const s = str(v);
  if (s === undefined) return undefined;
  if (!/^\d+(\.\d+)?$/.test(s)) throw new SlackMethodError(error);
  return s;
}

/** Compares two ts strings numerically ("1.5" vs "1.000500" included). */
export function compareTs(a: string, b: string): number {
  const [as = "0", af = ""] = a.split(".");
  const [bs = "0", bf = ""] = b.split(".");
  const sec = BigInt(as) - BigInt(bs);
  if (sec !== 0n) return sec < 0n ? -1 : 1;
  const width = Math.max(af.length, bf.length, 6);
  const x = af.padEnd(width, "0");
  const y = bf.padEnd(width, "0");
  return x === y ? 0 : x < y ? -1 : 1;
}
