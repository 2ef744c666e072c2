// The status-page port on Statuspage. Errors (https://developer.statuspage.io/#section/Rate-Limiting and
// the per-operation responses): 420/429 mean "too many requests" (1 request per second per key) and wait
// Retry-After or a second; 401/403 mean the key is wrong or lacks access (the integration shows unhealthy and
// the job waits without wearing down); 400/404/422 refuse this post for good (it fails with the API's message); 5xx and network errors
// back off.
import { IntegrationError } from "../../ports/integration-errors.ts";
import {
  unconfiguredStatusPage,
  type RemoteStatusIncident,
  type StatusPagePort,
  type StatusUpdateRequest,
} from "../../ports/status-page-port.ts";
import type { SpIncident } from "../../formats/statuspage/statuspage-incident.ts";
import { StatuspageClient, StatuspageHttpError, type StatuspageSettings } from "./statuspage-client.ts";

export function statuspageAdapter(settings: StatuspageSettings | null): StatusPagePort {
  if (!settings) return unconfiguredStatusPage;
  const client = new StatuspageClient(settings);
  const call = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw translate(error);
    }
  };
  return {
    configured: true,
    async findByIncident(incidentId) {
      return call(async () => {
        const mine = (i: SpIncident) =>
          (i.metadata?.firewatch as { incident_id?: unknown } | undefined)?.incident_id === incidentId;
        const found = (await client.unresolvedIncidents()).find(mine) ?? (await client.recentIncidents()).find(mine);
        return found ? toRemote(found) : null;
      });
    },
    get: (remoteId) => call(async () => toRemote(await client.incident(remoteId))),
    create: (name, incidentId, update) =>
      call(async () =>
        toRemote(
          await client.createIncident({
            name,
            ...fields(update),
            metadata: { firewatch: { incident_id: incidentId } },
          }),
        ),
      ),
    update: (remoteId, update) => call(async () => toRemote(await client.updateIncident(remoteId, fields(update)))),
  };
}

/** The incident fields of a post: components as { id: status } plus their ids, which marks them affected. */
function fields(update: StatusUpdateRequest): Record<string, unknown> {
  return {
    ...(update.name ? { name: update.name } : {}),
    status: update.status,
    body: update.body,
    deliver_notifications: update.deliverNotifications,
    ...(update.components.length > 0
      ? {
          components: Object.fromEntries(update.components.map((c) => [c.componentId, c.status])),
          component_ids: update.components.map((c) => c.componentId),
        }
      : {}),
  };
}

function toRemote(i: SpIncident): RemoteStatusIncident {
  const updates = i.incident_updates
    .map((u) => ({ id: u.id, status: u.status, body: u.body, createdAt: new Date(u.created_at) }))
    .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime());
  return { id: i.id, shortlink: i.shortlink ?? null, status: i.status, updates };
}

function translate(error: unknown): Error {
  if (error instanceof StatuspageHttpError) {
    if (error.status === 420 || error.status === 429)
      return new IntegrationError("statuspage", "transient", error.message, {
        cause: error,
        retryAfterMs: (error.retryAfterSeconds ?? 1) * 1000,
      });
    if (error.status === 401 || error.status === 403)
      return new IntegrationError("statuspage", "access", error.message, { cause: error });
    if (error.status === 400 || error.status === 404 || error.status === 422)
      return new IntegrationError("statuspage", "rejected", error.message, { cause: error });
    return error;
  }
  return error instanceof Error ? error : new Error(String(error));
}
