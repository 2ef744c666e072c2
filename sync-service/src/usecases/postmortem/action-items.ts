import { randomUUID } from "node:crypto";
import {
  DEFAULT_ACTION_ITEM_SLA,
  isDone,
  newActionItem,
  type ActionItem,
  type ActionItemSla,
} from "../../domain/postmortem/action-item.ts";
import { ACTION_ITEM_ISSUE_LABEL } from "../../domain/escalation-rule.ts";
import { incidentKey } from "../../domain/incident.ts";
import { hasRole, type Principal } from "../../domain/principal.ts";
import { PermanentJobError, retryAfterMsOf } from "../../ports/jobs.ts";
import type { RemoteIssue, TicketPort } from "../../ports/ticket-port.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";
import { queueReminder } from "./action-item-reminder.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { ForbiddenUseCaseError } from "../shared/errors.ts";
import { findIncident } from "../shared/find-incident.ts";
import { recordIncidentChange } from "../incidents/fan-out.ts";
import { callTracker, type TicketDeps } from "../tickets/ticket-deps.ts";
import { findOrCreateOnce } from "../shared/create-once.ts";
import { timelineRecords } from "../../domain/timeline-records.ts";

export const ACTION_ITEM_TASK = "action_item.create";
export const ACTION_ITEM_SWEEP_TASK = "action_items.sweep";
export const SWEEP_KEY = "action_items_sweep";

export interface ActionItemDeps extends TicketDeps {
  readonly actionItemSla?: ActionItemSla;
  /** How often the reconciler reads open items back from the tracker. */
  readonly sweepIntervalMs?: number;
}

export interface ActionItemInput {
  readonly title: string;
  readonly description?: string;
  readonly required?: boolean;
  readonly dueDate?: string;
}

const itemJob = (id: string) => ({ task: ACTION_ITEM_TASK, key: `action_item:${id}`, payload: { actionItemId: id } });

const itemEntry = timelineRecords.actionItem;

/** Adds an action item; its Jira issue is created by a job. @throws NotFoundUseCaseError, InvalidInputDomainError, ForbiddenUseCaseError */
export async function createActionItem(
  deps: ActionItemDeps,
  by: Principal,
  ref: string,
  input: ActionItemInput,
): Promise<ActionItem> {
  if (!hasRole(by, "responder"))
    throw new ForbiddenUseCaseError("AUTH.RESPONDER_REQUIRED", "Only a responder can add action items.");
  return deps.uow.run(async (tx) => {
    const incident = await findIncident(tx, by.tenantId, ref);
    const now = deps.clock.now();
    const item = newActionItem(
      { ...input, id: randomUUID(), incidentId: incident.id, createdBy: by.name },
      incident.severity,
      deps.actionItemSla ?? DEFAULT_ACTION_ITEM_SLA,
      now,
    );
    await tx.postmortems.insertItem(item);
    await tx.jobs.enqueue(itemJob(item.id));
    await recordIncidentChange(
      tx,
      { kind: "recorded", incidentId: incident.id, at: now },
      itemEntry(
        item,
        "action_item.created",
        `${by.name} added action item "${item.title}" (due ${item.dueDate})`,
        now,
        by.name,
      ),
    );
    return item;
  });
}

/**
 * The Jira project the incident's action items are filed in (its service's, else the tenant's default); null
 * when there is none.
 * @throws NotFoundUseCaseError
 */
export async function actionItemProject(deps: UseCaseDeps, by: Principal, ref: string): Promise<string | null> {
  return deps.uow.run(async (tx) => {
    const incident = await findIncident(tx, by.tenantId, ref);
    const service = incident.serviceId ? await tx.services.get(incident.serviceId) : null;
    return service?.tickets.projectKey ?? (await tx.tenants.settings(by.tenantId)).tickets.projectKey;
  });
}

/**
 * The action item's Jira issue: found by its marker (a crash after creating it) or created in the
 * service's project with the labels, due date, a "relates to" link to the incident's origin issue and a
 * remote link to the postmortem page. Re-running it only adds what is missing.
 */
