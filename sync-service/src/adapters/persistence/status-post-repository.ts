import type {
  ComponentChange,
  ComponentState,
  StatusPost,
  StatusPostState,
  StatusPostStatus,
} from "../../domain/status-post.ts";
import type { StatusPageLink, StatusPostRepository } from "../../ports/status-post-repository.ts";
import type { Prisma } from "./generated/client.ts";
import type * as db from "./generated/client.ts";

type Db = Prisma.TransactionClient;

function toPost(row: db.StatusPost): StatusPost {
  return {
    id: row.id,
    incidentId: row.incidentId,
    status: row.status as StatusPostStatus,
    title: row.title,
    body: row.body,
    components: row.components as unknown as ComponentChange[],
    deliverNotifications: row.deliverNotifications,
    state: row.state as StatusPostState,
    remoteUpdateId: row.remoteUpdateId,
    error: row.error,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    publishedAt: row.publishedAt,
  };
}

const fromPost = (p: StatusPost) => ({ ...p, components: p.components as unknown as Prisma.InputJsonArray });

function toLink(row: db.StatusPageIncident): StatusPageLink {
  return {
    incidentId: row.incidentId,
    remoteId: row.remoteId,
    shortlink: row.shortlink,
    componentStates: row.componentStates as Record<string, ComponentState>,
  };
}

export function statusPostRepository(db: Db): StatusPostRepository {
  return {
    async insert(post) {
      await db.statusPost.create({ data: fromPost(post) });
    },
    async update(post) {
      const { id, ...data } = fromPost(post);
      await db.statusPost.update({ where: { id }, data });
    },
    async listOf(incidentId) {
      return (await db.statusPost.findMany({ where: { incidentId }, orderBy: { createdAt: "asc" } })).map(toPost);
    },
    async nextUnsettled(incidentId) {
      const row = await db.statusPost.findFirst({
        where: { incidentId, state: { in: ["pending", "sending"] } },
        orderBy: [{ createdAt: "asc" }, { id: "asc" }],
      });
      return row && toPost(row);
    },
    async findByRemoteUpdateId(remoteUpdateId) {
      const row = await db.statusPost.findFirst({ where: { remoteUpdateId } });
      return row && toPost(row);
    },
    async link(incidentId) {
      const row = await db.statusPageIncident.findUnique({ where: { incidentId } });
      return row && toLink(row);
    },
    async linkByRemoteId(remoteId) {
      const row = await db.statusPageIncident.findUnique({ where: { remoteId } });
      return row && toLink(row);
    },
    async linksWithComponent(componentId) {
      const rows = await db.$queryRaw<db.StatusPageIncident[]>`
        SELECT incident_id AS "incidentId", remote_id AS "remoteId", shortlink, component_states AS "componentStates", created_at AS "createdAt"
        FROM status_page_incidents WHERE component_states ? ${componentId} ORDER BY created_at DESC`;
      return rows.map(toLink);
    },
    async saveLink(link) {
      const data = {
        remoteId: link.remoteId,
        shortlink: link.shortlink,
        componentStates: link.componentStates as Prisma.InputJsonObject,
      };
      await db.statusPageIncident.upsert({
        where: { incidentId: link.incidentId },
        create: { incidentId: link.incidentId, ...data },
        update: data,
      });
    },
  };
}
