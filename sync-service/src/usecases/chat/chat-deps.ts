// What the chat actions share: their job names, dependencies, the channel record and the mirroring of messages.
import { randomUUID } from "node:crypto";
import type { ChatMessage } from "../../domain/chat-message.ts";
import { chatSourceId, mirroredEntry, shouldMirror } from "../../domain/chat-mirror.ts";
import {
  channelName,
  DEFAULT_CONVERSATION,
  type IncidentChannel,
  type MirrorPolicy,
} from "../../domain/conversation.ts";
import type { Incident } from "../../domain/incident.ts";
import type { ChatPort } from "../../ports/chat-port.ts";
import type { Jobs } from "../../ports/jobs.ts";
import type { TicketPorts } from "../../ports/ticket-port.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";
import type { UseCaseDeps } from "../shared/deps.ts";

export const CHAT_SYNC_TASK = "chat.sync";
export const CHAT_INBOUND_TASK = "chat.inbound";
/** The integration name in GET /api/integrations. */
export const CHAT_INTEGRATION = "slack";

export interface ChatDeps extends UseCaseDeps {
  readonly chat: ChatPort;
  /** Base of links back to incidents. */
  readonly publicUrl: string;
  /** For issue links in the summary: each tenant's Jira site. */
  readonly tickets?: TicketPorts;
}

/**
 * Queues the channel's catch-up: create it if the incident qualifies, invite people, refresh the
 * pinned summary and post new announcements, in order. One job per incident waits at a time.
 */
export async function conversationChanged(tx: { jobs: Jobs }, incidentId: string): Promise<void> {
  await tx.jobs.enqueue({ task: CHAT_SYNC_TASK, key: `chat_sync:${incidentId}`, payload: { incidentId } });
}

export interface ChannelView {
  readonly channel: IncidentChannel;
  /** The mirroring in force: the incident's own, or its service's. */
  readonly policy: MirrorPolicy;
}

/** The incident's own mirroring, else its service's. */
export async function effectivePolicy(tx: Transaction, channel: IncidentChannel): Promise<MirrorPolicy> {
  if (channel.mirror) return channel.mirror;
  const incident = await tx.incidents.get(channel.incidentId);
  const service = incident?.serviceId ? await tx.services.get(incident.serviceId) : null;
  const c = service?.conversation ?? DEFAULT_CONVERSATION;
  return { mode: c.mode, reaction: c.reaction };
}

/** The record of a channel not yet created in the chat. */
export function newChannelRow(incident: Incident, now: Date): IncidentChannel {
  return {
    incidentId: incident.id,
    channelId: null,
    channelName: channelName(incident.number, incident.title, incident.drill),
    mirror: null,
    summaryTs: null,
    summaryRevision: 0,
    invited: [],
    lastError: null,
    createdAt: now,
    readyAt: null,
  };
}

/** Writes (or rewrites) the message's timeline entry when the policy wants it or it is on the timeline already. */
export async function mirrorMessage(
  tx: Transaction,
  message: ChatMessage,
  policy: MirrorPolicy,
  names: ReadonlyMap<string, string>,
): Promise<void> {
  const existing = await tx.timeline.findBySource(
    message.incidentId,
    "slack",
    chatSourceId(message.channelId, message.ts),
  );
  if (!existing && !shouldMirror(policy, message)) return;
  const known = new Map(names);
  for (const id of [message.userId, ...message.versions.map((v) => v.userId)]) {
    if (id && !known.has(id)) {
      const cached = await tx.conversations.userName(id);
      if (cached) known.set(id, cached);
    }
  }
  const entry = mirroredEntry(message, policy, existing?.id ?? null, known, randomUUID);
  if (entry) await tx.timeline.append(entry);
}
