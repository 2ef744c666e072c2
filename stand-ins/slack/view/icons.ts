// What people and conversations look like without loading anything: avatars as coloured squares with initials (the
// bot's in Firewatch's own colour), and a few inline SVG icons (no emoji font is needed to see them).
import type { Workspace } from "../workspace.ts";
import { markup, trusted, type Html } from "../../common/view/html.ts";
import { AVATAR_COLOURS, BOT_COLOUR } from "./styles.ts";

/** A person's avatar, large in a message, small in the sidebar. Decorative: their name is always beside it. */
export function avatar(ws: Workspace, userId: string, size: "large" | "small" = "large"): Html {
  const user = ws.users.get(userId);
  const initials = (user?.realName ?? userId)
    .split(/\s+/)
    .map((w) => w.slice(0, 1))
    .join("")
    .slice(0, 2)
    .toUpperCase();
  const hash = [...userId].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7);
  const colour = user?.isBot ? BOT_COLOUR : AVATAR_COLOURS[hash % AVATAR_COLOURS.length]!;
  const text = size === "small" ? initials.slice(0, 1) : initials;
  return markup`<span class="avatar ${size} avatar-${colour.slice(1)}" aria-hidden="true">${text}</span>`;
}

const icon = (path: string) =>
  trusted(
    `<svg class="icon" viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false"><path fill="currentColor" d="${path}"/></svg>`,
  );

export const LOCK = icon("M4 7V5a4 4 0 0 1 8 0v2h1v8H3V7h1zm2 0h4V5a2 2 0 0 0-4 0v2z");
export const PIN = icon("M10 1l5 5-1.5.5L10 10l.5 3.5L9 15l-3-3-4 4-1-1 4-4-3-3 1.5-1.5L6 6l3.5-3.5z");
export const EYE = icon(
  "M8 3C4 3 1.3 5.7 0 8c1.3 2.3 4 5 8 5s6.7-2.7 8-5c-1.3-2.3-4-5-8-5zm0 8a3 3 0 1 1 0-6 3 3 0 0 1 0 6z",
);
