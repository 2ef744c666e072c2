/** A team: people paged together (an escalation target) and told together. Members in the order given. */
export interface Team {
  readonly id: string;
  readonly tenantId: string;
  readonly name: string;
  readonly members: readonly string[];
}

export interface TeamRepository {
  /** Inserts or replaces the team and its members. @throws an AppError of kind conflict (TEAM.NAME_TAKEN) */
  save(team: Team): Promise<void>;
  find(tenantId: string, id: string): Promise<Team | null>;
  /** The tenant's teams by name. */
  list(tenantId: string): Promise<Team[]>;
  delete(tenantId: string, id: string): Promise<void>;
  /** The members of the team with this id, in any tenant (paging keeps them to the incident's tenant). */
  membersOf(id: string): Promise<string[]>;
}
