import type { Principal } from "../../domain/principal.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { NotFoundUseCaseError } from "../shared/errors.ts";
import { findIncident } from "../shared/find-incident.ts";
import { effectivePolicy, type ChannelView } from "./chat-deps.ts";

/** The incident's channel and the mirroring in force. @throws NotFoundUseCaseError when the incident has no channel */
export async function readChannel(deps: UseCaseDeps, by: Principal, ref: string): Promise<ChannelView> {
  return deps.uow.run(async (tx) => {
    const incident = await findIncident(tx, by.tenantId, ref);
    const channel = await tx.conversations.channelOf(incident.id);
    if (!channel) throw new NotFoundUseCaseError("channel", ref);
    return { channel, policy: await effectivePolicy(tx, channel) };
  });
}
