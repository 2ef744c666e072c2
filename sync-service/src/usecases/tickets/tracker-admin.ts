// Whether a person who comes through the Forge app administers their site's Jira, which makes them a
// Firewatch admin of that site's tenant, which issues they may browse there and where they may create issues. Only the Forge Invocation Token is signed; anything else the app
// sends is the caller's word, so the service asks Jira itself, as the app, with the site's token.
// Answers are remembered for a minute per (tenant, account, question): a console page makes several calls at once,
// and a right taken away in Jira ends here within that minute. A denial is remembered too; a failed
// question is not, and never grants anything.
import type { Clock } from "../../domain/clock.ts";
import type { TicketPorts } from "../../ports/ticket-port.ts";

export const ADMIN_ANSWER_TTL_MS = 60_000;
const CACHE_LIMIT = 10_000;

export interface TrackerAdminDeps {
  readonly tickets: TicketPorts;
  readonly clock: Clock;
}

interface Answer {
  readonly granted: boolean;
  readonly at: number;
}

// One cache per running service (keyed by its ports), so two services in one process never share answers.
const cachesByPorts = new WeakMap<TicketPorts, Map<string, Answer>>();

function cacheOf(deps: TrackerAdminDeps): Map<string, Answer> {
  let cache = cachesByPorts.get(deps.tickets);
  if (!cache) cachesByPorts.set(deps.tickets, (cache = new Map()));
  return cache;
}

function recall(deps: TrackerAdminDeps, key: string): boolean | undefined {
  const hit = cacheOf(deps).get(key);
  return hit && deps.clock.now().getTime() - hit.at < ADMIN_ANSWER_TTL_MS ? hit.granted : undefined;
}

function remember(deps: TrackerAdminDeps, key: string, granted: boolean): void {
  const cache = cacheOf(deps);
  cache.delete(key);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, { granted, at: deps.clock.now().getTime() });
}

/**
 * Whether the account administers the tenant's tracker, asked as the app (cached briefly).
 * @throws whatever the tracker call throws (not cached): the caller must then not grant admin
 */
export async function administersTracker(
  deps: TrackerAdminDeps,
  tenantId: string,
  accountId: string,
): Promise<boolean> {
  return rememberedAnswer(deps, `${tenantId}\n${accountId}\nadminister`, async () => {
    const tracker = await deps.tickets.forTenant(tenantId);
    return (await tracker.permissionsOf(accountId, { site: ["administer"] })).site.includes("administer");
  });
}

/** The remembered answer under `key`, or `ask`'s, remembered (a failed question is not). */
async function rememberedAnswer(deps: TrackerAdminDeps, key: string, ask: () => Promise<boolean>): Promise<boolean> {
  const known = recall(deps, key);
  if (known !== undefined) return known;
  const granted = await ask();
  remember(deps, key, granted);
  return granted;
}

/**
 * Of `issueIds`, those the account may browse in the tenant's tracker, asked as the app in one request
 * for the ones not remembered (cached briefly, per issue).
 * @throws whatever the tracker call throws (not cached): the caller must then show nothing
 */
export async function browsableIssueIds(
  deps: TrackerAdminDeps,
  tenantId: string,
  accountId: string,
  issueIds: readonly string[],
): Promise<Set<string>> {
  const keyOf = (id: string) => `${tenantId}\n${accountId}\nbrowse:${id}`;
  const unknown = [...new Set(issueIds)].filter((id) => recall(deps, keyOf(id)) === undefined);
  if (unknown.length) {
    const tracker = await deps.tickets.forTenant(tenantId);
    const grants = await tracker.permissionsOf(accountId, { issues: [{ permission: "browse", issueIds: unknown }] });
    const granted = new Set(grants.issues.filter((g) => g.permission === "browse").flatMap((g) => g.issueIds));
    for (const id of unknown) remember(deps, keyOf(id), granted.has(id));
  }
  return new Set(issueIds.filter((id) => recall(deps, keyOf(id)) === true));
}

/**
 * Whether the account may create issues in the project (Jira's Create issues), asked as the app (cached briefly).
 * A project that does not exist holds no right.
 * @throws whatever the tracker call throws (not cached): the caller must then not create
 */
export async function createsIssuesIn(
  deps: TrackerAdminDeps,
  tenantId: string,
  accountId: string,
  projectKey: string,
): Promise<boolean> {
  return rememberedAnswer(deps, `${tenantId}\n${accountId}\ncreate:${projectKey}`, async () => {
    const tracker = await deps.tickets.forTenant(tenantId);
    const grants = await tracker.permissionsOf(accountId, {
      projects: [{ permission: "create", projectKeys: [projectKey] }],
    });
    return grants.projects.some((g) => g.permission === "create" && g.projectKeys.includes(projectKey));
  });
}
