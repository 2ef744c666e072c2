import type { EscalationPolicy, PolicyLevel } from "../../domain/escalation-policy.ts";
import type { ContactKind, ContactMethod } from "../../ports/notifier-port.ts";
import type { OnCallRepository, PageRecord } from "../../ports/oncall-repository.ts";
import { DuplicatePersistenceError, uniqueViolation } from "./errors.ts";
import type { Prisma } from "./generated/client.ts";
import { byName } from "./keyset.ts";
import { isUuid } from "../../domain/ids.ts";

type Db = Prisma.TransactionClient;

const toPolicy = (row: {
  id: string;
  tenantId: string;
  name: string;
  repeat: number;
  levels: unknown;
}): EscalationPolicy => ({
  id: row.id,
  tenantId: row.tenantId,
  name: row.name,
  repeat: row.repeat,
  levels: row.levels as PolicyLevel[],
});
const toContact = (row: { id: string; userId: string; kind: string; address: string }): ContactMethod => ({
  ...row,
  kind: row.kind as ContactKind,
});
const toPage = (row: any): PageRecord => ({ ...row, state: row.state as PageRecord["state"] });

export function onCallRepository(db: Db): OnCallRepository {
  return {
    async insertUser(user) {
      try {
        await db.user.create({ data: user });
      } catch (error) {
        // users_tenant_id_email_key: the e-mail is the only unique column an inserted person brings.
        if (uniqueViolation(error))
          throw new DuplicatePersistenceError(
            "USER.EMAIL_TAKEN",
            `A person with the e-mail ${JSON.stringify(user.email)} already exists.`,
            { cause: error },
          );
        throw error;
      }
    },
    findUser: (tenantId, id) => db.user.findFirst({ where: { tenantId, id } }),
    async renameUser(tenantId, id, name) {
      // A name fetched now is the personal data Firewatch reports as fetched at this time (personal-data-use-case).
      await db.user.updateMany({ where: { tenantId, id }, data: { name, personalDataAt: new Date() } });
    },
    getUser: (id) => db.user.findUnique({ where: { id } }),
    listUsers: (tenantId) => db.user.findMany({ where: { tenantId }, orderBy: { name: "asc" } }),
    pageUsers(tenantId, page) {
      const { where, ...rest } = byName(page);
      return db.user.findMany({ where: { tenantId, ...where }, ...rest });
    },
    // Schedules may name people by ids that are not (yet) users; only UUIDs can be (the column's type).
    findUsers: (tenantId, ids) => db.user.findMany({ where: { tenantId, id: { in: ids.filter(isUuid) } } }),
    async insertContact(contact) {
      await db.contactMethod.create({ data: contact });
    },
    async listContacts(userId) {
      return (await db.contactMethod.findMany({ where: { userId }, orderBy: { createdAt: "asc" } })).map(toContact);
    },
    async listContactsOf(userIds) {
      const ids = userIds.filter(isUuid);
      if (ids.length === 0) return [];
      const rows = await db.contactMethod.findMany({ where: { userId: { in: ids } }, orderBy: { createdAt: "asc" } });
      return rows.map(toContact);
    },
    async findUserByContact(kind, address) {
      const row = await db.contactMethod.findFirst({
        where: { kind, address },
        orderBy: { createdAt: "asc" },
        include: { user: true },
      });
      return row?.user ?? null;
    },
    async insertNotificationRule(rule) {
      await db.notificationRule.create({ data: rule });
    },
    listNotificationRules: (userId) =>
      db.notificationRule.findMany({ where: { userId }, orderBy: [{ delayMinutes: "asc" }, { createdAt: "asc" }] }),
    async saveSchedule(s) {
      const data = { name: s.name, definition: s.definition as Prisma.InputJsonValue, updatedAt: new Date() };
      await db.schedule.upsert({
        where: { id: s.id },
        create: { id: s.id, tenantId: s.tenantId, ...data },
        update: data,
      });
    },
    findSchedule: (tenantId, id) => db.schedule.findFirst({ where: { tenantId, id } }),
    async lockSchedule(tenantId, id) {
      await db.$executeRaw`SELECT 1 FROM schedules WHERE id = ${id}::uuid AND tenant_id = ${tenantId}::uuid FOR UPDATE`;
      return db.schedule.findFirst({ where: { tenantId, id } });
    },
    getSchedule: (id) => db.schedule.findUnique({ where: { id } }),
    listSchedules: (tenantId) => db.schedule.findMany({ where: { tenantId }, orderBy: { name: "asc" } }),
    pageSchedules(tenantId, page) {
      const { where, ...rest } = byName(page);
      return db.schedule.findMany({ where: { tenantId, ...where }, ...rest });
    },
    async savePolicy(p) {
      const data = {
        name: p.name,
        repeat: p.repeat,
        levels: p.levels as unknown as Prisma.InputJsonValue,
        updatedAt: new Date(),
      };
      await db.escalationPolicy.upsert({
        where: { id: p.id },
        create: { id: p.id, tenantId: p.tenantId, ...data },
        update: data,
      });
    },
    async findPolicy(tenantId, id) {
      const row = await db.escalationPolicy.findFirst({ where: { tenantId, id } });
      return row && toPolicy(row);
    },
    async getPolicy(id) {
      const row = await db.escalationPolicy.findUnique({ where: { id } });
      return row && toPolicy(row);
    },
    async listPolicies(tenantId) {
      return (
        await db.escalationPolicy.findMany({ where: { tenantId }, orderBy: [{ name: "asc" }, { id: "asc" }] })
      ).map(toPolicy);
    },
    async deletePolicy(tenantId, id) {
      await db.escalationPolicy.deleteMany({ where: { tenantId, id } });
    },
    async startEscalation(incidentId, policy, at) {
      await db.$executeRaw`INSERT INTO incident_escalations (incident_id, policy, started_at)
        VALUES (${incidentId}::uuid, ${JSON.stringify(policy)}::jsonb, ${at}) ON CONFLICT (incident_id) DO NOTHING`;
      return (await this.escalationOf(incidentId))!;
    },
    async escalationOf(incidentId) {
      const row = await db.incidentEscalation.findUnique({ where: { incidentId } });
      return row ? (row.policy as unknown as EscalationPolicy) : null;
    },
    async escalationProgress(incidentId) {
      const row = await db.incidentEscalation.findUnique({ where: { incidentId } });
      if (!row) return null;
      const step = (round: number | null, level: number | null) =>
        round === null || level === null ? null : { round, level };
      const next = step(row.nextRound, row.nextLevel);
      return {
        policy: row.policy as unknown as EscalationPolicy,
        startedAt: row.startedAt,
        last: step(row.round, row.level),
        next: next && row.nextAt ? { ...next, at: row.nextAt } : null,
      };
    },
    async recordEscalationStep(incidentId, last, next) {
      await db.incidentEscalation.update({
        where: { incidentId },
        data: {
          round: last.round,
          level: last.level,
          nextRound: next?.round ?? null,
          nextLevel: next?.level ?? null,
          nextAt: next?.at ?? null,
        },
      });
    },
    async claimPage(page) {
      await db.$executeRaw`INSERT INTO pages (id, key, incident_id, user_id, contact_method_id, level, round, state)
        VALUES (${page.id}::uuid, ${page.key}, ${page.incidentId}::uuid, ${page.userId}::uuid, ${page.contactMethodId}::uuid,
                ${page.level}, ${page.round}, ${page.state}) ON CONFLICT (key) DO NOTHING`;
      return toPage(await db.page.findUnique({ where: { key: page.key } }));
    },
    async updatePage(page) {
      await db.page.update({
        where: { id: page.id },
        data: { state: page.state, providerId: page.providerId, error: page.error },
      });
    },
    async lockPage(id) {
      const [row] = await db.$queryRaw<unknown[]>`SELECT id FROM pages WHERE id = ${id}::uuid FOR UPDATE`;
      return row ? toPage(await db.page.findUnique({ where: { id } })) : null;
    },
    async getPage(id) {
      const row = await db.page.findUnique({ where: { id } });
      return row && toPage(row);
    },
    async latestPageToNumber(address, incidentNumber) {
      const [row] = await db.$queryRaw<{ id: string }[]>`SELECT p.id FROM pages p
        JOIN contact_methods c ON c.id = p.contact_method_id
        JOIN incidents i ON i.id = p.incident_id
        WHERE c.address = ${address} AND c.kind IN ('sms', 'voice')
          AND NOT (p.state = 'failed' AND p.provider_id IS NULL)
          AND (${incidentNumber}::int IS NULL OR i.number = ${incidentNumber}::int)
        ORDER BY p.created_at DESC, p.id LIMIT 1`;
      return row ? this.getPage(row.id) : null;
    },
    async listPages(incidentId) {
      return (await db.page.findMany({ where: { incidentId }, orderBy: { createdAt: "asc" } })).map(toPage);
    },
  };
}
