// The sandbox's seeded story (issue 18, SPEC "Sandbox"), made by driving the real product through its real paths:
// the service's HTTP API, and the stand-ins acting as the vendors and their users would (a person labelling a Jira
// issue fires Jira's webhook, a click in Slack is Slack's signed interaction, a message in the channel its Events
// API callback). Nothing is written to the database directly. In order:
//   a. an admin sets the team up (story-setup.ts), on the day their rotation began, six weeks ago, with the
//      stakeholders and response play of a build outage (story-crisis.ts);
//   e. the weeks since then are replayed on the service's clock, so the reports have a history (story-history.ts),
//      among them a phone call to the service's number that Ben takes, and a practice drill (story-practice.ts);
//   b, c. today a failed build pages Ana, who acknowledges in Slack, runs the play there, keeps the stakeholders told
//      and resolves it with Ben (story-incident.ts);
//   d. the postmortem goes to Confluence and the action items to Jira, one of them done (story-aftermath.ts).
import { performance } from "node:perf_hooks";
import { playAftermath } from "./story-aftermath.ts";
import { CAST, storyCalendar, type CastMember } from "./story-cast.ts";
import { adminApi, outboxQuiet, StoryStepError } from "./story-client.ts";
import { replayHistory, type History } from "./story-history.ts";
import { playIncident } from "./story-incident.ts";
import { CALLER } from "./story-practice.ts";
import { RULE_JQL, setUpTeam } from "./story-setup.ts";
import type { SandboxWorld } from "./world.ts";

export { StoryStepError } from "./story-client.ts";

export interface StoryPerson {
  readonly id: string;
  readonly name: string;
  readonly slackId: string;
  readonly phone: string;
}

/** What the story made, for the demo to print and link to. */
export interface StoryResult {
  readonly incident: { readonly id: string; readonly key: string; readonly title: string; readonly url: string };
  readonly people: Record<CastMember, StoryPerson>;
  readonly service: { readonly id: string; readonly name: string; readonly integrationKey: string };
  readonly scheduleId: string;
  readonly escalationPolicyId: string;
  readonly rule: { readonly id: string; readonly jql: string };
  /** The stakeholders' team and the response play Ana runs (story-crisis.ts). */
  readonly crisis: { readonly stakeholderTeamId: string; readonly playId: string };
  readonly jira: {
    /** The failed build's issue, labelled build-failed. */
    readonly originIssueKey: string;
    readonly actionItemKeys: readonly string[];
    readonly doneActionItemKey: string;
  };
  readonly confluence: { readonly pageId: string; readonly pageUrl: string | null };
  readonly slack: { readonly channelId: string; readonly channelName: string; readonly pageDmChannelId: string };
  readonly statuspage: { readonly incidentId: string | null };
  /**
   * The past incidents replayed for the reports, oldest first (the phone call's among them, not the drill), and the
   * span the reports should be asked for.
   */
  readonly history: {
    readonly incidentKeys: readonly string[];
    readonly drillKey: string;
    readonly phoneCall: { readonly key: string; readonly from: string; readonly to: string };
    readonly from: string;
    readonly to: string;
  };
  /** How long seeding took, in milliseconds. */
  readonly durationMs: number;
}

/** Checks the reports have what a newcomer should see: MTTA and MTTR over the weeks. */
async function checkReports(world: SandboxWorld, from: string, to: string): Promise<void> {
  const report = await adminApi(world).get(`/api/reports/incidents?from=${from}&to=${to}`);
  if (report.mtta.medianSeconds === null || report.mttr.medianSeconds === null || report.weeks.length < 6)
    throw new StoryStepError(`seeding the sandbox story: the reports lack MTTA/MTTR: ${JSON.stringify(report.mtta)}`);
}

export interface SeedOptions {
  /** Hears each act as it begins (for a progress line). */
  readonly onProgress?: (act: string) => void;
}

/**
 * Seeds the story into a fresh world (its service has no people, services or incidents yet).
 * @throws StoryStepError naming the step that did not happen in time or that the service refused
 */
export async function seedStory(world: SandboxWorld, options: SeedOptions = {}): Promise<StoryResult> {
  const progress = options.onProgress ?? (() => {});
  const started = performance.now();
  const calendar = storyCalendar(new Date());
  world.clock.travelTo(calendar.setupAt);
  let team: Awaited<ReturnType<typeof setUpTeam>>;
  let history: History;
  try {
    progress("setting up the CI team, its rotation, escalation policy, service and JQL rule");
    team = await setUpTeam(world, calendar.rotationStart);
    await outboxQuiet(world, "the setup");
    progress("replaying six weeks of past incidents for the reports, a phone call and a practice drill among them");
    history = await replayHistory(world, team, calendar.rotationStart);
  } finally {
    world.clock.present();
  }
  progress("a failed build pages Ana; she acknowledges in Slack, runs the response play, and resolves it with Ben");
  const incident = await playIncident(world, team);
  progress("the postmortem goes to Confluence and its action items to Jira");
  const aftermath = await playAftermath(world, team, incident.key);
  const from = calendar.rotationStart.toISOString();
  const to = new Date(Date.now() + 60_000).toISOString();
  await checkReports(world, from, to);

  const people = Object.fromEntries(
    (Object.keys(CAST) as CastMember[]).map((who) => [
      who,
      { id: team.people[who].id, name: CAST[who].name, slackId: CAST[who].slackId, phone: CAST[who].phone },
    ]),
  ) as Record<CastMember, StoryPerson>;
  return {
    incident: {
      id: incident.id,
      key: incident.key,
      title: incident.title,
      url: `${world.url}/incidents/${incident.key}`,
    },
    people,
    service: team.service,
    scheduleId: team.scheduleId,
    escalationPolicyId: team.policyId,
    rule: { id: team.ruleId, jql: RULE_JQL },
    crisis: team.crisis,
    jira: {
      originIssueKey: incident.originIssueKey,
      actionItemKeys: aftermath.actionItemKeys,
      doneActionItemKey: aftermath.doneActionItemKey,
    },
    confluence: { pageId: aftermath.confluencePageId, pageUrl: aftermath.confluencePageUrl },
    slack: {
      channelId: incident.channelId,
      channelName: incident.channelName,
      pageDmChannelId: incident.pageDmChannelId,
    },
    statuspage: { incidentId: incident.statuspageIncidentId },
    history: {
      incidentKeys: history.incidentKeys,
      drillKey: history.drillKey,
      phoneCall: { key: history.phoneCallKey, from: CALLER, to: team.callRouting.number },
      from,
      to,
    },
    durationMs: Math.round(performance.now() - started),
  };
}
