import { DEFAULT_CONVERSATION } from "../../domain/conversation.ts";
import type { IncidentChange } from "../../domain/incident-change.ts";
import type { Jobs } from "../../ports/jobs.ts";
import { conversationChanged } from "./chat-deps.ts";

/**
 * The chat channel's part of an incident change: a new incident whose severity asks for a channel gets one;
 * any later change refreshes the pinned summary and announces the new entries (the job checks the severity
 * again when it runs, so a severity raised later opens the channel then). What came from outside is not echoed.
 */
export async function chatFollowUp(tx: { jobs: Jobs }, change: IncidentChange): Promise<void> {
  switch (change.kind) {
    case "opened":
      if ((change.service?.conversation ?? DEFAULT_CONVERSATION).channelSeverities.includes(change.incident.severity))
        await conversationChanged(tx, change.incident.id);
      return;
    case "status":
    case "edited":
    case "links":
      return conversationChanged(tx, change.incident.id);
    case "note":
    case "status-post":
    case "postmortem":
    case "crisis":
      return conversationChanged(tx, change.incidentId);
    case "recorded":
      return;
  }
}
