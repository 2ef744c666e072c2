import type { ChatMessage } from "../../domain/chat-message.ts";
import type { IncidentChannel, MirrorMode } from "../../domain/conversation.ts";
import type { ConversationRepository } from "../../ports/conversation-repository.ts";
import type { Prisma } from "./generated/client.ts";
import type * as db from "./generated/client.ts";

type Db = Prisma.TransactionClient;

function toChannel(row: db.IncidentChannel): IncidentChannel {
  return {
    incidentId: row.incidentId,
    channelId: row.channelId,
    channelName: row.channelName,
    mirror: row.mirrorMode ? { mode: row.mirrorMode as MirrorMode, reaction: row.mirrorReaction } : null,
    summaryTs: row.summaryTs,
    summaryRevision: row.summaryRevision,
    invited: row.invited as string[],
    lastError: row.lastError,
    createdAt: row.createdAt,
    readyAt: row.readyAt,
  };
}

function fromChannel(c: IncidentChannel) {
  return {
    incidentId: c.incidentId,
    channelId: c.channelId,
    channelName: c.channelName,
    mirrorMode: c.mirror?.mode ?? null,
    mirrorReaction: c.mirror?.reaction ?? null,
    summaryTs: c.summaryTs,
    summaryRevision: c.summaryRevision,
    invited: [...c.invited],
    lastError: c.lastError,
    createdAt: c.createdAt,
    readyAt: c.readyAt,
  };
}

export function toMessage(row: db.ChatMessage): ChatMessage {
  return {
    channelId: row.channelId,
    ts: row.ts,
    incidentId: row.incidentId,
    userId: row.userId,
    text: row.text,
    threadTs: row.threadTs,
    versions: row.versions as unknown as ChatMessage["versions"],
    pinned: row.pinned,
    pinTs: row.pinTs,
    reactions: row.reactions as unknown as ChatMessage["reactions"],
    deletedTs: row.deletedTs,
  };
}

export function conversationRepository(db: Db): ConversationRepository {
  return {
    async channelOf(incidentId) {
      const row = await db.incidentChannel.findUnique({ where: { incidentId } });
      return row && toChannel(row);
    },
    async channelById(channelId) {
      const row = await db.incidentChannel.findUnique({ where: { channelId } });
      return row && toChannel(row);
    },
    async insertChannel(channel) {
      await db.incidentChannel.createMany({ data: [fromChannel(channel)], skipDuplicates: true });
      return toChannel(await db.incidentChannel.findUniqueOrThrow({ where: { incidentId: channel.incidentId } }));
    },
    async updateChannel(incidentId, c) {
      const data = {
        ...(c.channelId !== undefined ? { channelId: c.channelId } : {}),
        ...(c.channelName !== undefined ? { channelName: c.channelName } : {}),
        ...(c.mirror !== undefined
          ? { mirrorMode: c.mirror?.mode ?? null, mirrorReaction: c.mirror?.reaction ?? null }
          : {}),
        ...(c.summaryTs !== undefined ? { summaryTs: c.summaryTs } : {}),
        ...(c.summaryRevision !== undefined ? { summaryRevision: c.summaryRevision } : {}),
        ...(c.invited !== undefined ? { invited: [...c.invited] } : {}),
        ...(c.lastError !== undefined ? { lastError: c.lastError } : {}),
        ...(c.readyAt !== undefined ? { readyAt: c.readyAt } : {}),
      };
      await db.incidentChannel.update({ where: { incidentId }, data });
    },
    async lockMessage(channelId, ts) {
      // Both the lock and the read: an advisory lock covers a message that has no row yet.
      await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${`chat:${channelId}:${ts}`}, 0))`;
      const row = await db.chatMessage.findUnique({ where: { channelId_ts: { channelId, ts } } });
      return row && toMessage(row);
    },
    async saveMessage(m) {
      const data = {
        incidentId: m.incidentId,
        userId: m.userId,
        text: m.text,
        threadTs: m.threadTs,
        versions: m.versions as unknown as Prisma.InputJsonArray,
        pinned: m.pinned,
        pinTs: m.pinTs,
        reactions: m.reactions as unknown as Prisma.InputJsonObject,
        deletedTs: m.deletedTs,
      };
      await db.chatMessage.upsert({
        where: { channelId_ts: { channelId: m.channelId, ts: m.ts } },
        create: { channelId: m.channelId, ts: m.ts, ...data },
        update: data,
      });
    },
    async messagesOf(incidentId) {
      return (await db.chatMessage.findMany({ where: { incidentId }, orderBy: { ts: "asc" } })).map(toMessage);
    },
    async userName(userId) {
      return (await db.chatUser.findUnique({ where: { id: userId } }))?.name ?? null;
    },
    async saveUserName(id, name, at) {
      await db.chatUser.upsert({ where: { id }, create: { id, name, fetchedAt: at }, update: { name, fetchedAt: at } });
    },
  };
}
