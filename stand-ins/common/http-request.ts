// Reading a request the way every emulator needs it: the whole body, JSON when the Content-Type says so
// (with the vendor's own words for a body that does not parse), HTTP Basic credentials (Atlassian's
// email + API token), and the query string as a record for the request log.
import type { IncomingMessage } from "node:http";

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** `raw` as JSON when `contentType` says JSON; `parseError` is `describe(reason)` for a body that is not. */
export function parseJsonBody(
  raw: string,
  contentType: string | undefined,
  describe: (reason: string) => string,
): { body: unknown; parseError?: string } {
  if (raw === "") return { body: undefined };
  if (!contentType?.includes("json")) return { body: raw };
  try {
    return { body: JSON.parse(raw) };
  } catch (err) {
    return { body: raw, parseError: describe(err instanceof Error ? err.message : String(err)) };
  }
}

export function basicAuth(header: string | undefined): { email: string | null; token: string | null } {
  const m = /^Basic\s+(.+)$/i.exec(header ?? "");
  if (!m) return { email: null, token: null };
  const decoded = Buffer.from(m[1]!, "base64").toString("utf8");
  const colon = decoded.indexOf(":");
  return colon < 0
    ? { email: decoded, token: null }
    : { email: decoded.slice(0, colon), token: decoded.slice(colon + 1) };
}

export function queryRecord(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    out[key] = values.length === 1 ? values[0]! : values;
  }
  return out;
}
