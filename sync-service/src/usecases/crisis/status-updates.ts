// Internal status updates: written by a responder (console, API, Slack) or a play, put on the timeline and told to
// every subscriber by jobs (deliver-status-update.ts), apart from the public status page.
import { randomUUID } from "node:crypto";
import { crisisEntries } from "../../domain/crisis-entries.ts";
import { statusUpdateMessage } from "../../domain/crisis.ts";
import type { Incident } from "../../domain/incident.ts";
import type { Principal } from "../../domain/principal.ts";
import type { DeliveryCounts, StatusUpdateRecord } from "../../ports/crisis-repository.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";
import { recordIncidentChange } from "../incidents/fan-out.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { findIncident } from "../shared/find-incident.ts";
import { requireResponder } from "../shared/require-role.ts";
import { STATUS_UPDATE_EXPAND_TASK } from "./crisis-deps.ts";

export type StatusUpdateView = StatusUpdateRecord & { readonly deliveries: DeliveryCounts };

export interface NewStatusUpdate {
  readonly message: string;
  readonly authorId: string | null;
  readonly authorName: string;
  /** A play's update: posted once per incident however often the play runs. */
  readonly playKey?: string;
  readonly via: "api" | "chat" | "play";
}

/** @returns the update, or null when the play's update is there already. @throws InvalidInputDomainError */
export async function postInTx(
  tx: Transaction,
  incident: Incident,
  input: NewStatusUpdate,
  at: Date,
): Promise<StatusUpdateRecord | null> {
  const update: StatusUpdateRecord = {
    id: randomUUID(),
    incidentId: incident.id,
    message: statusUpdateMessage(input.message),
    authorId: input.authorId,
    authorName: input.authorName,
    playKey: input.playKey ?? null,
    createdAt: at,
  };
  if (!(await tx.crisis.insertStatusUpdate(update))) return null;
  await recordIncidentChange(
    tx,
    { kind: "crisis", incidentId: incident.id, at },
    crisisEntries.statusUpdate(incident.id, update.id, update.message, update.authorName, at, input.via),
  );
  await tx.jobs.enqueue({
    task: STATUS_UPDATE_EXPAND_TASK,
    key: `status_update_expand:${update.id}`,
    payload: { statusUpdateId: update.id },
  });
  return update;
}

/** @throws NotFoundUseCaseError, ForbiddenUseCaseError, InvalidInputDomainError */
export async function postStatusUpdate(
  deps: UseCaseDeps,
  by: Principal,
  incidentRef: string,
  message: string,
  via: "api" | "chat" = "api",
): Promise<StatusUpdateView> {
  requireResponder(by, "Only a responder can post a status update.");
  return deps.uow.run(async (tx) => {
    const incident = await findIncident(tx, by.tenantId, incidentRef);
    const input = { message, authorId: by.userId, authorName: by.name, via };
    const update = (await postInTx(tx, incident, input, deps.clock.now()))!;
    return { ...update, deliveries: { total: 0, sent: 0, failed: 0, pending: 0 } };
  });
}

/** Newest first, with how each one's deliveries stand. */
export async function listStatusUpdates(
  deps: UseCaseDeps,
  by: Principal,
  incidentRef: string,
): Promise<StatusUpdateView[]> {
  return deps.uow.run(async (tx) => {
    const incident = await findIncident(tx, by.tenantId, incidentRef);
    return tx.crisis.listStatusUpdates(incident.id);
  });
}
