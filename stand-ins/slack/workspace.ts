// The emulated workspace: its people, conversations, who is in them, and every message posted into them — by people
// and by the bot alike (one list, ordered by ts).
import { performance } from "node:perf_hooks";
import type { EphemeralMessage, MessageMetadata, SlackChannel, SlackUser, StoredMessage } from "./types.ts";

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

/** #general: every active person is in it, and so is the bot (it was added when the app was installed). */
export const SEED_CHANNELS: readonly { id: string; name: string }[] = [{ id: "C0GENERAL", name: "general" }];

export interface NewChannel {
  name: string;
  isPrivate?: boolean;
  /** People in it (default: nobody). */
  members?: readonly string[];
  /** Whether the bot is a member (default true). */
  botMember?: boolean;
  creator?: string | null;
}

export interface NewMessage {
  user: string;
  text: string | null;
  blocks?: unknown[] | null;
  threadTs?: string | null;
  metadata?: MessageMetadata | null;
  bot?: boolean;
  viaApi?: boolean;
}

export class Workspace {
  readonly users = new Map<string, SlackUser>();
  readonly channels = new Map<string, SlackChannel>();
  /** Every message of every conversation, oldest first. */
  readonly messages: StoredMessage[] = [];
  readonly ephemerals: EphemeralMessage[] = [];
  private readonly dmByUser = new Map<string, string>();
  private dmSeq = 0;
  private channelSeq = 0;
  private lastMicros = 0;

  constructor(
    readonly team: TeamInfo,
    users: readonly SlackUser[],
  ) {
    const created = Math.floor(Date.now() / 1000);
    for (const c of SEED_CHANNELS)
      this.channels.set(c.id, {
        id: c.id,
        user: null,
        name: c.name,
        created,
        isArchived: false,
        isPrivate: false,
        isGeneral: true,
        creator: null,
        members: new Set([BOT.userId]),
      });
    for (const u of [{ id: BOT.userId, name: BOT.name, realName: "Firewatch", isBot: true }, ...users]) this.addUser(u);
  }

  addUser(user: SlackUser): void {
    if (!/^[UW][A-Z0-9]+$/.test(user.id)) throw new Error(`slack emulator: user ids look like U0ALICE, not ${user.id}`);
    this.users.set(user.id, { ...user });
    if (user.deleted || user.isBot) return;
    for (const c of this.channels.values()) if (c.isGeneral) c.members.add(user.id);
  }

  /**
   * A message ts: "<unix seconds>.<6-digit microseconds>", from the clock, strictly increasing across the workspace
   * (so unique per channel: "ts is the unique (per-channel) timestamp", https://api.slack.com/events/message).
   */
  nextTs(): string {
    const clock = Math.floor((performance.timeOrigin + performance.now()) * 1000);
    this.lastMicros = Math.max(clock, this.lastMicros + 1);
    return `${Math.floor(this.lastMicros / 1e6)}.${String(this.lastMicros % 1e6).padStart(6, "0")}`;
  }

  createChannel(spec: NewChannel, now: number): SlackChannel {
    const id = `C0CH${String(++this.channelSeq).padStart(5, "0")}`;
    const members = new Set(spec.members ?? []);
    if (spec.botMember ?? true) members.add(BOT.userId);
    const channel: SlackChannel = {
      id,
      user: null,
      name: spec.name,
      created: Math.floor(now / 1000),
      isArchived: false,
      isPrivate: spec.isPrivate ?? false,
      isGeneral: false,
      creator: spec.creator ?? null,
      members,
    };
    this.channels.set(id, channel);
    return channel;
  }

  channelByName(name: string): SlackChannel | undefined {
    return [...this.channels.values()].find((c) => c.name === name);
  }

  /** Opens (or finds) the bot's DM with a person, as conversations.open does. */
  openDm(userId: string, now: number): { channel: SlackChannel; alreadyOpen: boolean } {
    const existing = this.dmByUser.get(userId);
    if (existing) return { channel: this.channels.get(existing)!, alreadyOpen: true };
    const channel: SlackChannel = {
      id: `D0DM${String(++this.dmSeq).padStart(5, "0")}`,
      user: userId,
      name: null,
      created: Math.floor(now / 1000),
      isArchived: false,
      isPrivate: true,
      isGeneral: false,
      creator: null,
      members: new Set([BOT.userId, userId]),
    };
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
    return this.channelByName(ref.replace(/^#/, ""));
  }

  /**
   * A conversation as the bot token sees it: private channels and DMs it is not in do not exist for it
   * (Slack answers channel_not_found for them).
   */
  visibleToBot(id: string | undefined): SlackChannel | undefined {
    const c = id === undefined ? undefined : this.channels.get(id);
    if (!c || (c.isPrivate && !c.members.has(BOT.userId))) return undefined;
    return c;
  }

  post(channel: SlackChannel, m: NewMessage, now: number): StoredMessage {
    const message: StoredMessage = {
      channel: channel.id,
      ts: this.nextTs(),
      user: m.user,
      botId: m.bot ? BOT.botId : null,
      appId: m.bot ? BOT.appId : null,
      text: m.text,
      blocks: m.blocks ?? null,
      threadTs: m.threadTs ?? null,
      metadata: m.metadata ?? null,
      edited: null,
      pin: null,
      reactions: [],
      deleted: false,
      viaApi: m.viaApi ?? false,
      postedAt: now,
    };
    this.messages.push(message);
    return message;
  }

  /** A message that has not been deleted. */
  findMessage(channelId: string, ts: string): StoredMessage | undefined {
    return this.messages.find((m) => m.channel === channelId && m.ts === ts && !m.deleted);
  }

  /** Live replies to a thread parent, oldest first. */
  replies(channelId: string, parentTs: string): StoredMessage[] {
    return this.messages.filter((m) => m.channel === channelId && m.threadTs === parentTs && !m.deleted);
  }

  pinCount(channelId: string): number {
    return this.messages.filter((m) => m.channel === channelId && m.pin && !m.deleted).length;
  }
}
