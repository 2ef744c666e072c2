// Reminders to the owners of overdue action items: the sweep queues one keyed job per overdue item, and the job
// reminds the owner by their first Slack or e-mail contact method that accepts it, at most once per UTC day.
import { randomUUID } from "node:crypto";
import { daysOverdue, needsReminder, utcDate, type ActionItem } from "../../domain/postmortem/action-item.ts";
import { incidentKey, type Incident } from "../../domain/incident.ts";
import { isIntegrationError } from "../../ports/integration-errors.ts";
import type { ContactMethod, NotifierPort, ReminderMessage } from "../../ports/notifier-port.ts";
import type { UserRecord } from "../../ports/oncall-repository.ts";
import type { TicketPorts } from "../../ports/ticket-port.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";
import { ticketSiteUrl } from "./postmortem-deps.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { timelineRecords } from "../../domain/timeline-records.ts";

export const ACTION_ITEM_REMIND_TASK = "action_item.remind";

export interface ReminderDeps extends UseCaseDeps {
  readonly notifier: NotifierPort;
  /** Base of links back to incidents. */
  readonly publicUrl: string;
  /** For links to the tracker's issues: each tenant's site. */
  readonly tickets?: TicketPorts;
}

/** Queues the reminder of an item that needs one today (in the sweep's transaction, after its issue was read back). */
export async function queueReminder(tx: Pick<Transaction, "jobs">, item: ActionItem, now: Date): Promise<void> {
  if (!needsReminder(item, now)) return;
  await tx.jobs.enqueue({
    task: ACTION_ITEM_REMIND_TASK,
    key: `action_item_remind:${item.id}`,
    payload: { actionItemId: item.id },
  });
}

/** The owner: the user named as the issue's assignee (case-insensitive), else the incident's owner, else nobody. */
async function ownerOf(tx: Transaction, item: ActionItem, incident: Incident): Promise<UserRecord | null> {
  const assignee = item.assignee?.trim().toLowerCase();
  if (assignee) {
    const named = (await tx.oncall.listUsers(incident.tenantId)).find((u) => u.name.trim().toLowerCase() === assignee);
    if (named) return named;
  }
  return incident.ownerId ? tx.oncall.getUser(incident.ownerId) : null;
}

/**
 * Re-checks the item (still open, still overdue, not reminded today) and reminds its owner. A channel that
 * rejects the reminder (not configured, bad address, SMS) moves on to the next; other errors are rethrown so
 * the job backs off. A crash between sending and recording reminds twice that day: accepted, as a reminder
 * is no page and Slack and SMTP offer nothing to look it up by cheaply.
 */
export async function remindActionItemOwner(deps: ReminderDeps, itemId: string): Promise<void> {
  const now = deps.clock.now();
  const today = utcDate(now);
  const ctx = await deps.uow.run(async (tx) => {
    const item = await tx.postmortems.getItem(itemId);
    if (!item || !needsReminder(item, now)) return null;
    const incident = await tx.incidents.get(item.incidentId);
    const owner = incident && (await ownerOf(tx, item, incident));
    const contacts = owner
      ? (await tx.oncall.listContacts(owner.id)).filter((c) => c.kind === "slack" || c.kind === "email")
      : [];
    // Nobody to remind: noted for today all the same, so the sweep does not queue a job for it every run.
    if (!incident || !owner || contacts.length === 0) await tx.postmortems.markItemReminded(item.id, today);
    return incident && owner && contacts.length ? { item, incident, owner, contacts } : null;
  });
  if (!ctx) return;
  const { item, incident, owner } = ctx;
  const key = incidentKey(incident);
  const siteUrl = await ticketSiteUrl(deps.tickets, incident.tenantId);
  const reminder: ReminderMessage = {
    reminderId: `${item.id}:${today}`,
    incidentKey: key,
    incidentTitle: incident.title,
    itemTitle: item.title,
    issueKey: item.issueKey ?? item.title,
    issueUrl: item.issueKey && siteUrl ? `${siteUrl}/browse/${item.issueKey}` : null,
    dueDate: item.dueDate,
    daysOverdue: daysOverdue(item, now),
    recipientName: owner.name,
    url: `${deps.publicUrl}/incidents/${key}`,
  };
  const refusals: string[] = [];
  let sentBy: ContactMethod | null = null;
  for (const contact of ctx.contacts) {
    try {
      await deps.notifier.remind(contact, reminder);
      sentBy = contact;
      break;
    } catch (error) {
      if (!isIntegrationError(error, "rejected", "access", "not_configured")) throw error;
      refusals.push(`${contact.kind}: ${error.message}`);
    }
  }
  const what = `${reminder.issueKey} "${item.title}" is overdue (due ${item.dueDate})`;
  await deps.uow.run(async (tx) => {
    await tx.postmortems.markItemReminded(item.id, today);
    const body = sentBy
      ? `Reminded ${owner.name} by ${sentBy.kind} that ${what}`
      : `Could not remind ${owner.name} that ${what}: ${refusals.join("; ")}`;
    const to = { userId: owner.id, kind: sentBy?.kind ?? null };
    await tx.timeline.append({
      id: randomUUID(),
      ...timelineRecords.actionItemReminded(item, today, deps.clock.now(), body, to),
    });
  });
}
