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
    async findById(id) {
      const row = await db.linkedIssue.findUnique({ where: { id } });
      return row && toLinkedIssue(row);
    },
    async listOf(incidentId) {
      return (await db.linkedIssue.findMany({ where: { incidentId }, orderBy: { createdAt: "asc" } })).map(toLinkedIssue);
    },
    async findByIssueId(issueId) {
      return (await db.linkedIssue.findMany({ where: { issueId, state: { not: "dropped" } } })).map(toLinkedIssue);
    },
  };
}

export function integrationStatusRepository(db: Db): IntegrationStatusRepository {
  return {
    async record(health) {
      await db.integrationStatus.upsert({ where: { name: health.name }, create: health, update: health });
    },
    async list() {
      return db.integrationStatus.findMany({ orderBy: { name: "asc" } });
    },
  };
}
