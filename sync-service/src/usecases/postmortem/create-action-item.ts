import { randomUUID } from "node:crypto";
import { DEFAULT_ACTION_ITEM_SLA, newActionItem, type ActionItem } from "../../domain/postmortem/action-item.ts";
import type { Principal } from "../../domain/principal.ts";
import { timelineRecords } from "../../domain/timeline-records.ts";
import { recordIncidentChange } from "../incidents/fan-out.ts";
import { findIncident } from "../shared/find-incident.ts";
import { requireResponder } from "../shared/require-role.ts";
import { ACTION_ITEM_TASK, type ActionItemDeps } from "./postmortem-deps.ts";

export interface ActionItemInput {
  readonly title: string;
  readonly description?: string;
  readonly required?: boolean;
  readonly dueDate?: string;
}

const itemJob = (id: string) => ({ task: ACTION_ITEM_TASK, key: `action_item:${id}`, payload: { actionItemId: id } });

/** Adds an action item; its Jira issue is created by a job. @throws NotFoundUseCaseError, InvalidInputDomainError, ForbiddenUseCaseError */
export async function createActionItem(
  deps: ActionItemDeps,
  by: Principal,
  ref: string,
  input: ActionItemInput,
): Promise<ActionItem> {
  requireResponder(by, "Only a responder can add action items.");
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
      timelineRecords.actionItem(
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
