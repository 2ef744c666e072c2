import { randomUUID } from "node:crypto";
import type { InboxRepository, Locks, TenantRepository } from "../../ports/repositories.ts";
import { tenantSettingsOf } from "../../domain/tenant-settings.ts";
import { uniqueViolation } from "./errors.ts";
import type { Prisma } from "./generated/client.ts";

type Db = Prisma.TransactionClient;

export function tenantRepository(db: Db): TenantRepository {
  return {
    async nextIncidentNumber(tenantId) {
      const row = await db.tenant.update({
        where: { id: tenantId },
        data: { incidentSeq: { increment: 1 } },
        select: { incidentSeq: true },
      });
      return row.incidentSeq;
    },
    async settings(tenantId) {
      const row = await db.tenant.findUnique({ where: { id: tenantId }, select: { settings: true } });
      return tenantSettingsOf(row?.settings);
    },
    async setDefaultService(tenantId, serviceId) {
      await db.$executeRaw`UPDATE tenants
        SET settings = jsonb_set(COALESCE(settings, '{}'::jsonb), '{defaultServiceId}', ${JSON.stringify(serviceId)}::jsonb)
        WHERE id = ${tenantId}::uuid`;
    },
  };
}

export function inboxRepository(db: Db): InboxRepository {
  return {
    async record(source, deliveryKey, payload, eventKey) {
      // ON CONFLICT DO NOTHING rather than catching P2002: a failed INSERT would abort the transaction.
      // No conflict target: a clash on either unique key (delivery or event) makes it a duplicate.
      const inserted = await db.$executeRaw`
        INSERT INTO inbound_deliveries (id, source, delivery_key, event_key, payload)
        VALUES (${randomUUID()}::uuid, ${source}, ${deliveryKey}, ${eventKey ?? null}, ${JSON.stringify(payload ?? null)}::jsonb)
        ON CONFLICT DO NOTHING`;
      return inserted === 1;
    },
    async find(source, deliveryKey) {
      const row = await db.inboundDelivery.findUnique({ where: { source_deliveryKey: { source, deliveryKey } } });
      return row?.payload ?? null;
    },
  };
}

export function advisoryLocks(db: Db): Locks {
  return {
    async lock(name) {
      await db.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${name}, 0))`;
    },
  };
}

export { uniqueViolation };
