import { applyChatEvent, type ChatEvent } from "../../domain/chat-message.ts";
import { STANDALONE_TENANT_ID } from "../../domain/tenant-settings.ts";
import { isIntegrationError } from "../../ports/integration-errors.ts";
import { recordIncidentChange } from "../incidents/fan-out.ts";
import { withIntegrationHealth } from "../shared/integration-health.ts";
import { CHAT_INTEGRATION, effectivePolicy, mirrorMessage, type ChatDeps } from "./chat-deps.ts";
import { peopleOf } from "./take-chat-event.ts";

/**
 * Display names of `userIds`: from those the service keeps, else asked of the chat (and kept). Only the events of
 * people the intake path found no name for come here.
 */
async function resolveNames(deps: ChatDeps, userIds: readonly string[]): Promise<Map<string, string>> {
  const names = new Map<string, string>();
  for (const id of new Set(userIds)) {
    const kept = await deps.uow.run((tx) => tx.conversations.userName(id));
    if (kept) {
      names.set(id, kept);
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
  }
  return names;
}

/**
 * Applies one event from an incident channel: the message's state is updated whatever the mirroring mode
 * (a later pin or reaction may bring it in), and its timeline entry is written when the policy wants it
 * or it is on the timeline already. Events about channels that are not incident channels are ignored.
 */
export async function applyChatEventToTimeline(deps: ChatDeps, event: ChatEvent): Promise<void> {
  const incidentId = (await deps.uow.run((tx) => tx.conversations.channelById(event.channelId)))?.incidentId;
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
