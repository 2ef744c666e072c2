// Offboarding a Forge site in SQL: which waiting jobs are the site's, and deleting everything the site
// left behind once its retention period is over. Jobs name their work by id in the payload (incident,
// link, action item, user, or the tenant itself), so "the tenant's jobs" is read from those ids.
import { TENANT_PURGE_TASK } from "../../ports/installation-repository.ts";
import type { PrismaClient } from "./generated/client.ts";

/** The ids in a job payload that belong to tenant `$1`. */
const TENANT_JOB = `(
  payload->>'tenantId' = $1
  OR payload->>'incidentId' IN (SELECT id::text FROM incidents WHERE tenant_id = $1::uuid)
  OR payload->>'linkId' IN (SELECT l.id::text FROM linked_issues l JOIN incidents i ON i.id = l.incident_id WHERE i.tenant_id = $1::uuid)
  OR payload->>'actionItemId' IN (SELECT a.id::text FROM action_items a JOIN incidents i ON i.id = a.incident_id WHERE i.tenant_id = $1::uuid)
  OR payload->>'deliveryId' IN (SELECT d.id::text FROM status_update_deliveries d JOIN status_updates u ON u.id = d.status_update_id JOIN incidents i ON i.id = u.incident_id WHERE i.tenant_id = $1::uuid)
  OR payload->>'userId' IN (SELECT id::text FROM users WHERE tenant_id = $1::uuid)
) AND task <> '${TENANT_PURGE_TASK}'`;

/**
 * Parks the tenant's waiting jobs as failed with reason `$2` at `$3`: they would otherwise wait for an app
 * token that never comes again. They stay visible in /api/jobs, and a re-install can retry them.
 */
export const cancelTenantJobsSql = `UPDATE jobs SET state = 'failed', pending_key = NULL, last_error = $2, finished_at = $3, updated_at = $3
  WHERE state = 'pending' AND ${TENANT_JOB}`;

const OF_INCIDENTS = "incident_id IN (SELECT id FROM incidents WHERE tenant_id = $1::uuid)";

/** Child rows first: most of these tables have no foreign key to cascade along. */
const PURGE_STATEMENTS = [
  `DELETE FROM jobs WHERE state <> 'running' AND ${TENANT_JOB}`,
  ...[
    "alerts",
    "timeline_entries",
    "linked_issues",
    "incident_escalations",
    "pages",
    "incident_channels",
    "chat_messages",
    "status_posts",
    "status_page_incidents",
    "postmortems",
    "action_items",
    "page_links",
    "incident_subscribers",
    "incident_play_runs",
    "voice_calls",
  ].map((table) => `DELETE FROM ${table} WHERE ${OF_INCIDENTS}`),
  `DELETE FROM status_update_deliveries WHERE status_update_id IN (SELECT id FROM status_updates WHERE ${OF_INCIDENTS})`,
  `DELETE FROM status_updates WHERE ${OF_INCIDENTS}`,
  "DELETE FROM incidents WHERE tenant_id = $1::uuid",
  "DELETE FROM response_plays WHERE tenant_id = $1::uuid",
  "DELETE FROM escalation_rules WHERE tenant_id = $1::uuid",
  "DELETE FROM escalation_policies WHERE tenant_id = $1::uuid",
  "DELETE FROM schedules WHERE tenant_id = $1::uuid",
  "DELETE FROM teams WHERE tenant_id = $1::uuid",
  "DELETE FROM services WHERE tenant_id = $1::uuid",
  "DELETE FROM integration_status WHERE tenant_id = $1::uuid",
  "DELETE FROM forge_credentials WHERE tenant_id = $1::uuid",
  "DELETE FROM console_sessions WHERE tenant_id = $1::uuid",
  "DELETE FROM calendar_feeds WHERE tenant_id = $1::uuid",
  "DELETE FROM api_tokens WHERE user_id IN (SELECT id FROM users WHERE tenant_id = $1::uuid)",
  "DELETE FROM users WHERE tenant_id = $1::uuid",
  "DELETE FROM tenants WHERE id = $1::uuid",
];

/**
 * Deletes a tenant and all its data in one transaction, if it is still uninstalled since before `cutoff`.
 * @returns false when there was nothing to delete (re-installed, or not due yet)
 */
export async function purgeTenant(prisma: PrismaClient, tenantId: string, cutoff: Date): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const [tenant] = await tx.$queryRaw<{ cloud_id: string | null }[]>`
      SELECT cloud_id FROM tenants WHERE id = ${tenantId}::uuid AND uninstalled_at IS NOT NULL AND uninstalled_at <= ${cutoff} FOR UPDATE`;
    if (!tenant?.cloud_id) return false;
    // The site's recorded product events (their keys start with its cloud id: forgeDeliveryKey).
    await tx.$executeRaw`DELETE FROM inbound_deliveries WHERE source = 'forge' AND starts_with(delivery_key, ${`${tenant.cloud_id}:`})`;
    // The e-mails its services took (keys start with the tenant: serviceDeliveryKey); they name its incidents.
    await tx.$executeRaw`DELETE FROM inbound_deliveries WHERE source = 'email' AND starts_with(delivery_key, ${`${tenantId}/`})`;
    for (const statement of PURGE_STATEMENTS) await tx.$executeRawUnsafe(statement, tenantId);
    return true;
  });
}
