// People acting in Slack: each action changes the workspace the way the Slack client would and hands the resulting
// event to the Events API side. Misuse (an unknown person, someone outside the channel, editing another person's
// message) throws: that is a broken test, not a Slack answer.
import { compareTs } from "./args.ts";
import { messageChangedEvent, messageDeletedEvent, messageEvent, pinEvent, reactionEvent } from "./event-payloads.ts";
import type { ActionResult } from "./events.ts";
import type { SlackChannel, StoredMessage } from "./types.ts";
import type { Workspace } from "./workspace.ts";

export type Publish = (
  channel: SlackChannel,
  event: Record<string, unknown>,
) => Promise<{ eventId: string | null; status: number | null }>;

export class People {
  constructor(
    private readonly ws: Workspace,
    private readonly publish: Publish,
  ) {}

  /** A message (or, with threadTs, a thread reply carrying thread_ts and parent_user_id). */
  async post(
    userId: string,
    channelId: string,
    text: string,
    options: { threadTs?: string } = {},
  ): Promise<ActionResult> {
    const channel = this.channelFor(userId, channelId);
    if (channel.isArchived) throw new Error(`slack emulator: ${channelId} is archived`);
    let threadTs: string | null = null;
    if (options.threadTs !== undefined) {
      const parent = this.message(channel, options.threadTs);
      threadTs = parent.threadTs ?? parent.ts;
    }
    const m = this.ws.post(channel, { user: userId, text, threadTs }, Date.now());
    return { ts: m.ts, ...(await this.publish(channel, messageEvent(this.ws, channel, m))) };
  }

  /** People edit only their own messages; the edit is recorded as `edited` and sent as message_changed. */
  async edit(userId: string, channelId: string, ts: string, text: string): Promise<ActionResult> {
    const channel = this.channelFor(userId, channelId);
    const m = this.message(channel, ts);
    if (m.user !== userId) throw new Error(`slack emulator: ${userId} cannot edit ${m.user}'s message ${ts}`);
    const previous = { ...m };
    const editTs = this.ws.nextTs();
    Object.assign(m, { text, edited: { user: userId, ts: editTs } });
    return { ts: m.ts, ...(await this.publish(channel, messageChangedEvent(this.ws, channel, m, previous, editTs))) };
  }

  /** Any message, the bot's included (workspace admins can delete others' messages); sent as message_deleted. */
  async delete(userId: string, channelId: string, ts: string): Promise<ActionResult> {
    const channel = this.channelFor(userId, channelId);
    const m = this.message(channel, ts);
    m.deleted = true;
    return { ts: m.ts, ...(await this.publish(channel, messageDeletedEvent(this.ws, channel, m, this.ws.nextTs()))) };
  }

  async pin(userId: string, channelId: string, ts: string): Promise<ActionResult> {
    const channel = this.channelFor(userId, channelId);
    const m = this.message(channel, ts);
    if (m.pin) throw new Error(`slack emulator: ${ts} is already pinned`);
    m.pin = { by: userId, created: Math.floor(Date.now() / 1000) };
    return {
      ts: m.ts,
      ...(await this.publish(channel, pinEvent(this.ws, "pin_added", channel, m, m.pin, userId, this.ws.nextTs()))),
    };
  }

  async unpin(userId: string, channelId: string, ts: string): Promise<ActionResult> {
    const channel = this.channelFor(userId, channelId);
    const m = this.message(channel, ts);
    const pin = m.pin;
    if (!pin) throw new Error(`slack emulator: ${ts} is not pinned`);
    m.pin = null;
    return {
      ts: m.ts,
      ...(await this.publish(channel, pinEvent(this.ws, "pin_removed", channel, m, pin, userId, this.ws.nextTs()))),
    };
  }

  async react(userId: string, channelId: string, ts: string, name: string): Promise<ActionResult> {
    const channel = this.channelFor(userId, channelId);
    const m = this.message(channel, ts);
    const reaction = m.reactions.find((r) => r.name === name);
    if (reaction?.users.includes(userId))
      throw new Error(`slack emulator: ${userId} already reacted :${name}: to ${ts}`);
    if (reaction) reaction.users.push(userId);
    else m.reactions.push({ name, users: [userId] });
    return {
      ts: m.ts,
      ...(await this.publish(channel, reactionEvent("reaction_added", channel, m, userId, name, this.ws.nextTs()))),
    };
  }

  async unreact(userId: string, channelId: string, ts: string, name: string): Promise<ActionResult> {
    const channel = this.channelFor(userId, channelId);
    const m = this.message(channel, ts);
    const reaction = m.reactions.find((r) => r.name === name);
    if (!reaction?.users.includes(userId)) throw new Error(`slack emulator: ${userId} has no :${name}: on ${ts}`);
    reaction.users = reaction.users.filter((u) => u !== userId);
    if (reaction.users.length === 0) m.reactions = m.reactions.filter((r) => r !== reaction);
    return {
      ts: m.ts,
      ...(await this.publish(channel, reactionEvent("reaction_removed", channel, m, userId, name, this.ws.nextTs()))),
    };
  }

  private channelFor(userId: string, channelId: string): SlackChannel {
    const user = this.ws.users.get(userId);
    if (!user || user.isBot) throw new Error(`slack emulator: no person ${userId}`);
    if (user.deleted) throw new Error(`slack emulator: ${userId} is deactivated`);
    const channel = this.ws.channels.get(channelId);
    if (!channel) throw new Error(`slack emulator: no channel ${channelId}`);
    if (!channel.members.has(userId))
      throw new Error(`slack emulator: ${userId} is not in ${channelId}; invite them first`);
    return channel;
  }

  private message(channel: SlackChannel, ts: string): StoredMessage {
    const m = this.ws.messages.find((x) => x.channel === channel.id && !x.deleted && compareTs(x.ts, ts) === 0);
    if (!m) throw new Error(`slack emulator: no message ${ts} in ${channel.id}`);
    return m;
  }
}
