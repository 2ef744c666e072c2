// Act a of the story: the people join Slack and Jira, and an admin sets Firewatch up through its API — people
// and how to reach them, a weekly rotation, a two-level escalation policy, the "CI pipeline" service, the JQL
// rule that pages for failed builds, and the stakeholders and response play of a build outage (story-crisis.ts).
// The service takes calls on its own number (live call routing) and runs a practice drill every other Friday.
import { CI_LINE } from "./stand-ins.ts";
import { CAST, wallClockUtc, type CastMember } from "./story-cast.ts";
import { adminApi, apiClient, type ApiClient } from "./story-client.ts";
import { setUpCrisisComms, type CrisisSetup } from "./story-crisis.ts";
import { drillCalendar } from "./story-practice.ts";
import type { SandboxWorld } from "./world.ts";

export const RULE_JQL = "project = CI AND labels = build-failed";
export const SERVICE_NAME = "CI pipeline";
export const CALL_GREETING = "You have reached the CI on-call. Connecting you now.";

export interface Member {
  readonly id: string;
  /** The API as this person, with a token the admin issued them. */
  readonly api: ApiClient;
  /** Their Atlassian account on the Jira site. */
  readonly jiraAccountId: string;
}

export interface Team {
  readonly people: Record<CastMember, Member>;
  /** The CI system's Atlassian account, which files an issue for each failed build. */
  readonly ciBotAccountId: string;
  readonly scheduleId: string;
  readonly policyId: string;
  readonly service: { id: string; name: string; integrationKey: string };
  /** The service's own number, whose Voice URL is the service's (the Twilio stand-in's second number). */
  readonly callRouting: { readonly number: string; readonly voiceUrl: string };
  readonly ruleId: string;
  readonly crisis: CrisisSetup;
}

/** The people as members of the Slack workspace and accounts of the Atlassian site (not Firewatch: see setUpTeam). */
function joinVendors(world: SandboxWorld): { jiraAccounts: Record<CastMember, string>; ciBotAccountId: string } {
  const jiraAccounts = {} as Record<CastMember, string>;
  for (const [who, p] of Object.entries(CAST) as [CastMember, (typeof CAST)[CastMember]][]) {
    world.slack.addUser({ id: p.slackId, name: p.slackName, realName: p.name, email: p.email, tz: p.timeZone });
    jiraAccounts[who] = world.jira.addUser(p.name, p.email).accountId;
  }
  return { jiraAccounts, ciBotAccountId: world.jira.addUser("CI Bot", "ci-bot@example.com").accountId };
}

async function addPerson(admin: ApiClient, who: CastMember): Promise<{ id: string; token: string }> {
  const p = CAST[who];
  const user = await admin.post("/api/users", {
    name: p.name,
    email: p.email,
    role: p.role,
    timeZone: p.timeZone,
  });
  const contacts = [
    { kind: "slack", address: p.slackId },
    { kind: "sms", address: p.phone },
    ...(p.alsoByEmail ? [{ kind: "email", address: p.email }] : []),
  ];
  for (const contact of contacts) await admin.post(`/api/users/${user.id}/contact-methods`, contact);
  const { token } = await admin.post(`/api/users/${user.id}/tokens`, { name: "sandbox story" });
  return { id: user.id, token };
}

/** Sets the team up as an admin would, the rotation starting (Ana first) at `rotationStart`. */
export async function setUpTeam(world: SandboxWorld, rotationStart: Date): Promise<Team> {
  const admin = adminApi(world);
  const { jiraAccounts, ciBotAccountId } = joinVendors(world);
  const people = {} as Record<CastMember, Member>;
  for (const who of Object.keys(CAST) as CastMember[]) {
    const { id, token } = await addPerson(admin, who);
    people[who] = { id, api: apiClient(world.url, token), jiraAccountId: jiraAccounts[who] };
  }
  const schedule = await admin.post("/api/schedules", {
    name: "CI primary",
    timeZone: "UTC",
    layers: [
      {
        users: [people.ana.id, people.ben.id],
        rotation: { type: "weekly", shiftLength: 1, start: wallClockUtc(rotationStart) },
      },
    ],
    overrides: [],
  });
  const policy = await admin.post("/api/escalation-policies", {
    name: "CI pipeline",
    repeat: 0,
    levels: [
      { delayMinutes: 10, targets: [{ type: "schedule", id: schedule.id }] },
      { delayMinutes: 10, targets: [{ type: "user", id: people.chen.id }] },
    ],
  });
  const service = await admin.post("/api/services", {
    name: SERVICE_NAME,
    description: "Builds, tests and deploys of every repository.",
    defaultSeverity: "SEV3",
    escalationPolicyId: policy.id,
    jira: { projectKey: "CI" },
    slack: { channelSeverities: ["SEV1", "SEV2"], mirrorMode: "all" },
    callRouting: { number: CI_LINE, greeting: CALL_GREETING, ringSeconds: 20 },
    drillSchedule: drillCalendar(rotationStart, new Date()).schedule,
  });
  // In Twilio's console: the number's "A call comes in" webhook (docs/call-routing.md).
  world.twilio.setVoiceUrl(service.endpoints.voice, CI_LINE);
  const rule = await admin.post("/api/escalation-rules", {
    name: "A failed build pages the CI on-call",
    jql: RULE_JQL,
    serviceId: service.id,
    severity: "SEV2",
  });
  return {
    people,
    ciBotAccountId,
    scheduleId: schedule.id,
    policyId: policy.id,
    service: { id: service.id, name: service.name, integrationKey: service.integrationKey },
    callRouting: { number: CI_LINE, voiceUrl: service.endpoints.voice },
    ruleId: rule.id,
    crisis: await setUpCrisisComms(admin, people),
  };
}
