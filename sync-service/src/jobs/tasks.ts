import { jiraWebhookPayload, toTicketEvent } from "../adapters/jira/jira-webhook-mapper.ts";
import { PermanentJobError, type TaskRegistry } from "../ports/jobs.ts";
import { NOTE_TO_TICKETS_TASK } from "../usecases/add-note-use-case.ts";
import { applyTicketEvent } from "../usecases/apply-ticket-event-use-case.ts";
import { completeLink } from "../usecases/complete-link-use-case.ts";
import { INCIDENT_SYNC_TASK } from "../usecases/incident-changed.ts";
import { LINK_TICKET_TASK } from "../usecases/request-linked-issue-use-case.ts";
import { postNoteToLinkedIssues, syncLinkedIssues } from "../usecases/sync-linked-issues-use-case.ts";
import { evaluateIssueEvent, type RuleDeps } from "../usecases/evaluate-issue-event-use-case.ts";
import { ESCALATE_TASK, PAGE_TASK, runLevel, sendPage, startEscalation, START_ESCALATION_TASK, type EscalationDeps } from "../usecases/escalation-use-cases.ts";
import { TICKET_INBOUND_TASK } from "../usecases/record-ticket-delivery-use-case.ts";

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

export function tasks(deps: RuleDeps & EscalationDeps): TaskRegistry {
  return {
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
      }),
    [INCIDENT_SYNC_TASK]: (p) => syncLinkedIssues(deps, text(p, "incidentId")),
    [LINK_TICKET_TASK]: (p) => completeLink(deps, text(p, "linkId"), p.adopt === true),
    [NOTE_TO_TICKETS_TASK]: (p) => postNoteToLinkedIssues(deps, text(p, "incidentId"), text(p, "entryId")),
    [TICKET_INBOUND_TASK]: async (p) => {
      const deliveryId = text(p, "deliveryId");
      const raw = await deps.uow.run((tx) => tx.inbox.find("jira", deliveryId));
      const parsed = jiraWebhookPayload.safeParse(raw);
      // A payload we cannot read was still acknowledged to Jira; it stays in the inbox for inspection.
      if (!parsed.success) throw new PermanentJobError(`Jira delivery ${deliveryId} is not an issue event: ${parsed.error.message}`);
      const { webhookEvent, issue } = parsed.data;
      if (webhookEvent === "jira:issue_created" || webhookEvent === "jira:issue_updated" || webhookEvent === "jira:issue_deleted") {
        await evaluateIssueEvent(deps, issue, webhookEvent === "jira:issue_deleted");
      }
      const event = toTicketEvent(parsed.data, deliveryId);
      if (event) await applyTicketEvent(deps, event);
    },
  };
}
