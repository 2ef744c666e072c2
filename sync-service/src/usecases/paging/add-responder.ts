import { randomUUID } from "node:crypto";
import { incidentKey } from "../../domain/incident.ts";
import { onCallAt } from "../../domain/oncall/oncall.ts";
import type { Principal } from "../../domain/principal.ts";
import { timelineEntries } from "../../domain/timeline-entries.ts";
import type { UserRecord } from "../../ports/oncall-repository.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";
import { readStoredSchedule } from "../oncall/stored-schedule.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { ConflictUseCaseError, NotFoundUseCaseError } from "../shared/errors.ts";
import { lockIncident } from "../shared/find-incident.ts";
import { queueUserPages } from "./page-targets.ts";
import { RESPONDER_LEVEL } from "./paging-deps.ts";

/** Who to add: a person, each active member of a team, or whoever a schedule has on call now. */
export type ResponderRequest =
  { readonly userId: string } | { readonly teamId: string } | { readonly scheduleId: string };

/**
 * "Add responder": pages a person (or a schedule's on-call person) by their notification rules, beside the
 * escalation policy and also once someone has acknowledged; resolving stops what is still to be sent.
 * @throws NotFoundUseCaseError for a person or schedule not the tenant's; ConflictUseCaseError for a resolved
 * incident or a schedule that no longer validates
 */
export async function addResponder(
  deps: UseCaseDeps,
  by: Principal,
  ref: string,
  request: ResponderRequest,
): Promise<{ paged: { id: string; name: string }[] }> {
  return deps.uow.run(async (tx) => {
    const incident = await lockIncident(tx, by.tenantId, ref);
    if (incident.status === "resolved") {
      throw new ConflictUseCaseError(
        "INCIDENT.ALREADY_RESOLVED",
        `${incidentKey(incident)} is resolved: nobody is paged for it any more. Declare a new incident instead.`,
      );
    }
    const now = deps.clock.now();
    const { what, users } = await resolveResponders(tx, by.tenantId, request, now);
    const id = randomUUID();
    for (const user of users) await queueUserPages(tx, incident, user.id, 0, RESPONDER_LEVEL, now, id);
    const added = { what, userIds: users.map((u) => u.id) };
    await tx.timeline.append({ id, ...timelineEntries.responderAdded(incident, id, by, added, now) });
    return { paged: users.map((u) => ({ id: u.id, name: u.name })) };
  });
}

/** The people a request names, active ones only, and how the timeline names them. @throws NotFoundUseCaseError, ConflictUseCaseError */
export async function resolveResponders(
  tx: Transaction,
  tenantId: string,
  request: ResponderRequest,
  now: Date,
): Promise<{ what: string; users: UserRecord[] }> {
  if ("userId" in request) {
    const user = await tx.oncall.findUser(tenantId, request.userId);
    if (!user) throw new NotFoundUseCaseError("user", request.userId);
    if (!user.active)
      throw new ConflictUseCaseError("USER.DEACTIVATED", `${user.name} is deactivated and is never paged.`);
    return { what: user.name, users: [user] };
  }
  if ("teamId" in request) {
    const team = await tx.teams.find(tenantId, request.teamId);
    if (!team) throw new NotFoundUseCaseError("team", request.teamId);
    const users = (await tx.oncall.findUsers(tenantId, team.members)).filter((u) => u.active);
    const names = users.map((u) => u.name).join(", ");
    return { what: `team "${team.name}"${names ? ` (${names})` : ""}`, users };
  }
  const record = await tx.oncall.findSchedule(tenantId, request.scheduleId);
  if (!record) throw new NotFoundUseCaseError("schedule", request.scheduleId);
  const read = readStoredSchedule(record);
  if (!("schedule" in read)) {
    throw new ConflictUseCaseError(
      "SCHEDULE.INVALID",
      `Schedule "${record.name}" no longer validates, so nobody can be found on call there; correct it first.`,
    );
  }
  const users = (await tx.oncall.findUsers(tenantId, onCallAt(read.schedule, now))).filter((u) => u.active);
  const names = users.map((u) => u.name).join(", ");
  return { what: `schedule "${record.name}"${names ? ` (${names})` : ""}`, users };
}
