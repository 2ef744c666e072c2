import type { Team, TeamRepository } from "../../ports/team-repository.ts";
import { DuplicatePersistenceError, uniqueViolation } from "./errors.ts";
import type { Prisma } from "./generated/client.ts";

type Db = Prisma.TransactionClient;

const withMembers = { members: { orderBy: { position: "asc" as const }, select: { userId: true } } };
const toTeam = (row: { id: string; tenantId: string; name: string; members: { userId: string }[] }): Team => ({
  id: row.id,
  tenantId: row.tenantId,
  name: row.name,
  members: row.members.map((m) => m.userId),
});

export function teamRepository(db: Db): TeamRepository {
  return {
    async save(team) {
      try {
        await db.team.upsert({
          where: { id: team.id },
          create: { id: team.id, tenantId: team.tenantId, name: team.name },
          update: { name: team.name, updatedAt: new Date() },
        });
      } catch (error) {
        // teams_tenant_id_name_key: the name is the only unique column a team brings.
        if (uniqueViolation(error))
          throw new DuplicatePersistenceError(
            "TEAM.NAME_TAKEN",
            `\`name\`: a team named ${JSON.stringify(team.name)} already exists.`,
            { cause: error },
          );
        throw error;
      }
      await db.teamMember.deleteMany({ where: { teamId: team.id } });
      await db.teamMember.createMany({
        data: team.members.map((userId, position) => ({ teamId: team.id, userId, position })),
      });
    },
    async find(tenantId, id) {
      const row = await db.team.findFirst({ where: { tenantId, id }, include: withMembers });
      return row && toTeam(row);
    },
    async list(tenantId) {
      const rows = await db.team.findMany({
        where: { tenantId },
        include: withMembers,
        orderBy: [{ name: "asc" }, { id: "asc" }],
      });
      return rows.map(toTeam);
    },
    async delete(tenantId, id) {
      await db.team.deleteMany({ where: { tenantId, id } });
    },
    async membersOf(id) {
      const rows = await db.teamMember.findMany({ where: { teamId: id }, orderBy: { position: "asc" } });
      return rows.map((r) => r.userId);
    },
  };
}
