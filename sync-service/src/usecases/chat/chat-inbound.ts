import { STANDALONE_TENANT_ID } from "../../domain/tenant-settings.ts";
import { randomUUID } from "node:crypto";
import { recordIncidentChange } from "../incidents/fan-out.ts";
import { applyChatEvent, type ChatEvent, type ChatMessage } from "../../domain/chat-message.ts";
import { chatSourceId, chatTimelineEntry, shouldMirror } from "../../domain/chat-mirror.ts";
import type { IncidentChannel, MirrorPolicy } from "../../domain/conversation.ts";
import type { Principal } from "../../domain/principal.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";
import { effectivePolicy } from "./channel-settings.ts";
import { isIntegrationError } from "../../ports/integration-errors.ts";
import { CHAT_INBOUND_TASK, CHAT_INTEGRATION, type ChatDeps } from "./chat-deps.ts";
import { withIntegrationHealth } from "../shared/integration-health.ts";
import type { IntakeDeps, UseCaseDeps } from "../shared/deps.ts";
import { ForbiddenUseCaseError, NotFoundUseCaseError } from "../shared/errors.ts";
import { findIncident } from "../shared/find-incident.ts";
import { hasRole } from "../../domain/principal.ts";

/**
 * Records a chat event delivery and queues it, in one transaction, before the 2xx. Deliveries are keyed
 * by the chat's event id, which its retries keep. @returns false for a delivery seen before
 */
export async function recordChatDelivery(deps: IntakeDeps, eventId: string, payload: unknown): Promise<boolean> {
  // The intake path (as for alert events): one round trip to record, the job enqueued with the commit.
  return deps.intake.run(async (tx) => {
    if (!(await tx.inbox.record("slack", eventId, payload))) return false;
    await tx.jobs.enqueue({ task: CHAT_INBOUND_TASK, key: `slack_event:${eventId}`, payload: { eventId } });
    return true;
  });
}

/** The people an event names, so their display names can be fetched before the transaction. */
function peopleOf(event: ChatEvent): string[] {
  const ids = ["userId" in event ? event.userId : event.message?.userId];
  return ids.filter((id): id is string => typeof id === "string");
}

// Caches in front of the database, one set per running service (keyed by its unit of work, so two
// services in one process never share them): display names change rarely (a stale one lasts minutes),
// and a channel, once an incident's, stays that incident's. Only found channels are cached.
const NAME_TTL_MS = 10 * 60_000;
const CACHE_LIMIT = 10_000;
interface Caches {
  readonly names: Map<string, { name: string; at: number }>;
  readonly channels: Map<string, string>;
}
const cachesByService = new WeakMap<object, Caches>();

function cachesOf(deps: UseCaseDeps): Caches {
  let caches = cachesByService.get(deps.uow);
  if (!caches) cachesByService.set(deps.uow, (caches = { names: new Map(), channels: new Map() }));
  return caches;
}

function remember<V>(cache: Map<string, V>, key: string, value: V): void {
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, value);
}

/** The incident whose channel this is, if any. */
async function incidentOfChannel(deps: UseCaseDeps, channelId: string): Promise<string | null> {
  const { channels } = cachesOf(deps);
  const cached = channels.get(channelId);
  if (cached) return cached;
  const found = await deps.uow.run((tx) => tx.conversations.channelById(channelId));
  if (found) remember(channels, channelId, found.incidentId);
  return found?.incidentId ?? null;
}

/** Display names from the caches, fetched from the chat (and cached) when unknown. */
async function resolveNames(deps: ChatDeps, userIds: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  const nameCache = cachesOf(deps).names;
  const now = deps.clock.now().getTime();
  for (const id of new Set(userIds)) {
    const hit = nameCache.get(id);
    if (hit && now - hit.at < NAME_TTL_MS) {
      names.set(id, hit.name);
      continue;
    }
    const cached = await deps.uow.run((tx) => tx.conversations.userName(id));
    if (cached) {
      names.set(id, cached);
      remember(nameCache, id, { name: cached, at: now });
      continue;
    }
    // The Slack workspace is configured once per deployment: its health is the standalone tenant's.
    const name = await withIntegrationHealth(deps, STANDALONE_TENANT_ID, CHAT_INTEGRATION, () =>
      // A person the chat cannot describe (deleted, from another workspace) keeps their id as name.
      deps.chat.userName(id).catch((error: unknown) => {
        if (isIntegrationError(error, "rejected")) return id;
        throw error;
      }),
    );
    await deps.uow.run((tx) => tx.conversations.saveUserName(id, name, deps.clock.now()));
    names.set(id, name);
    remember(nameCache, id, { name, at: now });
  }
  return names;
}

/**
 * Applies one event from an incident channel: the message's state is updated whatever the mirroring mode
 * (a later pin or reaction may bring it in), and its timeline entry is written when the policy wants it
 * or it is on the timeline already. Events about channels that are not incident channels are ignored.
 */
export async function applyChatEventToTimeline(deps: ChatDeps, event: ChatEvent): Promise<void> {
  const incidentId = await incidentOfChannel(deps, event.channelId);
  if (!incidentId) return;
  const names = await resolveNames(deps, peopleOf(event));
  await deps.uow.run(async (tx) => {
    // Read here, not cached: people may change the channel's mirroring at any time.
    const channel = (await tx.conversations.channelOf(incidentId))!;
    const current = await tx.conversations.lockMessage(event.channelId, event.ts);
    const next = applyChatEvent(current, event, incidentId);
    await tx.conversations.saveMessage(next);
    await mirror(tx, next, await effectivePolicy(tx, channel), names);
    await recordIncidentChange(tx, { kind: "recorded", incidentId, at: deps.clock.now() });
  });
}

async function mirror(
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
  const author = message.userId ? (known.get(message.userId) ?? null) : null;
  await tx.timeline.append(chatTimelineEntry(existing?.id ?? randomUUID(), message, author, known));
}

/**
 * Sets how the incident's channel is mirrored, and brings in the messages the new policy wants that are
 * not on the timeline yet. @throws NotFoundUseCaseError when the incident has no channel
 */
export async function setChannelMirror(
  deps: UseCaseDeps,
  by: Principal,
  ref: string,
  policy: MirrorPolicy | null,
): Promise<IncidentChannel> {
  if (!hasRole(by, "responder"))
    throw new ForbiddenUseCaseError(
      "AUTH.RESPONDER_REQUIRED",
      "Only a responder can change how the channel is mirrored.",
    );
  return deps.uow.run(async (tx) => {
    const incident = await findIncident(tx, by.tenantId, ref);
    const channel = await tx.conversations.channelOf(incident.id);
    if (!channel) throw new NotFoundUseCaseError("channel", ref);
    const next = { ...channel, mirror: policy };
    await tx.conversations.updateChannel(incident.id, { mirror: policy });
    const effective = await effectivePolicy(tx, next);
    for (const message of await tx.conversations.messagesOf(incident.id))
      await mirror(tx, message, effective, new Map());
    return next;
  });
}
