import { applyChatEvent, type ChatEvent } from "../../domain/chat-message.ts";
import { STANDALONE_TENANT_ID } from "../../domain/tenant-settings.ts";
import { isIntegrationError } from "../../ports/integration-errors.ts";
import { recordIncidentChange } from "../incidents/fan-out.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { withIntegrationHealth } from "../shared/integration-health.ts";
import { CHAT_INTEGRATION, effectivePolicy, mirrorMessage, type ChatDeps } from "./chat-deps.ts";
import { peopleOf } from "./take-chat-event.ts";

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
    await mirrorMessage(tx, next, await effectivePolicy(tx, channel), names);
    await recordIncidentChange(tx, { kind: "recorded", incidentId, at: deps.clock.now() });
  });
}
