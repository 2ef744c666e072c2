// What the view shows, read from the workspace: who is looking, which conversations they see and how they are named,
// and one conversation's history as that person sees it (their ephemeral messages included, in time order).
import { compareTs } from "../args.ts";
import type { EphemeralMessage, SlackChannel, SlackUser, StoredMessage } from "../types.ts";
import type { Workspace } from "../workspace.ts";
import type { Names } from "./mrkdwn.ts";

export type Entry = { kind: "message"; message: StoredMessage } | { kind: "ephemeral"; message: EphemeralMessage };

export const names = (ws: Workspace): Names => ({
  user: (id) => ws.users.get(id)?.realName,
  channel: (id) => ws.channels.get(id)?.name ?? undefined,
});

export const displayName = (ws: Workspace, userId: string): string => ws.users.get(userId)?.realName ?? userId;

/** People who can look: active, not the bot. */
export const people = (ws: Workspace): SlackUser[] => [...ws.users.values()].filter((u) => !u.isBot && !u.deleted);

/** A DM by the other members' names ("Firewatch" for Alice; "Alice Adams, Firewatch" for nobody in it); a channel by its name. */
export function title(ws: Workspace, c: SlackChannel, viewer: string | null): string {
  if (c.user === null) return c.name ?? c.id;
  return [...c.members]
    .filter((m) => m !== viewer)
    .map((m) => displayName(ws, m))
    .sort()
    .join(", ");
}

/** Whether `viewer` may look at the conversation: public channels to anyone, private ones and DMs to members. */
export const canSee = (c: SlackChannel, viewer: string | null): boolean =>
  !c.isPrivate || viewer === null || c.members.has(viewer);

/** The conversations a person sees (everyone's when nobody is looking): channels by name, then DMs. */
export function conversations(ws: Workspace, viewer: string | null): { channels: SlackChannel[]; dms: SlackChannel[] } {
  const seen = [...ws.channels.values()].filter((c) => canSee(c, viewer));
  const byTitle = (a: SlackChannel, b: SlackChannel) => title(ws, a, viewer).localeCompare(title(ws, b, viewer));
  return {
    channels: seen.filter((c) => c.user === null).sort(byTitle),
    dms: seen.filter((c) => c.user !== null).sort(byTitle),
  };
}

/** Who looks at a conversation when the address names nobody: the DM's person, else its first person. */
export function defaultViewer(ws: Workspace, c: SlackChannel): string | undefined {
  if (c.user !== null) return c.user;
  const active = people(ws);
  return (active.find((u) => c.members.has(u.id)) ?? active[0])?.id;
}

/** The history as `viewer` sees it: top-level messages (deleted ones gone) and their own ephemeral messages, by ts. */
export function history(ws: Workspace, c: SlackChannel, viewer: string): Entry[] {
  const entries: Entry[] = [
    ...ws.messages
      .filter((m) => m.channel === c.id && m.threadTs === null && !m.deleted)
      .map((message) => ({ kind: "message" as const, message })),
    ...ws.ephemerals
      .filter((m) => m.channel === c.id && m.user === viewer && m.threadTs === null)
      .map((message) => ({ kind: "ephemeral" as const, message })),
  ];
  return entries.sort((a, b) => compareTs(a.message.ts, b.message.ts));
}

/** Live replies under a message. */
export const replyCount = (ws: Workspace, m: StoredMessage): number => ws.replies(m.channel, m.ts).length;
