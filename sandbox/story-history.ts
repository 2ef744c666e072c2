// Act e of the story, played first: the weeks before today, so the reports have a history. The service's clock is
// moved to each moment in turn and the incidents go through the same paths as today's: monitoring sends an Events v2
// alert to /v2/enqueue with the service's integration key, the person on call is paged (Slack DM, SMS), and they
// acknowledge and resolve through the API minutes later; once, nobody answers in time and the manager is paged.
// Between them, a practice drill and a phone call to the service's number (story-practice.ts).
import { adminApi, StoryStepError, waitFor } from "./story-client.ts";
import { HOUR_MS, onCallInWeek, respond, WEEK_MS, type PastResponse } from "./story-past-response.ts";
import { drillCalendar, phoneCallAt, replayDrill, replayPhoneCall } from "./story-practice.ts";
import type { Team } from "./story-setup.ts";
import type { SandboxWorld } from "./world.ts";

interface PastIncident extends PastResponse {
  /** Week of the rotation (0 = its first, Ana's; odd weeks are Ben's) and hours after that week's hand-off. */
  readonly week: number;
  readonly hours: number;
  readonly summary: string;
  /**
   * Events v2 severity: warning is SEV3, info SEV4, neither of which opens a Slack channel on this service: a
   * channel's messages reach the service as Events API requests signed with today's time, which a service
   * whose clock reads weeks ago refuses as replays.
   */
  readonly severity: "warning" | "info";
  readonly source: string;
}

export const PAST_INCIDENTS: readonly PastIncident[] = [
  {
    week: 0,
    hours: 29,
    summary: "Build queue wait above 15 minutes",
    severity: "warning",
    source: "buildkite-agent-metrics",
    ackMinutes: 4,
    resolveMinutes: 38,
  },
  {
    week: 1,
    hours: 51,
    summary: "Artifact uploads to the package registry failing",
    severity: "warning",
    source: "buildkite",
    ackMinutes: 6,
    resolveMinutes: 52,
  },
  {
    week: 1,
    hours: 90,
    summary: "Nightly release build timed out",
    severity: "warning",
    source: "buildkite",
    ackMinutes: 9,
    resolveMinutes: 71,
  },
  {
    week: 2,
    hours: 6,
    summary: "CI runner pool below 50% capacity",
    severity: "info",
    source: "prometheus",
    ackMinutes: 3,
    resolveMinutes: 25,
  },
  {
    week: 3,
    hours: 26,
    summary: "Deploy pipeline stuck at the approval gate",
    severity: "warning",
    source: "argo-rollouts",
    ackMinutes: 13,
    resolveMinutes: 44,
    ackedBy: "chen",
  },
  {
    week: 4,
    hours: 75,
    summary: "Docker layer cache misses above 80%",
    severity: "info",
    source: "prometheus",
    ackMinutes: 5,
    resolveMinutes: 95,
  },
  {
    week: 5,
    hours: 32,
    summary: "Flaky test rate above 5% on main",
    severity: "warning",
    source: "buildkite-test-analytics",
    ackMinutes: 7,
    resolveMinutes: 120,
  },
  {
    week: 5,
    hours: 100,
    summary: "Dependency mirror answering 502",
    severity: "warning",
    source: "prometheus",
    ackMinutes: 2,
    resolveMinutes: 18,
  },
];

/** Sends one Events v2 trigger, as monitoring would. */
async function trigger(world: SandboxWorld, team: Team, past: PastIncident, dedupKey: string): Promise<void> {
  const res = await fetch(`${world.url}/v2/enqueue`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      routing_key: team.service.integrationKey,
      event_action: "trigger",
      dedup_key: dedupKey,
      payload: { summary: past.summary, source: past.source, severity: past.severity },
    }),
  });
  if (res.status !== 202)
    throw new StoryStepError(`seeding the sandbox story: the alert "${past.summary}" answered ${res.status}`);
}

/** Replays one past incident at `at`, leaving the clock at its resolution. @returns its key */
async function replay(world: SandboxWorld, team: Team, past: PastIncident, at: Date): Promise<string> {
  const admin = adminApi(world);
  const step = `the past incident "${past.summary}"`;
  world.clock.travelTo(at);
  await trigger(world, team, past, `sandbox-history-${at.getTime()}`);
  const incident = await waitFor(`${step} to open`, async () =>
    (await admin.get(`/api/incidents?serviceId=${team.service.id}&limit=50`)).incidents.find(
      (i: any) => i.title === past.summary,
    ),
  );
  await respond(world, team, { key: incident.key, onCall: onCallInWeek(past.week), step }, past, at);
  return incident.key;
}

/** What the replay made: the incidents (the phone call's among them), oldest first, and the drill. */
export interface History {
  readonly incidentKeys: readonly string[];
  readonly phoneCallKey: string;
  readonly drillKey: string;
}

/**
 * Replays PAST_INCIDENTS, the phone call and the drill from `rotationStart` on, oldest first (the clock only moves
 * forward, so no job is left due behind it); the clock is left in the past (call present()).
 */
export async function replayHistory(world: SandboxWorld, team: Team, rotationStart: Date): Promise<History> {
  const moments: { at: Date; play: (at: Date) => Promise<string>; kind: "incident" | "call" | "drill" }[] = [
    ...PAST_INCIDENTS.map((past) => ({
      at: new Date(rotationStart.getTime() + past.week * WEEK_MS + past.hours * HOUR_MS),
      play: (at: Date) => replay(world, team, past, at),
      kind: "incident" as const,
    })),
    { at: phoneCallAt(rotationStart), play: (at) => replayPhoneCall(world, team, at), kind: "call" },
    {
      at: drillCalendar(rotationStart, new Date()).pastDrillAt,
      play: (at) => replayDrill(world, team, rotationStart, at),
      kind: "drill",
    },
  ];
  moments.sort((a, b) => a.at.getTime() - b.at.getTime());
  const incidentKeys: string[] = [];
  let phoneCallKey = "";
  let drillKey = "";
  for (const moment of moments) {
    const key = await moment.play(moment.at);
    if (moment.kind === "drill") drillKey = key;
    else incidentKeys.push(key);
    if (moment.kind === "call") phoneCallKey = key;
  }
  return { incidentKeys, phoneCallKey, drillKey };
}
