// Crisis communications in the story (issue 19): the admin sets up the "Engineering leads" as stakeholders and a
// "Build outage" response play; during the incident Ana runs the play and sends status updates from the incident's
// Slack channel with `/incident play` and `/incident update`, as slash commands signed by Slack.
import type { CastMember } from "./story-cast.ts";
import { CAST } from "./story-cast.ts";
import { StoryStepError, waitFor, type ApiClient } from "./story-client.ts";
import type { SandboxWorld } from "./world.ts";

export const STAKEHOLDER_TEAM = "Engineering leads";
export const PLAY_NAME = "Build outage";
/** Release management's list: told of every update, with no Firewatch account. */
export const RELEASES_EMAIL = "releases@example.com";
export const WAR_ROOM = { url: "https://meet.example.com/ci-war-room", dialIn: "+1 555 0100,,2024#" } as const;

export interface CrisisSetup {
  readonly stakeholderTeamId: string;
  readonly playId: string;
}

/**
 * The stakeholders' team and the play, as the admin keeps them. The play pages nobody (the escalation policy does
 * that) and is run by hand: it is not the service's automatic play.
 */
export async function setUpCrisisComms(admin: ApiClient, people: Record<CastMember, { id: string }>) {
  const team = await admin.post("/api/teams", {
    name: STAKEHOLDER_TEAM,
    members: [people.chen.id, people.dana.id],
  });
  const play = await admin.post("/api/response-plays", {
    name: PLAY_NAME,
    addResponders: [],
    addSubscribers: [{ teamId: team.id }, { email: RELEASES_EMAIL }],
    conferenceBridge: WAR_ROOM,
    postToChannel: "CI war room is open on the bridge. The engineering leads and releases@ get the status updates.",
    statusUpdate: "Builds on main are failing and merges are blocked. The CI on-call is on it; updates follow.",
  });
  return { stakeholderTeamId: team.id as string, playId: play.id as string } satisfies CrisisSetup;
}

/** `who` types `/incident <text>` in the channel; resolves once Firewatch answered with what it did. */
async function slashCommand(world: SandboxWorld, who: CastMember, channelId: string, text: string, expect: string) {
  const res = await world.slack.sendCommand(`${world.url}/webhooks/slack/commands`, {
    userId: CAST[who].slackId,
    channelId,
    text,
    command: "/incident",
  });
  const answer = (res.body as { text?: string } | null)?.text ?? "";
  if (res.status !== 200 || !answer.includes(expect))
    throw new StoryStepError(`seeding the sandbox story: /incident ${text} answered ${res.status}: ${answer}`);
}

/** `who` runs the play in the incident's channel. */
export function runPlayInSlack(world: SandboxWorld, who: CastMember, channelId: string): Promise<void> {
  return slashCommand(world, who, channelId, `play ${PLAY_NAME}`, `ran the response play "${PLAY_NAME}"`);
}

/** `who` sends a status update to the subscribers from the incident's channel. */
export function updateInSlack(world: SandboxWorld, who: CastMember, channelId: string, message: string) {
  return slashCommand(world, who, channelId, `update ${message}`, "sent a status update to the subscribers");
}

/** Waits until `count` status updates were each delivered to every subscriber (e-mail and Slack DM). */
export async function stakeholdersTold(api: ApiClient, key: string, count: number): Promise<void> {
  await waitFor(`the ${count} status updates delivered to the stakeholders`, async () => {
    const { statusUpdates } = await api.get(`/api/incidents/${key}/status-updates`);
    const failed = statusUpdates.find((u: any) => u.deliveries.failed > 0);
    if (failed)
      throw new StoryStepError(`seeding the sandbox story: a status update was not delivered: ${failed.message}`);
    return (
      statusUpdates.length === count &&
      statusUpdates.every((u: any) => u.deliveries.total > 0 && u.deliveries.sent === u.deliveries.total)
    );
  });
}
