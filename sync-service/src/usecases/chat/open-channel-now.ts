import type { Principal } from "../../domain/principal.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { ConflictUseCaseError } from "../shared/errors.ts";
import { findIncident } from "../shared/find-incident.ts";
import { conversationChanged, effectivePolicy, newChannelRow, type ChannelView } from "./chat-deps.ts";

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
