import { slackEnvelope, toChatEvent } from "../formats/slack/slack-event-mapper.ts";
import {
  ACTION_ITEM_SWEEP_TASK,
  ACTION_ITEM_TASK,
  type ActionItemDeps,
  type PublishDeps,
} from "../usecases/postmortem/postmortem-deps.ts";
import { completeActionItem } from "../usecases/postmortem/complete-action-item.ts";
import { sweepActionItems } from "../usecases/postmortem/sweep-action-items.ts";
import {
  ACTION_ITEM_REMIND_TASK,
  remindActionItemOwner,
  type ReminderDeps,
} from "../usecases/postmortem/action-item-reminder.ts";
import { POSTMORTEM_PUBLISH_TASK } from "../usecases/postmortem/on-incident-change.ts";
import { publishPostmortem } from "../usecases/postmortem/publish-postmortem.ts";
import { toStatusPageEvent } from "../formats/statuspage/statuspage-webhook-mapper.ts";
import { applyStatusPageEvent } from "../usecases/status-page/apply-status-page-event.ts";
import { CHAT_INBOUND_TASK, CHAT_SYNC_TASK, type ChatDeps } from "../usecases/chat/chat-deps.ts";
import { applyChatEventToTimeline } from "../usecases/chat/apply-chat-event-to-timeline.ts";
import { publishStatusPosts } from "../usecases/status-page/publish-status-posts.ts";
import {
  STATUS_INBOUND_TASK,
  STATUS_PUBLISH_TASK,
  type StatusPageDeps,
} from "../usecases/status-page/status-page-deps.ts";
import { syncChannel } from "../usecases/chat/sync-channel.ts";
import { CHAT_ACTED_TASK, CHAT_REPLY_TASK } from "../usecases/chat/act-from-chat.ts";
import { PermanentJobError, type TaskRegistry } from "../ports/jobs.ts";
import { completeLink } from "../usecases/tickets/complete-link.ts";
import { INCIDENT_SYNC_TASK, NOTE_TO_TICKETS_TASK } from "../usecases/tickets/on-incident-change.ts";
import { postNoteToLinkedIssues } from "../usecases/tickets/post-note-to-linked-issues.ts";
import { syncLinkedIssues } from "../usecases/tickets/sync-linked-issues.ts";
import { LINK_TICKET_TASK } from "../usecases/tickets/ticket-deps.ts";
import type { RuleDeps } from "../usecases/paging/evaluate-issue-event.ts";
import { processTicketDelivery } from "./ticket-inbound.task.ts";
import { learnUserName } from "../usecases/access/learn-user-name.ts";
import {
  ESCALATE_TASK,
  PAGE_TASK,
  START_ESCALATION_TASK,
  type EscalationDeps,
} from "../usecases/paging/paging-deps.ts";
import { runLevel } from "../usecases/paging/run-level.ts";
import { sendPage } from "../usecases/paging/send-page.ts";
import { startEscalation } from "../usecases/paging/start-escalation.ts";
import { TICKET_INBOUND_TASK } from "../usecases/tickets/record-ticket-delivery.ts";
import { purgeSite } from "../usecases/access/purge-site.ts";
import {
  PERSONAL_DATA_SITE_TASK,
  PERSONAL_DATA_TASK,
  USER_NAME_TASK,
  type LifecycleDeps,
  type PersonalDataDeps,
} from "../usecases/access/access-deps.ts";
import { reportPersonalData } from "../usecases/access/report-personal-data.ts";
import { reportSitePersonalData } from "../usecases/access/report-site-personal-data.ts";
import { TENANT_PURGE_TASK } from "../ports/installation-repository.ts";
import {
  CRISIS_OPENED_TASK,
  STATUS_UPDATE_DELIVER_TASK,
  STATUS_UPDATE_EXPAND_TASK,
  type CrisisDeps,
} from "../usecases/crisis/crisis-deps.ts";
import { deliverStatusUpdate, expandStatusUpdate } from "../usecases/crisis/deliver-status-update.ts";
import { applyServiceDefaults } from "../usecases/crisis/open-defaults.ts";
import { runScheduledDrill, SCHEDULED_DRILL_TASK } from "../usecases/drills/scheduled-drills.ts";

function text(payload: Record<string, unknown>, name: string): string {
  const value = payload[name];
  if (typeof value !== "string" || !value) throw new PermanentJobError(`job payload has no ${name}`);
  return value;
}

/** Every outbox task the service runs, by name. */
const int = (payload: Record<string, unknown>, name: string): number => {
  const value = payload[name];
  if (typeof value !== "number" || !Number.isInteger(value)) throw new PermanentJobError(`job payload has no ${name}`);
  return value;
};

