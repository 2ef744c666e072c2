import type { IncidentChannel, MirrorPolicy } from "../../domain/conversation.ts";
import type { Principal } from "../../domain/principal.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { NotFoundUseCaseError } from "../shared/errors.ts";
import { findIncident } from "../shared/find-incident.ts";
import { requireResponder } from "../shared/require-role.ts";
import { effectivePolicy, mirrorMessage } from "./chat-deps.ts";

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
  requireResponder(by, "Only a responder can change how the channel is mirrored.");
  return deps.uow.run(async (tx) => {
    const incident = await findIncident(tx, by.tenantId, ref);
    const channel = await tx.conversations.channelOf(incident.id);
    if (!channel) throw new NotFoundUseCaseError("channel", ref);
    const next = { ...channel, mirror: policy };
    await tx.conversations.updateChannel(incident.id, { mirror: policy });
    const effective = await effectivePolicy(tx, next);
    for (const message of await tx.conversations.messagesOf(incident.id))
      await mirrorMessage(tx, message, effective, new Map());
    return next;
  });
}
