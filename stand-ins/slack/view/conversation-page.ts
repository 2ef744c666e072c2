// One conversation as one person sees it in Slack: its name and members on top, the history anchored at the bottom
// (newest last, scrolled there without a script), a note when the app refused a click, and the composer.
import type { SlackChannel } from "../types.ts";
import type { Workspace } from "../workspace.ts";
import { markup, type Html } from "../../common/view/html.ts";
import { LOCK } from "./icons.ts";
import { historyHtml, zoneOf } from "./messages-html.ts";
import { displayName, history, names, title } from "./view-model.ts";

/** Why the last click did not go through, as Slack would tell the person. */
export function clickNotice(status: string | null): string | null {
  if (status === null || !/^\d{1,3}$/.test(status)) return null;
  return status === "0"
    ? "The app did not answer in time; Slack would show this click as failed."
    : `The app answered HTTP ${status}; Slack would show this click as failed.`;
}

function intro(ws: Workspace, c: SlackChannel, viewer: string): Html {
  const name = title(ws, c, viewer);
  return c.user !== null
    ? markup`<div class="intro">
        <h2>${name}</h2>
        <p>This is the very beginning of your direct message history with <b>${name}</b>.</p>
      </div>`
    : markup`<div class="intro">
        <h2>#${name}</h2>
        <p>This is the very beginning of the <b>#${name}</b> channel.</p>
      </div>`;
}

function composer(ws: Workspace, c: SlackChannel, viewer: string, at: string): Html {
  const name = title(ws, c, viewer);
  if (c.isArchived) return markup`<p class="composer-off">You are viewing an archived channel.</p>`;
  if (!c.members.has(viewer))
    return markup`<p class="composer-off">${displayName(ws, viewer)} is not in #${name}, so cannot post here.</p>`;
  const label = c.user !== null ? `Message ${name}` : `Message #${name}`;
  const action = `${at}/conversations/${encodeURIComponent(c.id)}/messages`;
  return markup`<form class="composer" method="post" action="${action}">
    <input type="hidden" name="user" value="${viewer}">
    <label class="visually-hidden" for="composer-text">${label}</label>
    <textarea id="composer-text" name="text" rows="1" required maxlength="40000" placeholder="${label}"></textarea>
    <button class="btn primary" type="submit">Send</button>
  </form>`;
}

/** The main column for conversation `c` seen by `viewer`. */
export function conversationMain(
  ws: Workspace,
  c: SlackChannel,
  viewer: string,
  notice: string | null,
  at: string,
): Html {
  const name = title(ws, c, viewer);
  const heading = c.user !== null ? name : markup`${c.isPrivate ? LOCK : "#"} ${name}`;
  const members = [...c.members].map((m) => displayName(ws, m)).sort();
  const ctx = {
    ws,
    names: names(ws),
    viewer,
    timeZone: zoneOf(ws.users.get(viewer)?.tz),
    clickAction: `${at}/conversations/${encodeURIComponent(c.id)}/click`,
  };
  return markup`<main class="main">
    <header class="conv-header">
      <h1>${heading}</h1>
      <p>${members.length} members: ${members.join(", ")}</p>
    </header>
    <section class="history" aria-label="Messages" tabindex="0">
      <div>${intro(ws, c, viewer)}${historyHtml(ctx, history(ws, c, viewer))}</div>
    </section>
    ${notice ? markup`<p class="notice" role="status">${notice}</p>` : ""}${composer(ws, c, viewer, at)}
  </main>`;
}
