// The processing of one tracker delivery: a Jira admin webhook of the standalone site, or a Forge product
// event of an installation's site. Each maps (formats/) to the same IssueDelivery, handled for the tenant
// whose site sent it: JQL rules, the timeline of linked incidents, action items.
import { actorOf, forgeIssueEvent, fromForgeEvent } from "../formats/forge/forge-event-mapper.ts";
import { toRemoteIssue, type IssueDelivery } from "../formats/jira/jira-issue-mapper.ts";
import { fromJiraWebhook, jiraWebhookPayload } from "../formats/jira/jira-webhook-mapper.ts";
import { STANDALONE_TENANT_ID } from "../domain/tenant-settings.ts";
import { TicketNotFoundError } from "../ports/integration-errors.ts";
import { PermanentJobError } from "../ports/jobs.ts";
import { applyActionItemIssue } from "../usecases/postmortem/apply-action-item-issue.ts";
import { applyTicketEvent } from "../usecases/tickets/apply-ticket-event.ts";
import { evaluateIssueEvent, type RuleDeps } from "../usecases/paging/evaluate-issue-event.ts";
import { callTracker } from "../usecases/tickets/ticket-deps.ts";

/** What POST /forge/events records: the event and when it arrived (Forge events carry no timestamp). */
export interface RecordedForgeEvent {
  readonly receivedAt: string;
  readonly event: unknown;
}

export async function processTicketDelivery(deps: RuleDeps, payload: Record<string, unknown>): Promise<void> {
  const deliveryId = payload.deliveryId;
  if (typeof deliveryId !== "string" || !deliveryId) throw new PermanentJobError("job payload has no deliveryId");
  // Jobs queued before tenants had their own sites are the standalone site's admin webhooks.
  const source = payload.source === "forge" ? "forge" : "jira";
  const tenantId = typeof payload.tenantId === "string" ? payload.tenantId : STANDALONE_TENANT_ID;
  const raw = await deps.uow.run((tx) => tx.inbox.find(source, deliveryId));
  const delivery =
    source === "forge"
      ? await fromForge(deps, tenantId, raw as RecordedForgeEvent, deliveryId)
      : fromJira(raw, deliveryId);
  await handle(deps, tenantId, delivery);
}

function fromJira(raw: unknown, deliveryId: string): IssueDelivery {
  const parsed = jiraWebhookPayload.safeParse(raw);
  // A payload we cannot read was still acknowledged; it stays in the inbox for inspection.
  if (!parsed.success)
    throw new PermanentJobError(`jira delivery ${deliveryId} is not an issue event: ${parsed.error.message}`);
  return fromJiraWebhook(parsed.data, deliveryId);
}

/**
 * Rules first (an issue entering one is linked before its comments are mirrored). The issue's own sync never
 * waits on the rules: when evaluating them fails (say Jira's jql/match is down), the timeline and action items
 * are still brought up to date, and the job is retried for the rules; every step is idempotent.
 */
async function handle(deps: RuleDeps, tenantId: string, { change, issue, event }: IssueDelivery): Promise<void> {
  const rulesFailed =
    change === "created" || change === "updated" || change === "deleted"
      ? await evaluateIssueEvent(deps, tenantId, issue, change === "deleted").then(
          () => null,
          (error: unknown) => ({ error }),
        )
      : null;
  if (event) await applyTicketEvent(deps, tenantId, event);
  if (change === "updated" && issue.fields) await applyActionItemIssue(deps, tenantId, toRemoteIssue(issue));
  if (rulesFailed) throw rulesFailed.error;
}

/** Reads the whole issue (and who acted) back from the tenant's Jira, as the app. */
async function fromForge(
  deps: RuleDeps,
  tenantId: string,
  recorded: RecordedForgeEvent | null,
  deliveryId: string,
): Promise<IssueDelivery> {
  const parsed = forgeIssueEvent.safeParse(recorded?.event);
  if (!parsed.success)
    throw new PermanentJobError(`Forge delivery ${deliveryId} is not an issue event: ${parsed.error.message}`);
  const event = parsed.data;
  let issue: unknown = event.issue;
  if (event.eventType !== "avi:jira:deleted:issue") {
    try {
      issue = await callTracker(deps, tenantId, (jira) => jira.fetchRaw(event.issue.id));
    } catch (error) {
      // Deleted since: what the event carried is all there is.
      if (!(error instanceof TicketNotFoundError)) throw error;
    }
  }
  const accountId = actorOf(event);
  const displayName = accountId
    ? await callTracker(deps, tenantId, (jira) => jira.displayName(accountId)).catch(() => null)
    : null;
  const delivery = fromForgeEvent(event, issue, { accountId, displayName }, new Date(recorded!.receivedAt), deliveryId);
  if (!delivery)
    throw new PermanentJobError(
      `Forge delivery ${deliveryId}: what Jira answered for issue ${event.issue.id} is not an issue`,
    );
  return delivery;
}
