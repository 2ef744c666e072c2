// The repositories of one in-memory transaction (in-memory-store.ts), each behaving as its Prisma adapter does
// where the core use cases can tell. Methods they do not use are left out: calling one throws (partialFake).
import type { StoredTimelineEntry } from "../../domain/timeline.ts";
import type {
  AlertRepository,
  InboxRepository,
  IncidentRepository,
  IntegrationStatusRepository,
  LinkedIssueRepository,
  ServiceRepository,
  TenantRepository,
  TimelineRepository,
} from "../../ports/repositories.ts";
import { DEFAULT_TENANT_SETTINGS } from "../../domain/tenant-settings.ts";
import { ConflictUseCaseError } from "../shared/errors.ts";
import { ofTenant, type Tables } from "./in-memory-tables.ts";
import { partialFake } from "./not-faked.ts";

export function incidentsIn(t: Tables): IncidentRepository {
  const byNumber = (tenantId: string, number: number) =>
    [...t.incidents.values()].find((i) => i.tenantId === tenantId && i.number === number) ?? null;
  return partialFake<IncidentRepository>("tx.incidents", {
    async insert(incident) {
      if (t.incidents.has(incident.id) || byNumber(incident.tenantId, incident.number))
        throw new Error(`incident ${incident.id} (INC-${incident.number}) is already stored`);
      t.incidents.set(incident.id, incident);
    },
    async update(incident) {
      const stored = t.incidents.get(incident.id);
      if (!stored || stored.revision !== incident.revision - 1) {
        throw new ConflictUseCaseError(
          "INCIDENT.CONCURRENT_UPDATE",
          `INC-${incident.number} was changed by someone else at the same time; reload it and try again.`,
        );
      }
      const { tenantId, number, createdAt } = stored;
      t.incidents.set(incident.id, { ...incident, tenantId, number, createdAt });
    },
    findById: async (tenantId, id) => ofTenant(t.incidents.get(id), tenantId),
    get: async (id) => t.incidents.get(id) ?? null,
    lockById: async (tenantId, id) => ofTenant(t.incidents.get(id), tenantId),
    findByNumber: async (tenantId, number) => byNumber(tenantId, number),
  });
}

export function alertsIn(t: Tables): AlertRepository {
  const alert = (id: string) => {
    const found = t.alerts.get(id);
    if (!found) throw new Error(`no alert ${id} is stored`);
    return found;
  };
  const open = (incidentId: string) =>
    [...t.alerts.values()].filter((a) => a.incidentId === incidentId && a.resolvedAt === null);
  const alerts: AlertRepository = {
    findOpen: async (serviceId, dedupKey) =>
      [...t.alerts.values()].find((a) => a.serviceId === serviceId && a.dedupKey === dedupKey && !a.resolvedAt) ?? null,
    async insert(a) {
      if (await alerts.findOpen(a.serviceId, a.dedupKey))
        throw new Error(`service ${a.serviceId} already has an open alert ${a.dedupKey}`);
      t.alerts.set(a.id, a);
    },
    async recordRepeat(alertId, at, entry) {
      const a = alert(alertId);
      t.alerts.set(alertId, { ...a, count: a.count + 1, lastAt: at });
      await timelineIn(t).append(entry);
    },
    async resolve(alertId, at) {
      t.alerts.set(alertId, { ...alert(alertId), resolvedAt: at });
    },
    async resolveAllOf(incidentId, at) {
      const resolving = open(incidentId);
      for (const a of resolving) t.alerts.set(a.id, { ...a, resolvedAt: at });
      return resolving.length;
    },
    countOpen: async (incidentId) => open(incidentId).length,
    listOf: async (incidentId) =>
      [...t.alerts.values()]
        .filter((a) => a.incidentId === incidentId)
        .sort((a, b) => a.firstAt.getTime() - b.firstAt.getTime()),
  };
  return alerts;
}

type Position = Pick<StoredTimelineEntry, "occurredAt" | "seq">;
const inTimeOrder = (a: Position, b: Position) =>
  a.occurredAt.getTime() - b.occurredAt.getTime() || Number(a.seq - b.seq);

