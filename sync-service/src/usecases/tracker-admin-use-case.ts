// Whether a person who comes through the Forge app administers their site's Jira, which makes them a
// Firewatch admin of that site's tenant. Only the Forge Invocation Token is signed; anything else the app
// sends is the caller's word, so the service asks Jira itself, as the app, with the site's token.
// Answers are remembered for a minute per (tenant, account): a console page makes several calls at once,
// and a right taken away in Jira ends here within that minute. A denial is remembered too; a failed
// question is not, and never grants anything.
import type { Clock } from "../domain/clock.ts";
import type { TicketPorts } from "../ports/ticket-port.ts";

export const ADMIN_ANSWER_TTL_MS = 60_000;
const CACHE_LIMIT = 10_000;

export interface TrackerAdminDeps {
  readonly tickets: TicketPorts;
  readonly clock: Clock;
}

interface Answer {
  readonly admin: boolean;
  readonly at: number;
}

// One cache per running service (keyed by its ports), so two services in one process never share answers.
const cachesByPorts = new WeakMap<TicketPorts, Map<string, Answer>>();

function cacheOf(deps: TrackerAdminDeps): Map<string, Answer> {
  let cache = cachesByPorts.get(deps.tickets);
  if (!cache) cachesByPorts.set(deps.tickets, (cache = new Map()));
  return cache;
}

/**
 * Whether the account administers the tenant's tracker, asked as the app (cached briefly).
 * @throws whatever the tracker call throws (not cached): the caller must then not grant admin
 */
export async function administersTracker(deps: TrackerAdminDeps, tenantId: string, accountId: string): Promise<boolean> {
  const cache = cacheOf(deps);
  const key = `${tenantId}\n${accountId}`;
  const hit = cache.get(key);
  if (hit && deps.clock.now().getTime() - hit.at < ADMIN_ANSWER_TTL_MS) return hit.admin;
  const tracker = await deps.tickets.forTenant(tenantId);
  const grants = await tracker.permissionsOf(accountId, { site: ["administer"] });
  const admin = grants.site.includes("administer");
  cache.delete(key);
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(key, { admin, at: deps.clock.now().getTime() });
  return admin;
}
