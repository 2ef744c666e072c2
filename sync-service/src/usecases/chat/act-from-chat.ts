import { randomUUID } from "node:crypto";
import type { ChatAction } from "../../domain/chat-action.ts";
import { AppError } from "../../domain/errors.ts";
import { incidentKey } from "../../domain/incident.ts";
import type { Principal } from "../../domain/principal.ts";
import { changeIncidentStatus } from "../incidents/change-incident-status.ts";
import { escalateNow } from "../paging/escalate-now.ts";
import type { UseCaseDeps } from "../shared/deps.ts";

export const CHAT_REPLY_TASK = "chat.reply";
export const CHAT_ACTED_TASK = "chat.acted";

const PAST = { acknowledge: "Acknowledged", resolve: "Resolved" } as const;

/**
 * A responder clicked Acknowledge, Resolve or Escalate on a page or on the channel's summary: the same use case as
 * the console's button (its timeline entry says it came from Slack, and it stops the escalation the same way). A page
 * message is then rewritten to say who acted; whatever goes wrong is said to the clicker alone. The chat calls are
 * jobs, so the click is answered at once.
 */
export async function actFromChat(deps: UseCaseDeps, action: ChatAction): Promise<void> {
  const by = await principalOfChatUser(deps, action.userId);
  if (!by)
    return reply(
      deps,
      action,
      `Firewatch does not know your Slack account, so nothing was done. Ask an admin to add a contact method of kind "slack" with your member ID ${action.userId} to your Firewatch user.`,
    );
  try {
    if (action.kind === "escalate") {
      const { level } = await escalateNow(deps, by, action.incidentId, "slack");
      return reply(deps, action, `Escalated: level ${level} of the escalation policy is being paged now.`);
    }
    const incident = await changeIncidentStatus(deps, by, action.incidentId, action.kind, "slack");
    if (action.source !== "page") return; // the summary is refreshed with the incident
    const at = incident.updatedAt.toISOString().slice(11, 16);
    const text = `${incidentKey(incident)}: ${incident.title} — ${PAST[action.kind]} by ${by.name} at ${at} UTC`;
    await deps.uow.run((tx) =>
      tx.jobs.enqueue({
        task: CHAT_ACTED_TASK,
        // One rewrite per message waits at a time, with the latest text (acknowledged, then resolved).
        key: `chat_acted:${action.channelId}:${action.messageTs}`,
        payload: { channelId: action.channelId, ts: action.messageTs, text },
      }),
    );
  } catch (error) {
    if (error instanceof AppError) return reply(deps, action, error.message);
    throw error;
  }
}

/** The Firewatch person behind a chat account (their contact method of kind `slack`), or null. */
export async function principalOfChatUser(deps: UseCaseDeps, chatUserId: string): Promise<Principal | null> {
  const user = await deps.uow.run((tx) => tx.oncall.findUserByContact("slack", chatUserId));
  return user && { userId: user.id, tenantId: user.tenantId, name: user.name, role: user.role };
}

async function reply(deps: UseCaseDeps, action: ChatAction, text: string): Promise<void> {
  await deps.uow.run((tx) =>
    tx.jobs.enqueue({
      task: CHAT_REPLY_TASK,
      key: `chat_reply:${randomUUID()}`,
      payload: { channelId: action.channelId, userId: action.userId, text },
    }),
  );
}
