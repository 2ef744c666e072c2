// Acts b and c of the story, today: a CI build fails, the CI system files an issue in Jira and Ben labels it
// `build-failed` (Jira's webhook → the JQL rule → an incident → Ana paged by Slack DM and SMS); Ana clicks
// Acknowledge in Slack, runs the "Build outage" play in the incident's channel (the leads and releases@ subscribed,
// the bridge opened, the first status update sent), pulls Ben in, they work it out in the channel (mirrored to the
// timeline) while the status page follows and the stakeholders get a status update from Slack, Ben comments on the
// Jira issue, and Ana resolves it.
import { CAST, type CastMember } from "./story-cast.ts";
import { adminApi, outboxQuiet, StoryStepError, timelineOf, waitFor, type ApiClient } from "./story-client.ts";
import { runPlayInSlack, stakeholdersTold, updateInSlack } from "./story-crisis.ts";
import type { Team } from "./story-setup.ts";
import type { SandboxWorld } from "./world.ts";

export interface StoryIncident {
  readonly id: string;
  readonly key: string;
  readonly title: string;
  readonly originIssueKey: string;
  readonly channelId: string;
  readonly channelName: string;
  /** Ana's DM with the Firewatch bot, where her page (and its button) is. */
  readonly pageDmChannelId: string;
  readonly statuspageIncidentId: string | null;
}

/**
 * How long before her click Ana was paged. The page goes out this long ago on the service's clock, which then
 * returns to the present for the click: Slack's requests are signed with the real time, and the service accepts
 * them within five minutes of its own (https://docs.slack.dev/authentication/verifying-requests-from-slack).
 */
const PAGE_TO_ACK_MS = 4 * 60_000;

/** Whether `text` names the incident `key` (INC-9, not INC-90). */
const names = (text: string | null | undefined, key: string) => new RegExp(`\\b${key}\\b`).test(text ?? "");

/** A failed build becomes an incident through the JQL rule; resolves once Ana's page reached Slack and her phone. */
async function buildFails(world: SandboxWorld, team: Team) {
  const admin = adminApi(world);
  const issue = await world.jira.createIssueAsUser(
    {
      project: "CI",
      issueType: "Bug",
      priority: "High",
      summary: "Build #4812 failed on main: integration tests",
      description:
        "Pipeline ci/main #4812 failed in stage integration-tests: 14 tests failed, all in the payments-db suite.",
    },
    team.ciBotAccountId,
  );
  await world.jira.setLabelsAsUser(issue.key, ["build-failed"], team.people.ben.jiraAccountId);
  const incident = await waitFor("the JQL rule to open an incident for the labelled issue", async () =>
    (await admin.get(`/api/incidents?serviceId=${team.service.id}&limit=10`)).incidents.find((i: any) =>
      i.title.startsWith(`${issue.key}:`),
    ),
  );
  const page = await waitFor("Ana's page in her Slack DM", () =>
    world.slack.messages({ user: CAST.ana.slackId }).find((m) => names(m.text, incident.key)),
  );
  await waitFor("Ana's page by SMS", () =>
    world.twilio.messagesTo(CAST.ana.phone).some((body) => names(body, incident.key)),
  );
  return { incident, issueKey: issue.key, page };
}

/** Waits until the incident's channel exists and `slackId` is in it; returns the channel. */
async function inChannel(world: SandboxWorld, api: ApiClient, key: string, slackId: string, who: string) {
  const channel = await waitFor("the incident's Slack channel", async () => {
    const c = await api.get(`/api/incidents/${key}/channel`);
    return c.state === "ready" ? c : false;
  });
  await waitFor(`${who} invited to ${channel.channelName}`, () =>
    world.slack.members(channel.channelId).includes(slackId),
  );
  return channel as { channelId: string; channelName: string };
}

type Line =
  | { say: [CastMember, string] }
  | { update: [CastMember, string] }
  | { status: [string, string, string] }
  | { jira: string };