export async function completeActionItem(deps: ActionItemDeps, id: string): Promise<void> {
  const ctx = await deps.uow.run(async (tx) => {
    const item = await tx.postmortems.getItem(id);
    const incident = item && (await tx.incidents.get(item.incidentId));
    if (!item || !incident) return null;
    const service = incident.serviceId ? await tx.services.get(incident.serviceId) : null;
    const origin = (await tx.links.listOf(incident.id)).find((l) => l.isOrigin && l.state === "linked" && l.issueKey);
    const tenantTickets = (await tx.tenants.settings(incident.tenantId)).tickets;
    return { item, incident, service, origin, tenantTickets, postmortem: await tx.postmortems.get(incident.id) };
  });
  if (!ctx || ctx.item.state === "failed") return;
  const { item, incident, service } = ctx;
  const key = incidentKey(incident);
  const projectKey = service?.tickets.projectKey ?? ctx.tenantTickets.projectKey;
  if (!item.issueId && !projectKey) {
    const error =
      "no Jira project for the incident's action items: set jira.projectKey on its service, or a default project on the Forge admin page";
    await deps.uow.run((tx) =>
      tx.postmortems.updateItem({ ...item, state: "failed", error, updatedAt: deps.clock.now() }),
    );
    throw new PermanentJobError(`Action item ${id}: no Jira project for ${key}`);
  }
  const tracker = <T>(call: (tickets: TicketPort) => Promise<T>) => callTracker(deps, incident.tenantId, call);
  const newIssue = {
    projectKey: projectKey!,
    issueType: service?.tickets.issueType ?? ctx.tenantTickets.issueType,
    summary: item.title,
    description: [item.description || `Action item from the postmortem of ${key}: ${incident.title}.`],
    incidentUrl: `${deps.publicUrl}/incidents/${key}`,
    priority: null,
    labels: ["postmortem", ACTION_ITEM_ISSUE_LABEL, key, incident.severity],
    marker: { incidentId: incident.id, incidentKey: key, linkId: item.id, revision: 0 },
    dueDate: item.dueDate,
  };
  const recordSent = (at: Date) => deps.uow.run((tx) => tx.postmortems.markItemCreateSent(item.id, at));
  const issue: RemoteIssue =
    (item.issueId ? await tracker((t) => t.get(item.issueId!)) : null) ??
    (await tracker((t) =>
      findOrCreateOnce(
        t,
        () => deps.clock.now(),
        item,
        recordSent,
        () => t.create(newIssue),
      ),
    ));
  if (ctx.origin?.issueKey && ctx.origin.issueKey !== issue.key)
    await tracker((t) => t.relate(issue.id, ctx.origin!.issueKey!));
  if (ctx.postmortem?.pageUrl) {
    const pageUrl = ctx.postmortem.pageUrl;
    await tracker((t) =>
      t.remoteLink(issue.id, {
        globalId: `firewatch-postmortem:${incident.id}`,
        url: pageUrl,
        title: `Postmortem of ${key}`,
      }),
    );
  }
  await deps.uow.run((tx) => recordIssue(deps, tx, item, issue));
}

/** Writes what the tracker says of the item's issue; a change becomes a timeline entry and refreshes the page. */
async function recordIssue(deps: UseCaseDeps, tx: Transaction, item: ActionItem, issue: RemoteIssue): Promise<void> {
  const current = (await tx.postmortems.getItem(item.id)) ?? item;
  const now = deps.clock.now();
  const next: ActionItem = {
    ...current,
    state: "linked",
    issueId: issue.id,
    issueKey: issue.key,
    statusName: issue.statusName,
    statusCategory: issue.statusCategory,
    assignee: issue.assignee ?? null,
    dueDate: issue.dueDate ?? current.dueDate,
    error: null,
    doneAt: issue.statusCategory === "done" ? (current.doneAt ?? now) : null,
  };
  const changed = (["state", "issueKey", "statusName", "statusCategory", "assignee", "dueDate"] as const).some(
    (k) => next[k] !== current[k],
  );
  if (!changed) return;
  await tx.postmortems.updateItem({ ...next, updatedAt: now });
  const what =
    current.state !== "linked"
      ? `created as ${issue.key}`
      : isDone(next) && !isDone(current)
        ? `done (${issue.statusName})`
        : `now ${issue.statusName}${next.assignee ? `, ${next.assignee}` : ""}, due ${next.dueDate}`;
  await recordIncidentChange(
    tx,
    { kind: "recorded", incidentId: item.incidentId, at: now },
    itemEntry(next, "action_item.updated", `Action item "${next.title}" ${what}`, now, null),
  );
}

/** A change in the tenant's tracker to an issue that is an action item (from its webhook or a Forge event). */
export async function applyActionItemIssue(deps: UseCaseDeps, tenantId: string, issue: RemoteIssue): Promise<void> {
  await deps.uow.run(async (tx) => {
    for (const item of await tx.postmortems.itemsByIssueId(tenantId, issue.id))
      await recordIssue(deps, tx, item, issue);
  });
}

/**
 * The safety net under the webhooks: reads every open action item's issue back, queues a reminder for each
 * that is still open and overdue (once a day). The periodic sweep covers every tenant and schedules the
 * next one (one keyed job, so there is never more than one waiting); a Forge site's hourly trigger sweeps
 * just that tenant. A tenant whose tracker cannot be reached now is left for the next sweep, not the others.
 */
export async function sweepActionItems(deps: ActionItemDeps, tenantId?: string): Promise<number> {
  const items = await deps.uow.run((tx) => tx.postmortems.openLinkedItems(500, tenantId));
  const unreachable = new Set<string>();
  let swept = 0;
  for (const { tenantId: owner, item } of items) {
    if (unreachable.has(owner)) continue;
    let issue: RemoteIssue;
    try {
      issue = await callTracker(deps, owner, (t) => t.get(item.issueId!));
    } catch (error) {
      if (retryAfterMsOf(error) === null || tenantId) throw error;
      unreachable.add(owner);
      continue;
    }
    await deps.uow.run(async (tx) => {
      await recordIssue(deps, tx, item, issue);
      const current = await tx.postmortems.getItem(item.id);
      if (current) await queueReminder(tx, current, deps.clock.now());
    });
    swept++;
  }
  if (!tenantId) await scheduleSweep(deps);
  return swept;
}

export async function scheduleSweep(deps: ActionItemDeps, at?: Date): Promise<void> {
  const runAt = at ?? new Date(deps.clock.now().getTime() + (deps.sweepIntervalMs ?? 15 * 60_000));
  await deps.uow.run((tx) => tx.jobs.enqueue({ task: ACTION_ITEM_SWEEP_TASK, key: SWEEP_KEY, payload: {}, runAt }));
}
