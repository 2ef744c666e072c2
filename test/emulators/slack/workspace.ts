// The emulated workspace: its people, conversations and the messages posted into them.
import type { PostedMessage, SlackChannel, SlackUser } from "./types.ts";

export interface TeamInfo {
  id: string;
  name: string;
  /** slack.com subdomain: auth.test answers url https://<domain>.slack.com/ */
  domain: string;
}

export const DEFAULT_TEAM: TeamInfo = { id: "T0FIREWATCH", name: "Firewatch", domain: "firewatch" };

/** The app's bot user, identified by the bot token (auth.test tells who "you" are). */
export const BOT = { userId: "U0FWBOT", name: "firewatch", botId: "B0FWBOT", appId: "A0FIREWATCH" } as const;

export const SEED_USERS: readonly SlackUser[] = [
  { id: "U0ALICE", name: "alice", realName: "Alice Adams", email: "alice@example.com", tz: "Europe/London" },
  { id: "U0BOB", name: "bob", realName: "Bob Brown", email: "bob@example.com", tz: "America/New_York" },
  { id: "U0CAROL", name: "carol", realName: "Carol Chen", email: "carol@example.com", tz: "Asia/Singapore" },
  { id: "U0ERIN", name: "erin", realName: "Erin Evans", email: "erin@example.com", tz: "Europe/Berlin", deleted: true },
];

export const SEED_CHANNELS: readonly { id: string; name: string }[] = [{ id: "C0GENERAL", name: "general" }];

export class Workspace {
  readonly users = new Map<string, SlackUser>();
  readonly channels = new Map<string, SlackChannel>();
  readonly messages: PostedMessage[] = [];
  private readonly dmByUser = new Map<string, string>();
  private dmSeq = 0;
  private tsSeq = 0;

  constructor(
    readonly team: TeamInfo,
    users: readonly SlackUser[],
  ) {
    for (const u of [{ id: BOT.userId, name: BOT.name, realName: "Firewatch", isBot: true }, ...users]) this.addUser(u);
    const created = Math.floor(Date.now() / 1000);
    for (const c of SEED_CHANNELS) this.channels.set(c.id, { id: c.id, user: null, name: c.name, created, isArchived: false });
  }

  addUser(user: SlackUser): void {
    if (!/^[UW][A-Z0-9]+$/.test(user.id)) throw new Error(`slack emulator: user ids look like U0ALICE, not ${user.id}`);
    this.users.set(user.id, { ...user });
  }

  /** Opens (or finds) the bot's DM with a person, as conversations.open does. */
  openDm(userId: string, now: number): { channel: SlackChannel; alreadyOpen: boolean } {
    const existing = this.dmByUser.get(userId);
    if (existing) return { channel: this.channels.get(existing)!, alreadyOpen: true };
    const channel: SlackChannel = { id: `D0DM${String(++this.dmSeq).padStart(5, "0")}`, user: userId, name: null, created: Math.floor(now / 1000), isArchived: false };
    this.channels.set(channel.id, channel);
    this.dmByUser.set(userId, channel.id);
    return { channel, alreadyOpen: false };
  }

  /**
   * chat.postMessage's `channel`: a conversation id, a channel name ("#general" or "general"), or a user id, which
   * posts to the app's DM with that person. https://docs.slack.dev/reference/methods/chat.postMessage#channels
   */
  resolveChannel(ref: string, now: number): SlackChannel | undefined {
    const byId = this.channels.get(ref);
    if (byId) return byId;
    const user = this.users.get(ref);
    if (user && !user.deleted && !user.isBot) return this.openDm(user.id, now).channel;
    const name = ref.replace(/^#/, "");
    return [...this.channels.values()].find((c) => c.name === name);
  }

  /** Stores a message; `ts` is unique per workspace and increasing, like Slack's "<seconds>.<sequence>". */
  post(channel: SlackChannel, text: string | null, blocks: unknown[] | null, now: number): PostedMessage {
    const ts = `${Math.floor(now / 1000)}.${String(++this.tsSeq).padStart(6, "0")}`;
    const message: PostedMessage = { channel: channel.id, user: channel.user, text, blocks, ts, postedAt: now };
    this.messages.push(message);
    return message;
  }
}