/** The conversation, the status posts, the stakeholders' update and Ben's Jira comment, in the order they happen. */
const RESPONSE: readonly Line[] = [
  { say: ["ana", "Looking. #4812 failed in integration-tests: 14 failures, all in the payments-db suite."] },
  {
    status: [
      "investigating",
      "Builds on main are failing in the integration test stage. We are investigating.",
      "partial_outage",
    ],
  },
  { say: ["ben", "Same failures on two other branches since 09:40. The postgres test image changed this morning."] },
  { say: ["ana", "Confirmed: the postgres:16 tag moved to 16.4 and our fixtures fail on it. Pinning 16.3."] },
  {
    status: [
      "identified",
      "A new test database image breaks our integration tests; a fix is rolling out.",
      "partial_outage",
    ],
  },
  {
    update: [
      "ana",
      "Cause found: the postgres:16 test image moved to 16.4. We are pinning 16.3; merges should unblock within the hour.",
    ],
  },
  { jira: "Re-ran #4812 with postgres 16.3 pinned: green." },
  { say: ["ben", "Pin merged in ci-images#212, re-running main."] },
  {
    status: ["monitoring", "The fix is in place and builds pass again. We are monitoring.", "degraded_performance"],
  },
  { say: ["ana", "Main is green again (#4815). Keeping an eye on the next builds."] },
  { status: ["resolved", "Builds are back to normal.", "operational"] },
];

/** The status page's component for the service: "CI pipeline" where the stand-in has it, else its first. */
function ciComponentId(world: SandboxWorld): string {
  const components = world.statuspage.components() as { id: string; name: string }[];
  const id = (components.find((c) => c.name === "CI pipeline") ?? components[0])?.id;
  if (!id) throw new StoryStepError("seeding the sandbox story: the Statuspage stand-in has no component");
  return id;
}

/** Plays acts b and c; leaves the incident resolved and the outbox quiet. */
export async function playIncident(world: SandboxWorld, team: Team): Promise<StoryIncident> {
  const { ana, ben } = team.people;
  world.clock.travelTo(new Date(Date.now() - PAGE_TO_ACK_MS));
  let failed: Awaited<ReturnType<typeof buildFails>>;
  try {
    failed = await buildFails(world, team);
    await outboxQuiet(world, "Ana's page");
  } finally {
    world.clock.present();
  }
  const { incident, issueKey, page } = failed;
  const key: string = incident.key;

  const click = await world.slack.click(CAST.ana.slackId, page.channel, page.ts, "firewatch_acknowledge");
  if (click.status !== 200) throw new StoryStepError(`seeding the sandbox story: Ana's click answered ${click.status}`);
  await waitFor("the incident acknowledged from Slack", async () =>
    (await ana.api.get(`/api/incidents/${key}`)).status === "acknowledged" ? true : false,
  );
  const channel = await inChannel(world, ana.api, key, CAST.ana.slackId, "Ana");
  await runPlayInSlack(world, "ana", channel.channelId);
  let updates = 1; // the play's own
  await ana.api.post(`/api/incidents/${key}/responders`, { userId: ben.id });
  await inChannel(world, ana.api, key, CAST.ben.slackId, "Ben");

  const component = ciComponentId(world);
  let said = 0;
  let posted = 0;
  for (const line of RESPONSE) {
    if ("say" in line) {
      const [who, text] = line.say;
      await world.slack.postAs(CAST[who].slackId, channel.channelId, text);
      said++;
    } else if ("update" in line) {
      await updateInSlack(world, line.update[0], channel.channelId, line.update[1]);
      updates++;
    } else if ("jira" in line) {
      await world.jira.commentAsUser(issueKey, line.jira, ben.jiraAccountId);
    } else {
      const [status, body, componentStatus] = line.status;
      await ana.api.post(`/api/incidents/${key}/status-posts`, {
        status,
        body,
        components: [{ componentId: component, status: componentStatus }],
      });
      posted++;
      const n = posted;
      await waitFor(`the "${status}" post on the status page`, async () => {
        const posts = (await ana.api.get(`/api/incidents/${key}/status-posts`)).statusPosts;
        return posts.length === n && posts.every((p: any) => p.state === "published");
      });
    }
  }
  await waitFor("the Slack conversation and the Jira comment on the timeline", async () => {
    const entries = await timelineOf(ana.api, key);
    const chat = entries.filter((e) => e.type === "chat.message" && e.source === "slack").length;
    return chat >= said && entries.some((e) => e.type === "ticket.comment");
  });
  await stakeholdersTold(ana.api, key, updates);
  await ana.api.post(`/api/incidents/${key}/resolve`);
  await outboxQuiet(world, "the incident's resolution");
  const statuspageIncident = world.statuspage.incidents().at(-1) as { id?: string } | undefined;
  return {
    id: incident.id,
    key,
    title: incident.title,
    originIssueKey: issueKey,
    channelId: channel.channelId,
    channelName: channel.channelName,
    pageDmChannelId: page.channel,
    statuspageIncidentId: statuspageIncident?.id ?? null,
  };
}
