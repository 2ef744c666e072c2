// A person's on-call as a calendar: read with the API's Bearer token, or by a calendar app through the person's
// secret feed URL (`/calendar/<token>.ics`), which they or an admin make, replace and revoke. Only the token's
// hash is stored; the URL is shown once, when made.
import type { Principal } from "../../domain/principal.ts";
import type { Schedule } from "../../domain/oncall/schedule.ts";
import type { UserRecord } from "../../ports/oncall-repository.ts";
import type { CalendarFeedRecord } from "../../ports/people-repository.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { NotFoundUseCaseError } from "../shared/errors.ts";
import { requireSelfOrAdmin } from "../shared/require-role.ts";
import { personOf } from "./contact-methods.ts";
import { OWN_OR_ADMIN } from "./oncall-errors.ts";
import { readStoredSchedule } from "./stored-schedule.ts";

/** What a person's calendar is made of: them, and every schedule that can be read. */
export interface PersonalCalendar {
  readonly user: UserRecord;
  readonly schedules: readonly { readonly id: string; readonly name: string; readonly schedule: Schedule }[];
}

/** The person's working feed, or null. @throws ForbiddenUseCaseError, NotFoundUseCaseError */
export async function calendarFeedOf(
  deps: UseCaseDeps,
  by: Principal,
  userId: string,
): Promise<CalendarFeedRecord | null> {
  requireSelfOrAdmin(by, userId, OWN_OR_ADMIN);
  return deps.uow.run(async (tx) => {
    await personOf(tx, by, userId);
    return tx.people.findCalendarFeed(userId);
  });
}

/**
 * Makes the person a new feed under `tokenHash`; the one they had stops working at once (a leaked URL is
 * replaced this way). @throws ForbiddenUseCaseError, NotFoundUseCaseError
 */
export async function replaceCalendarFeed(
  deps: UseCaseDeps,
  by: Principal,
  userId: string,
  tokenHash: string,
): Promise<CalendarFeedRecord> {
  requireSelfOrAdmin(by, userId, OWN_OR_ADMIN);
  return deps.uow.run(async (tx) => {
    await personOf(tx, by, userId);
    return tx.people.replaceCalendarFeed(by.tenantId, userId, tokenHash, deps.clock.now());
  });
}

/** Revokes the person's feed; revoking none is done already. @throws ForbiddenUseCaseError, NotFoundUseCaseError */
export async function revokeCalendarFeed(deps: UseCaseDeps, by: Principal, userId: string): Promise<void> {
  requireSelfOrAdmin(by, userId, OWN_OR_ADMIN);
  await deps.uow.run(async (tx) => {
    await personOf(tx, by, userId);
    await tx.people.revokeCalendarFeed(userId, deps.clock.now());
  });
}

/** The calendar behind a feed's token hash; null when the feed is revoked or unknown, or its person inactive. */
export async function calendarOfFeed(deps: UseCaseDeps, tokenHash: string): Promise<PersonalCalendar | null> {
  return deps.uow.run(async (tx) => {
    const owner = await tx.people.useCalendarFeed(tokenHash, deps.clock.now());
    return owner && personalCalendar(tx, owner.tenantId, owner.userId);
  });
}

/** One person's calendar, as the API's Bearer holder reads it. @throws NotFoundUseCaseError */
export async function calendarOfPerson(deps: UseCaseDeps, by: Principal, userId: string): Promise<PersonalCalendar> {
  const found = await deps.uow.run((tx) => personalCalendar(tx, by.tenantId, userId));
  if (!found) throw new NotFoundUseCaseError("user", userId);
  return found;
}

async function personalCalendar(tx: Transaction, tenantId: string, userId: string): Promise<PersonalCalendar | null> {
  const user = await tx.oncall.findUser(tenantId, userId);
  if (!user) return null;
  // A broken schedule is left out of the feed (GET /api/schedules says why), not the whole feed with it.
  const schedules = (await tx.oncall.listSchedules(tenantId)).flatMap((s) => {
    const read = readStoredSchedule(s);
    return "schedule" in read ? [{ id: s.id, name: s.name, schedule: read.schedule }] : [];
  });
  return { user, schedules };
}