export function tasks(
  deps: RuleDeps &
    EscalationDeps &
    ChatDeps &
    StatusPageDeps &
    PublishDeps &
    ActionItemDeps &
    ReminderDeps &
    LifecycleDeps &
    PersonalDataDeps &
    CrisisDeps,
): TaskRegistry {
  return {
    [CRISIS_OPENED_TASK]: (p) => applyServiceDefaults(deps, text(p, "incidentId")),
    [STATUS_UPDATE_EXPAND_TASK]: (p) => expandStatusUpdate(deps, text(p, "statusUpdateId")),
    [STATUS_UPDATE_DELIVER_TASK]: (p) => deliverStatusUpdate(deps, text(p, "deliveryId")),
    [POSTMORTEM_PUBLISH_TASK]: (p) => publishPostmortem(deps, text(p, "incidentId")),
    [ACTION_ITEM_TASK]: (p) => completeActionItem(deps, text(p, "actionItemId")),
    [ACTION_ITEM_SWEEP_TASK]: async (p) =>
      void (await sweepActionItems(deps, typeof p.tenantId === "string" ? p.tenantId : undefined)),
    [ACTION_ITEM_REMIND_TASK]: (p) => remindActionItemOwner(deps, text(p, "actionItemId")),
    [CHAT_SYNC_TASK]: (p) => syncChannel(deps, text(p, "incidentId")),
    [CHAT_REPLY_TASK]: (p) => deps.chat.reply(text(p, "channelId"), text(p, "userId"), text(p, "text")),
    [CHAT_ACTED_TASK]: (p) => deps.chat.markActed(text(p, "channelId"), text(p, "ts"), text(p, "text")),
    [CHAT_INBOUND_TASK]: async (p) => {
      const eventId = text(p, "eventId");
      const parsed = slackEnvelope.safeParse(await deps.uow.run((tx) => tx.inbox.find("slack", eventId)));
      if (!parsed.success || parsed.data.type !== "event_callback")
        throw new PermanentJobError(`Slack delivery ${eventId} is not an event callback`);
      const event = toChatEvent(parsed.data);
      if (event) await applyChatEventToTimeline(deps, event);
    },
    [STATUS_PUBLISH_TASK]: (p) => publishStatusPosts(deps, text(p, "incidentId")),
    [STATUS_INBOUND_TASK]: async (p) => {
      const key = text(p, "deliveryKey");
      const event = toStatusPageEvent(await deps.uow.run((tx) => tx.inbox.find("statuspage", key)));
      if (!event)
        throw new PermanentJobError(`Statuspage delivery ${key} is neither an incident nor a component notification`);
      await applyStatusPageEvent(deps, event);
    },
    [START_ESCALATION_TASK]: (p) => startEscalation(deps, text(p, "incidentId")),
    [ESCALATE_TASK]: (p) => runLevel(deps, text(p, "incidentId"), int(p, "round"), int(p, "level")),
    [PAGE_TASK]: (p) =>
      sendPage(deps, {
        incidentId: text(p, "incidentId"),
        round: int(p, "round"),
        level: int(p, "level"),
        userId: text(p, "userId"),
        index: int(p, "index"),
        contactMethodId: text(p, "contactMethodId"),
        ...(p.request === undefined ? {} : { request: text(p, "request") }),
      }),
    [INCIDENT_SYNC_TASK]: (p) => syncLinkedIssues(deps, text(p, "incidentId")),
    [LINK_TICKET_TASK]: (p) => completeLink(deps, text(p, "linkId"), p.adopt === true),
    [NOTE_TO_TICKETS_TASK]: (p) => postNoteToLinkedIssues(deps, text(p, "incidentId"), text(p, "entryId")),
    [TICKET_INBOUND_TASK]: (p) => processTicketDelivery(deps, p),
    [PERSONAL_DATA_TASK]: () => reportPersonalData(deps),
    [PERSONAL_DATA_SITE_TASK]: (p) => reportSitePersonalData(deps, text(p, "tenantId")),
    [TENANT_PURGE_TASK]: (p) => purgeSite(deps, text(p, "tenantId")),
    [SCHEDULED_DRILL_TASK]: (p) => runScheduledDrill(deps, text(p, "serviceId"), new Date(text(p, "occurrence"))),
    [USER_NAME_TASK]: (p) => learnUserName(deps, text(p, "tenantId"), text(p, "userId"), text(p, "accountId")),
  };
}
