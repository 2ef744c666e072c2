// What the view's forms need: the refusal of anything but a same-origin urlencoded form of sane size, the person a
// form names, and a short wait for the app's answer to a click to show, since a page without scripts cannot update
// itself the way Slack's client does.
import type { IncomingMessage } from "node:http";
import type { SlackUser } from "../types.ts";
import type { Workspace } from "../workspace.ts";

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
/** Slack gives an app 3 seconds to answer an interaction; the view waits that long for the answer to show. */
const ANSWER_WAIT_MS = 3_000;

/** The form fields. @throws ViewError 403 (another origin), 415 (not a urlencoded form), 413 (too large) */
export async function readForm(req: IncomingMessage, baseUrl: string): Promise<URLSearchParams> {
  const origin = req.headers.origin;
  const site = req.headers["sec-fetch-site"];
  if ((origin !== undefined && origin !== new URL(baseUrl).origin) || (site !== undefined && site !== "same-origin"))
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

/** An active person of the workspace. @throws ViewError 404 */
export function personFor(ws: Workspace, id: string): SlackUser {
  const user = ws.users.get(id);
  if (!user || user.isBot || user.deleted)
    throw new ViewError(404, "No such person", `The workspace has no active person ${id}.`);
  return user;
}

/**
 * Notes how the conversation looks now; the returned wait resolves once the app changed something the viewer sees
 * (the clicked message rewritten or deleted, a new message, an ephemeral answer), or after ANSWER_WAIT_MS.
 */
export function answerWatch(ws: Workspace, channelId: string, ts: string, viewer: string): () => Promise<void> {
  const state = () => {
    const m = ws.findMessage(channelId, ts);
    const posted = ws.messages.filter((x) => x.channel === channelId).length;
    const ephemeral = ws.ephemerals.filter((e) => e.channel === channelId && e.user === viewer).length;
    return `${m ? (m.edited?.ts ?? "live") : "gone"}|${posted}|${ephemeral}`;
  };
  const before = state();
  return async () => {
    const until = Date.now() + ANSWER_WAIT_MS;
    while (Date.now() < until && state() === before) await new Promise((resolve) => setTimeout(resolve, 50));
  };
}
