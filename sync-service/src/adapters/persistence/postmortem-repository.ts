import type { ActionItem } from "../../domain/postmortem/action-item.ts";
import type { Postmortem, ReviewStatus } from "../../domain/postmortem/postmortem.ts";
import type { WorkCategory } from "../../domain/linked-issue.ts";
import type { PostmortemRepository } from "../../ports/postmortem-repository.ts";
import type { Prisma } from "./generated/client.ts";
import type * as db from "./generated/client.ts";

type Db = Prisma.TransactionClient;

const toPostmortem = (r: db.Postmortem): Postmortem => ({ ...r, status: r.status as ReviewStatus });
const toItem = (r: db.ActionItem): ActionItem => ({
  ...r,
  state: r.state as ActionItem["state"],
  statusCategory: r.statusCategory as WorkCategory | null,
});

export function postmortemRepository(db: Db): PostmortemRepository {
  return {
    async get(incidentId) {
      const row = await db.postmortem.findUnique({ where: { incidentId } });
      return row && toPostmortem(row);
    },
    async refreshable(incidentId) {
      const row = await db.postmortem.findUnique({ where: { incidentId }, select: { pageId: true } });
      if (!row?.pageId) return false;
      return (
        (await db.incident.findUnique({ where: { id: incidentId }, select: { status: true } }))?.status === "resolved"
      );
    },
    async findByPageId(pageId) {
      const row = await db.postmortem.findUnique({ where: { pageId } });
      return row && toPostmortem(row);
    },
    async save(p) {
      const { incidentId, ...data } = p;
      await db.postmortem.upsert({ where: { incidentId }, create: p, update: data });
    },
    async insertItem(item) {
      await db.actionItem.create({ data: item });
    },
    async updateItem(item) {
      const { id, ...data } = item;
      await db.actionItem.update({ where: { id }, data });
    },
    async markItemReminded(id, date) {
      await db.actionItem.update({ where: { id }, data: { remindedOn: date } });
    },
    async markItemCreateSent(id, at) {
      await db.actionItem.update({ where: { id }, data: { createSentAt: at } });
    },
    async getItem(id) {
      const row = await db.actionItem.findUnique({ where: { id } });
      return row && toItem(row);
    },
    async itemsOf(incidentId) {
      return (
        await db.actionItem.findMany({ where: { incidentId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] })
      ).map(toItem);
    },
    async itemsByIssueId(tenantId, issueId) {
      return (await db.actionItem.findMany({ where: { issueId, incident: { tenantId } } })).map(toItem);
    },
    async openLinkedItems(limit, tenantId) {
      const rows = await db.actionItem.findMany({
        where: { state: "linked", NOT: { statusCategory: "done" }, ...(tenantId ? { incident: { tenantId } } : {}) },
        include: { incident: { select: { tenantId: true } } },
        orderBy: { updatedAt: "asc" },
        take: limit,
      });
      return rows.map((row) => ({ tenantId: row.incident.tenantId, item: toItem(row) }));
    },
  };
}
