import type { EscalationRule } from "../../domain/escalation-rule.ts";
import type { EscalationRuleRepository } from "../../ports/repositories.ts";
import type { Prisma } from "./generated/client.ts";
import { byCreation } from "./keyset.ts";

type Db = Prisma.TransactionClient;

export function escalationRuleRepository(db: Db): EscalationRuleRepository {
  return {
    async insert(rule) {
      await db.escalationRule.create({ data: rule });
    },
    async update(rule) {
      const { id, tenantId: _tenant, createdAt: _created, ...changes } = rule;
      await db.escalationRule.update({ where: { id }, data: changes });
    },
    async delete(tenantId, id) {
      await db.escalationRule.deleteMany({ where: { tenantId, id } });
    },
    findById: (tenantId, id) =>
      db.escalationRule.findFirst({ where: { tenantId, id } }) as Promise<EscalationRule | null>,
    list: (tenantId) =>
      db.escalationRule.findMany({ where: { tenantId }, orderBy: { createdAt: "asc" } }) as Promise<EscalationRule[]>,
    page(tenantId, page) {
      const { where, ...rest } = byCreation(page);
      return db.escalationRule.findMany({ where: { tenantId, ...where }, ...rest }) as Promise<EscalationRule[]>;
    },
    listEnabled: (tenantId) =>
      db.escalationRule.findMany({ where: { tenantId, enabled: true }, orderBy: { createdAt: "asc" } }) as Promise<
        EscalationRule[]
      >,
    async enabledVersion(tenantId) {
      // Every change of a rule sets its updatedAt to now; a deletion lowers the count.
      const { _count, _max } = await db.escalationRule.aggregate({
        where: { tenantId, enabled: true },
        _count: { _all: true },
        _max: { updatedAt: true },
      });
      return `${_count._all}:${_max.updatedAt?.getTime() ?? 0}`;
    },
    async matchingFor(issueId) {
      const rows = await db.ruleIssueState.findMany({ where: { issueId, matching: true }, select: { ruleId: true } });
      return new Set(rows.map((r) => r.ruleId));
    },
    async setMatching(ruleId, issueId, matching, at) {
      await db.ruleIssueState.upsert({
        where: { ruleId_issueId: { ruleId, issueId } },
        create: { ruleId, issueId, matching, updatedAt: at },
        update: { matching, updatedAt: at },
      });
    },
    async lockForFiring(tenantId, id) {
      await db.$executeRaw`SELECT 1 FROM escalation_rules WHERE id = ${id}::uuid AND tenant_id = ${tenantId}::uuid FOR UPDATE`;
      return db.escalationRule.findFirst({ where: { tenantId, id } }) as Promise<EscalationRule | null>;
    },
    async recordFiring(ruleId, issueId, at) {
      await db.ruleFiring.create({ data: { ruleId, issueId, firedAt: at } });
    },
    firingsSince: (ruleId, since) => db.ruleFiring.count({ where: { ruleId, firedAt: { gte: since } } }),
  };
}
