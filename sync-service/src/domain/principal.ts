export const USER_ROLES = ["admin", "responder", "viewer"] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** Who is calling: the user behind an API token. */
export interface Principal {
  readonly userId: string;
  readonly tenantId: string;
  readonly name: string;
  readonly role: UserRole;
}

const RANK: Record<UserRole, number> = { viewer: 0, responder: 1, admin: 2 };

export function hasRole(principal: Principal, needed: UserRole): boolean {
  return RANK[principal.role] >= RANK[needed];
}
