// The pages: a Slack-like shell (the workspace's sidebar of channels and direct messages as one person sees them,
// with "Viewing as" to switch person) around a conversation, the list of all conversations, or an error.
import type { SlackChannel } from "../types.ts";
import type { Workspace } from "../workspace.ts";
import { markup, type Html } from "../../common/view/html.ts";
import { avatar, LOCK } from "./icons.ts";
import { conversations, displayName, people, title } from "./view-model.ts";

export const VIEW_PREFIX = "/_view";

// `at` is where the view is reached: `<base URL's path>/_view` ("/_view" on the emulator's own port,
// "/sandbox/slack/_view" where the demo mounts it); every href starts there.

export const conversationHref = (at: string, id: string, viewer: string | null): string =>
  `${at}/conversations/${encodeURIComponent(id)}${viewer ? `?as=${encodeURIComponent(viewer)}` : ""}`;

/** A DM shows the other person's avatar (the bot's, for the person it is with), a channel # or a lock. */
function glyph(ws: Workspace, c: SlackChannel, viewer: string | null): Html {
  if (c.user === null) return markup`<span class="glyph" aria-hidden="true">${c.isPrivate ? LOCK : "#"}</span>`;
  const other = [...c.members].find((m) => m !== (viewer ?? c.user)) ?? c.user;
  return markup`<span class="glyph">${avatar(ws, other, "small")}</span>`;
}

function convLinks(
  ws: Workspace,
  list: SlackChannel[],
  viewer: string | null,
  current: string | null,
  at: string,
): Html {
  const link = (c: SlackChannel) => {
    const here = c.id === current ? markup` aria-current="page"` : "";
    const icon = glyph(ws, c, viewer);
    return markup`<li><a href="${conversationHref(at, c.id, viewer ?? c.user ?? null)}"${here}>${icon}<span class="name">${title(ws, c, viewer)}</span></a></li>`;
  };
  return markup`<ul class="convs">${list.map(link)}</ul>`;
}

/** The sidebar: workspace name, who is looking (a menu of people to look as), channels, direct messages. */
export function sidebar(ws: Workspace, viewer: string | null, current: string | null, at: string): Html {
  const { channels, dms } = conversations(ws, viewer);
  const here = (id: string) => (current ? conversationHref(at, current, id) : `${at}/?as=${encodeURIComponent(id)}`);
  return markup`<nav class="sidebar" aria-label="Conversations">
    <div class="workspace">
      <p class="workspace-name">${ws.team.name}</p>
      <details class="viewer">
        <summary>${viewer ? markup`Viewing as ${displayName(ws, viewer)}` : "Viewing as nobody"}</summary>
        <ul>
          ${people(ws).map((u) => markup`<li><a href="${here(u.id)}">${u.realName}</a></li>`)}
          <li><a href="${at}/">All conversations</a></li>
        </ul>
      </details>
    </div>
    <h2>Channels</h2>
    ${convLinks(ws, channels, viewer, current, at)}
    <h2>Direct messages</h2>
    ${convLinks(ws, dms, viewer, current, at)}
  </nav>`;
}

/** A whole document; the stylesheet is the only thing it loads. */
export function documentHtml(pageTitle: string, nav: Html, main: Html, at: string): string {
  return markup`<!doctype html>
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${pageTitle}</title>
        <link rel="stylesheet" href="${at}/view.css" />
      </head>
      <body>
        <div class="app">${nav}${main}</div>
      </body>
    </html>`.value;
}

/** Every conversation of the workspace with its members and message count, each opened as its first person. */
export function indexMain(ws: Workspace, viewer: string | null, at: string): Html {
  const { channels, dms } = conversations(ws, viewer);
  const row = (c: SlackChannel) => {
    const count = ws.messages.filter((m) => m.channel === c.id && !m.deleted).length;
    const kind = c.user !== null ? "Direct message" : c.isPrivate ? "Private channel" : "Channel";
    const members = [...c.members].map((m) => displayName(ws, m)).sort();
    const as = viewer ?? c.user ?? [...c.members].find((m) => people(ws).some((u) => u.id === m)) ?? null;
    return markup`<tr>
      <td><a href="${conversationHref(at, c.id, as)}">${c.user === null ? "#" : ""}${title(ws, c, viewer)}</a></td>
      <td>${kind}${c.isArchived ? " (archived)" : ""}</td>
      <td>${members.join(", ")}</td>
      <td>${count}</td>
    </tr>`;
  };
  return markup`<main class="main page">
    <h1>Conversations in ${ws.team.name}</h1>
    <table>
      <caption class="visually-hidden">
        Conversations
      </caption>
      <thead>
        <tr>
          <th scope="col">Conversation</th>
          <th scope="col">Kind</th>
          <th scope="col">Members</th>
          <th scope="col">Messages</th>
        </tr>
      </thead>
      <tbody>
        ${[...channels, ...dms].map(row)}
      </tbody>
    </table>
  </main>`;
}

export function errorMain(heading: string, message: string, at: string): Html {
  return markup`<main class="main page">
    <h1>${heading}</h1>
    <p>${message}</p>
    <p><a href="${at}/">All conversations</a></p>
  </main>`;
}
