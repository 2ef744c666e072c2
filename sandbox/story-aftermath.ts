// Act d of the story: Ana publishes the postmortem to Confluence and files the action items, which become Jira
// issues; Ben finishes one and moves it to Done in Jira, and Firewatch reads that back onto the item and the page.
import { outboxQuiet, waitFor } from "./story-client.ts";
import type { Team } from "./story-setup.ts";
import type { SandboxWorld } from "./world.ts";

export const ACTION_ITEMS = [
  "Pin CI service container images by digest",
  "Alert when the integration stage fails twice in a row on main",
  "Document the test image upgrade procedure in the CI runbook",
] as const;

export interface Aftermath {
  readonly confluencePageId: string;
  readonly confluencePageUrl: string | null;
  /** The action items' Jira keys, in ACTION_ITEMS order. */
  readonly actionItemKeys: string[];
  /** The one moved to Done. */
  readonly doneActionItemKey: string;
}

/** Plays act d on the resolved incident `key`; leaves the outbox quiet. */
export async function playAftermath(world: SandboxWorld, team: Team, key: string): Promise<Aftermath> {
  const { ana, ben } = team.people;
  await ana.api.post(`/api/incidents/${key}/postmortem`);
  const published = await waitFor("the postmortem page in Confluence", async () => {
    const p = await ana.api.get(`/api/incidents/${key}/postmortem`);
    return p.pageId ? p : false;
  });

  const ids: string[] = [];
  for (const title of ACTION_ITEMS) ids.push((await ana.api.post(`/api/incidents/${key}/action-items`, { title })).id);
  const linked = await waitFor("the action items filed as Jira issues", async () => {
    const items = (await ana.api.get(`/api/incidents/${key}/action-items`)).actionItems as any[];
    const byId = new Map(items.map((i) => [i.id, i]));
    const keys = ids.map((id) => byId.get(id)?.issueKey as string | null | undefined);
    return keys.every((k) => k) ? (keys as string[]) : false;
  });

  const [doneKey] = linked as [string];
  await world.jira.transitionAsUser(doneKey, "Done", ben.jiraAccountId);
  await waitFor(`${doneKey} read back as done`, async () => {
    const items = (await ana.api.get(`/api/incidents/${key}/action-items`)).actionItems as any[];
    return items.find((i) => i.issueKey === doneKey)?.done === true;
  });
  // The page's action item table shows it done once the page is rendered again.
  const before = (await ana.api.get(`/api/incidents/${key}/postmortem`)).pageVersion as number;
  await ana.api.post(`/api/incidents/${key}/postmortem`);
  await waitFor("the postmortem page refreshed", async () => {
    const p = await ana.api.get(`/api/incidents/${key}/postmortem`);
    return p.pageVersion > before;
  });
  await outboxQuiet(world, "the postmortem and its action items");
  return {
    confluencePageId: published.pageId,
    confluencePageUrl: published.pageUrl,
    actionItemKeys: linked,
    doneActionItemKey: doneKey,
  };
}