export function timelineIn(t: Tables): TimelineRepository {
  const of = (incidentId: string) => t.timeline.filter((e) => e.incidentId === incidentId).sort(inTimeOrder);
  return partialFake<TimelineRepository>("tx.timeline", {
    // Keyed by (incident, source, sourceId): a re-sync updates in place, keeping id, order, edits and key moment.
    async append(entry) {
      const i = t.timeline.findIndex(
        (e) => e.incidentId === entry.incidentId && e.source === entry.source && e.sourceId === entry.sourceId,
      );
      const stored = t.timeline[i];
      if (stored) {
        const { edits = stored.edits, keyMoment = stored.keyMoment } = entry;
        t.timeline[i] = { ...stored, ...entry, id: stored.id, edits, keyMoment };
        return;
      }
      t.sequences.timeline += 1n;
      t.timeline.push({
        ...entry,
        edits: entry.edits ?? [],
        keyMoment: entry.keyMoment ?? false,
        seq: t.sequences.timeline,
      });
    },
    listOf: async (incidentId, { limit = 1000, after } = {}) =>
      of(incidentId)
        .filter((e) => !after || e.occurredAt > after)
        .slice(0, limit),
    page: async (incidentId, f) =>
      of(incidentId)
        .filter((e) => !f.sources?.length || f.sources.includes(e.source))
        .filter((e) => !f.types?.length || f.types.includes(e.type))
        .filter((e) => !f.keyMomentsOnly || e.keyMoment)
        .filter((e) => !f.after || inTimeOrder(e, { occurredAt: f.after.occurredAt, seq: f.after.seq }) > 0)
        .slice(0, f.limit),
    get: async (id) => t.timeline.find((e) => e.id === id) ?? null,
    findBySource: async (incidentId, source, sourceId) =>
      t.timeline.find((e) => e.incidentId === incidentId && e.source === source && e.sourceId === sourceId) ?? null,
  });
}

export function servicesIn(t: Tables): ServiceRepository {
  return partialFake<ServiceRepository>("tx.services", {
    findById: async (tenantId, id) => ofTenant(t.services.get(id), tenantId),
    get: async (id) => t.services.get(id) ?? null,
    findByIntegrationKey: async (key) => [...t.services.values()].find((s) => s.integrationKey === key) ?? null,
    list: async (tenantId) =>
      [...t.services.values()].filter((s) => s.tenantId === tenantId).sort((a, b) => a.name.localeCompare(b.name)),
  });
}

/** A tenant not seeded counts its incidents from 1 and has the default settings. */
export function tenantsIn(t: Tables): TenantRepository {
  return {
    async nextIncidentNumber(tenantId) {
      const tenant = t.tenants.get(tenantId) ?? { incidentSeq: 0 };
      t.tenants.set(tenantId, { ...tenant, incidentSeq: tenant.incidentSeq + 1 });
      return tenant.incidentSeq + 1;
    },
    settings: async (tenantId) => t.tenants.get(tenantId)?.settings ?? DEFAULT_TENANT_SETTINGS,
    async setDefaultService(tenantId, defaultServiceId) {
      const tenant = t.tenants.get(tenantId) ?? { incidentSeq: 0 };
      t.tenants.set(tenantId, {
        ...tenant,
        settings: { ...(tenant.settings ?? DEFAULT_TENANT_SETTINGS), defaultServiceId },
      });
    },
  };
}

export function inboxIn(t: Tables): InboxRepository {
  return {
    async record(source, deliveryKey, payload, eventKey) {
      const keys = [`${source} delivery ${deliveryKey}`, ...(eventKey ? [`${source} event ${eventKey}`] : [])];
      if (keys.some((k) => t.inbox.has(k))) return false;
      for (const k of keys) t.inbox.set(k, payload ?? null);
      return true;
    },
    find: async (source, deliveryKey) => t.inbox.get(`${source} delivery ${deliveryKey}`) ?? null,
  };
}

export function linksIn(t: Tables): LinkedIssueRepository {
  const link = (id: string) => {
    const found = t.links.get(id);
    if (!found) throw new Error(`no linked issue ${id} is stored`);
    return found;
  };
  return partialFake<LinkedIssueRepository>("tx.links", {
    insert: async (l) => void t.links.set(l.id, l),
    update: async (l) => void t.links.set(link(l.id).id, l),
    markCreateSent: async (id, at) => void t.links.set(id, { ...link(id), createSentAt: at }),
    findById: async (id) => t.links.get(id) ?? null,
    listOf: async (incidentId) =>
      [...t.links.values()]
        .filter((l) => l.incidentId === incidentId)
        .sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime()),
  });
}

export function integrationsIn(t: Tables): IntegrationStatusRepository {
  return {
    record: async (tenantId, health) => void t.integrations.set(`${tenantId}:${health.name}`, { ...health, tenantId }),
    list: async (tenantId) =>
      [...t.integrations.values()].filter((h) => h.tenantId === tenantId).map(({ tenantId: _, ...h }) => h),
  };
}
