// Two moments of the replayed weeks (story-history.ts) that show issue 20's capabilities: a practice drill Chen
// declares on a Friday morning, which the person on call answers as they would a real incident, and a phone call to
// the build service's own number (live call routing) that the person on call takes by pressing 1. The service's
// drill schedule (every other Friday, the same cadence) and call routing are set up in story-setup.ts.
import { nextDrillAt, type DrillSchedule } from "../sync-service/src/domain/drill-schedule.ts";
import { CAST, type CastMember } from "./story-cast.ts";
import { adminApi, outboxQuiet, StoryStepError, waitFor } from "./story-client.ts";
import { onCallInWeek, respond, travelAfter, WEEK_MS } from "./story-past-response.ts";
import type { Team } from "./story-setup.ts";
import type { SandboxWorld } from "./world.ts";

/** The team's drills: every other Friday at 10:00 in London, at SEV3 (which opens no Slack channel: story-history.ts). */
export const DRILL_CADENCE = {
  weekday: "fri",
  time: "10:00",
  timeZone: "Europe/London",
  everyWeeks: 2,
  title: "Practice drill: the build farm is down",
  severity: "SEV3",
} as const;

/** Who rings the build service's number in the history: the support lead, about merges that will not build. */
export const CALLER = "+447700900123";
/** The history's week (0 = the rotation's first) and hours after its hand-off when the caller rings. */
const CALL_WEEK = 3;
const CALL_HOURS = 52;
const CALL_RESOLVE_MINUTES = 33;

function isoDate(at: Date): string {
  return at.toISOString().slice(0, 10);
}

/**
 * When the history's drill was (the cadence's Friday of the rotation's fifth week, a couple of weeks ago) and the
 * date the service's drill schedule starts on: the cadence's next Friday still to come after `now`.
 */
export function drillCalendar(rotationStart: Date, now: Date): { pastDrillAt: Date; schedule: DrillSchedule } {
  const cadence: DrillSchedule = { ...DRILL_CADENCE, startsOn: isoDate(rotationStart) };
  const pastDrillAt = nextDrillAt(cadence, new Date(rotationStart.getTime() + 4 * WEEK_MS))!;
  // 10:00 in London is on the same date in UTC, summer or winter.
  return { pastDrillAt, schedule: { ...cadence, startsOn: isoDate(nextDrillAt(cadence, now)!) } };
}

/** Chen declares the drill at `at`; whoever is on call is paged, acknowledges 6 minutes later and resolves it. */
export async function replayDrill(world: SandboxWorld, team: Team, rotationStart: Date, at: Date): Promise<string> {
  world.clock.travelTo(at);
  const drill = await team.people.chen.api.post("/api/incidents", {
    title: DRILL_CADENCE.title,
    serviceId: team.service.id,
    severity: DRILL_CADENCE.severity,
    drill: true,
  });
  const onCall = onCallInWeek(Math.floor((at.getTime() - rotationStart.getTime()) / WEEK_MS));
  const step = "the practice drill";
  await respond(world, team, { key: drill.key, onCall, step }, { ackMinutes: 6, resolveMinutes: 41 }, at);
  return drill.key;
}

/** When the caller rings the service's number. */
export function phoneCallAt(rotationStart: Date): Date {
  return new Date(rotationStart.getTime() + CALL_WEEK * WEEK_MS + CALL_HOURS * 3_600_000);
}

/**
 * The caller rings the service's number (its Voice URL is the service's, story-setup.ts): the person on call picks
 * up, hears the call screen, presses 1 and takes the call, which acknowledges the incident it opened as them.
 */
export async function replayPhoneCall(world: SandboxWorld, team: Team, at: Date): Promise<string> {
  const step = `the phone call from ${CALLER}`;
  const onCall: CastMember = onCallInWeek(CALL_WEEK);
  world.clock.travelTo(at);
  world.twilio.setScreenKeys(CAST[onCall].phone, "1");
  const call = await world.twilio.placeCall({ from: CALLER, to: team.callRouting.number });
  world.twilio.setScreenKeys(CAST[onCall].phone, "");
  if (!call.dials.some((d) => d.legs.some((l) => l.outcome === "connected")))
    throw new StoryStepError(`seeding the sandbox story: ${step} reached nobody; the caller heard ${call.heard}`);
  const admin = adminApi(world);
  const incident = await waitFor(`${step} to open an incident`, async () =>
    (await admin.get(`/api/incidents?serviceId=${team.service.id}&limit=50`)).incidents.find(
      (i: any) => i.title === `Phone call from ${CALLER}` && i.status === "acknowledged",
    ),
  );
  await outboxQuiet(world, step);
  travelAfter(world, at, CALL_RESOLVE_MINUTES);
  await team.people[onCall].api.post(`/api/incidents/${incident.key}/resolve`);
  await outboxQuiet(world, step);
  return incident.key;
}
