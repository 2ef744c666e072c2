// Teams: people paged together when a policy level targets the team (each active member by their own rules).
// Admins set them up; members must be people of the tenant; a team a policy targets is not deleted.
import { randomUUID } from "node:crypto";
import type { Principal } from "../../domain/principal.ts";
import type { Team } from "../../ports/team-repository.ts";
import type { Transaction } from "../../ports/unit-of-work.ts";
import type { UseCaseDeps } from "../shared/deps.ts";
import { ConflictUseCaseError, NotFoundUseCaseError } from "../shared/errors.ts";
import { requireAdmin } from "../shared/require-role.ts";
import { UnknownMemberUseCaseError } from "./oncall-errors.ts";

export const TEAMS_ADMINS_ONLY = "Only an admin can change teams.";

/** Creates a team, or changes one (`id`): its name and members, each given or kept. @throws ForbiddenUseCaseError, NotFoundUseCaseError, UnknownMemberUseCaseError, conflict TEAM.NAME_TAKEN */
export async function saveTeam(
  deps: UseCaseDeps,
  by: Principal,
  id: string | null,
  input: { name?: string; members?: readonly string[] },
): Promise<Team> {
  requireAdmin(by, TEAMS_ADMINS_ONLY);
  return deps.uow.run(async (tx) => {
    const current = id ? await tx.teams.find(by.tenantId, id) : null;
    if (id && !current) throw new NotFoundUseCaseError("team", id);
    const team: Team = {
      id: id ?? randomUUID(),
      tenantId: by.tenantId,
      name: input.name?.trim() ?? current?.name ?? "",
      members: input.members ? [...new Set(input.members)] : (current?.members ?? []),
    };
    if (input.members) await checkMembers(tx, by.tenantId, input.members);
    await tx.teams.save(team);
    return team;
  });
}

/** @throws ForbiddenUseCaseError, NotFoundUseCaseError, ConflictUseCaseError (TEAM.IN_USE) naming the policies */
export async function deleteTeam(deps: UseCaseDeps, by: Principal, id: string): Promise<void> {
  requireAdmin(by, TEAMS_ADMINS_ONLY);
  await deps.uow.run(async (tx) => {
    const team = await tx.teams.find(by.tenantId, id);
    if (!team) throw new NotFoundUseCaseError("team", id);
    const using = (await tx.oncall.listPolicies(by.tenantId)).filter((p) =>
      p.levels.some((l) => l.targets.some((t) => t.type === "team" && t.id === id)),
    );
    if (using.length) {
      const names = using.map((p) => JSON.stringify(p.name)).join(", ");
      throw new ConflictUseCaseError(
        "TEAM.IN_USE",
        `Team ${JSON.stringify(team.name)} is a target of escalation ${using.length === 1 ? "policy" : "policies"} ${names}; take it out of ${using.length === 1 ? "that policy" : "those policies"} first.`,
      );
    }
    await tx.teams.delete(by.tenantId, id);
  });
}

/** @throws UnknownMemberUseCaseError naming `members[i]` for the first id that is not a person of the tenant */
async function checkMembers(tx: Transaction, tenantId: string, members: readonly string[]): Promise<void> {
  const known = new Set((await tx.oncall.findUsers(tenantId, members)).map((u) => u.id));
  const index = members.findIndex((m) => !known.has(m));
  if (index >= 0)
    throw new UnknownMemberUseCaseError(
      `members[${index}]`,
      `\`members[${index}]\`: no person ${JSON.stringify(members[index])} exists here; give the id of a person (GET /api/users).`,
    );
}
