import type { LinkedIssue } from "../../domain/linked-issue.ts";
import type { IntegrationStatusRepository, LinkedIssueRepository } from "../../ports/repositories.ts";
import type { Prisma } from "./generated/client.ts";
import { toLinkedIssue } from "./mappers.ts";

type Db = Prisma.TransactionClient;

export function linkedIssueRepository(db: Db): LinkedIssueRepository {
  const data = (link: LinkedIssue) => {
    const { createdAt: _created, ...rest } = link;
    return { ...rest, updatedAt: new Date() };
  };
  return {
    async insert(link) {
      await db.linkedIssue.create({ data: { ...data(link), createdAt: link.createdAt } });
    },
    async update(link) {
      await db.linkedIssue.update({ where: { id: link.id }, data: data(link) });
    },
    async markCreateSent(id, at) {
      await db.linkedIssue.update({ where: { id }, data: { createSentAt: at } });
    },
    async findById(id) {
      const row = await db.linkedIssue.findUnique({ where: { id } });
      return row && toLinkedIssue(row);
    },
    async listOf(incidentId) {
      return (await db.linkedIssue.findMany({ where: { incidentId }, orderBy: { createdAt: "asc" } })).map(
        toLinkedIssue,
      );
    },
    async issueIdsOf(incidentIds) {
      const rows = await db.linkedIssue.findMany({
        where: { incidentId: { in: [...incidentIds] }, state: { not: "dropped" }, issueId: { not: null } },
        select: { incidentId: true, issueId: true },
      });
      const byIncident = new Map<string, string[]>();
      for (const row of rows) byIncident.set(row.incidentId, [...(byIncident.get(row.incidentId) ?? []), row.issueId!]);
      return byIncident;
    },
    async findByIssue(tenantId, issue) {
      const rows = await db.linkedIssue.findMany({
        where: {
          state: { not: "dropped" },
          incident: { tenantId },
          OR: [{ issueId: issue.id }, { issueKey: issue.key }],
        },
        orderBy: { createdAt: "asc" },
      });
      return rows.map(toLinkedIssue);
    },
    async findByIssueId(tenantId, issueId) {
      // Issue ids are per Jira site: the same id on another tenant's site is another issue.
      return (
        await db.linkedIssue.findMany({ where: { issueId, state: { not: "dropped" }, incident: { tenantId } } })
      ).map(toLinkedIssue);
    },
  };
}

export function integrationStatusRepository(db: Db): IntegrationStatusRepository {
  return {
    async record(tenantId, health) {
      const row = { tenantId, ...health };
      await db.integrationStatus.upsert({
        where: { tenantId_name: { tenantId, name: health.name } },
        create: row,
        update: row,
      });
    },
    async list(tenantId) {
      const rows = await db.integrationStatus.findMany({ where: { tenantId }, orderBy: { name: "asc" } });
      return rows.map(({ name, healthy, lastError, checkedAt }) => ({ name, healthy, lastError, checkedAt }));
    },
  };
}
