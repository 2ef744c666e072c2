// What every stand-in's page forms need: a page-level refusal (ViewError), and the refusal of anything but a
// same-origin urlencoded form of sane size. "Same origin" is the stand-in's own base URL or the host the browser
// asked for: a sandbox opened as http://localhost:3000 (or from a phone on the LAN) posts with that Origin, not
// the 127.0.0.1 base URL the stand-in was started with.
import type { IncomingMessage } from "node:http";

/** A page-level refusal: its status, a heading and a sentence naming what to fix. */
export class ViewError extends Error {
  constructor(
    readonly status: number,
    readonly heading: string,
    message: string,
  ) {
    super(message);
  }
}

/** Enough for a 40,000-character message, percent-encoded. */
const MAX_FORM_BYTES = 512 * 1024;

function sameOrigin(req: IncomingMessage, origin: string, baseUrl: string): boolean {
  if (origin === new URL(baseUrl).origin) return true;
  const host = req.headers.host;
  return host !== undefined && (origin === `http://${host}` || origin === `https://${host}`);
}

/** The form fields. @throws ViewError 403 (another origin), 415 (not a urlencoded form), 413 (too large) */
export async function readForm(req: IncomingMessage, baseUrl: string): Promise<URLSearchParams> {
  const origin = req.headers.origin;
  const site = req.headers["sec-fetch-site"];
  if ((origin !== undefined && !sameOrigin(req, origin, baseUrl)) || (site !== undefined && site !== "same-origin"))
    throw new ViewError(403, "Refused", "The view takes forms from its own pages only.");
  const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded")
    throw new ViewError(415, "Not a form", "Send application/x-www-form-urlencoded, as the page's forms do.");
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_FORM_BYTES) throw new ViewError(413, "Too large", `A form is at most ${MAX_FORM_BYTES} bytes.`);
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString("utf8"));
}
