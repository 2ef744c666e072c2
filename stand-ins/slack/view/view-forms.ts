// What the view's forms need besides common/view/forms.ts: the person a form names, and a short wait for the app's
// answer to a click to show, since a page without scripts cannot update itself the way Slack's client does.
import { ViewError } from "../../common/view/forms.ts";
import type { SlackUser } from "../types.ts";
import type { Workspace } from "../workspace.ts";

/** Slack gives an app 3 seconds to answer an interaction; the view waits that long for the answer to show. */
const ANSWER_WAIT_MS = 3_000;

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
