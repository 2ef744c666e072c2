// How the on-call person answers a past incident in the replayed weeks (story-history.ts): they are paged (Slack DM,
// SMS), acknowledge through the API some minutes after it opened (or, past the first level's wait, the second level
// is paged and acknowledges) and resolve it later. The clock is moved to each of these moments in turn.
import type { CastMember } from "./story-cast.ts";
import { adminApi, outboxQuiet, pagesSent, StoryStepError } from "./story-client.ts";
import type { Team } from "./story-setup.ts";
import type { SandboxWorld } from "./world.ts";

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
export const WEEK_MS = 7 * 24 * HOUR_MS;

/** The policy's first level waits this long for an acknowledgement before paging the second (story-setup.ts). */
const ESCALATION_MINUTES = 10;

export interface PastResponse {
  /** Minutes after the opening. */
  readonly ackMinutes: number;
  readonly resolveMinutes: number;
  /** Who acknowledges, when not the person on call (the escalation reached them). */
  readonly ackedBy?: CastMember;
}

/** Who the weekly rotation had on call in week `week` of the history (0 = its first, Ana's; odd weeks are Ben's). */
export function onCallInWeek(week: number): CastMember {
  return week % 2 === 0 ? "ana" : "ben";
}

/** Moves the clock `minutes` after `at`. */
export function travelAfter(world: SandboxWorld, at: Date, minutes: number): void {
  world.clock.travelTo(new Date(at.getTime() + minutes * MINUTE_MS));
}

/** The response to the incident `key` opened at `at` while `onCall` was on call; leaves the clock at its resolution. */
export async function respond(
  world: SandboxWorld,
  team: Team,
  incident: { key: string; onCall: CastMember; step: string },
  response: PastResponse,
  at: Date,
): Promise<void> {
  const admin = adminApi(world);
  const { key, onCall, step } = incident;
  const pages = await pagesSent(admin, key, 2, `${step}: ${onCall} paged by Slack and SMS`);
  if (pages.some((p: any) => p.user.id !== team.people[onCall].id))
    throw new StoryStepError(`seeding the sandbox story: ${step} paged someone other than ${onCall}`);
  await outboxQuiet(world, step);
  if (response.ackMinutes > ESCALATION_MINUTES) {
    travelAfter(world, at, ESCALATION_MINUTES + 0.5);
    // Chen is reached by Slack, SMS and e-mail: three more pages.
    await pagesSent(admin, key, 5, `${step}: the escalation to the second level`);
    await outboxQuiet(world, step);
  }
  const acker = team.people[response.ackedBy ?? onCall];
  travelAfter(world, at, response.ackMinutes);
  await acker.api.post(`/api/incidents/${key}/acknowledge`);
  await outboxQuiet(world, step);
  travelAfter(world, at, response.resolveMinutes);
  await acker.api.post(`/api/incidents/${key}/resolve`);
  await outboxQuiet(world, step);
}
