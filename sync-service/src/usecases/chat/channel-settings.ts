import { DEFAULT_CONVERSATION, type IncidentChannel, type MirrorPolicy } from "../../domain/conversation.ts";
import type { Principal } from "../../domain/principal.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";
import { conversationChanged } from "./chat-deps.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { ConflictUseCaseError, NotFoundUseCaseError } from "../shared/errors.ts";
import { findIncident } from "../shared/find-incident.ts";
import { newChannelRow } from "./sync-channel.ts";

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

/** @throws NotFoundUseCaseError when the incident has no channel */
export async function readChannel(deps: UseCaseDeps, by: Principal, ref: string): Promise<ChannelView> {
  return deps.uow.run(async (tx) => {
    const incident = await findIncident(tx, by.tenantId, ref);
    const channel = await tx.conversations.channelOf(incident.id);
    if (!channel) throw new NotFoundUseCaseError("channel", ref);
    return { channel, policy: await effectivePolicy(tx, channel) };
  });
}

/** Asks for a channel now, whatever the severity. @throws NotFoundUseCaseError, ConflictUseCaseError once resolved */
export async function openChannelNow(deps: UseCaseDeps, by: Principal, ref: string): Promise<ChannelView> {
  return deps.uow.run(async (tx) => {
    const incident = await findIncident(tx, by.tenantId, ref);
    const existing = await tx.conversations.channelOf(incident.id);
    if (!existing && incident.status === "resolved")
      throw new ConflictUseCaseError(
        "CHAT.INCIDENT_RESOLVED",
        "The incident is resolved; a new channel would have no one to talk to.",
      );
    const channel = existing ?? (await tx.conversations.insertChannel(newChannelRow(incident, deps.clock.now())));
    await conversationChanged(tx, incident.id);
    return { channel, policy: await effectivePolicy(tx, channel) };
  });
}
