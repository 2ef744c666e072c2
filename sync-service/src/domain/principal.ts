export const USER_ROLES = ["admin", "responder", "viewer"] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** Who is calling: the user behind an API token. */
export interface Principal {
  readonly userId: string;
  readonly tenantId: string;
  readonly name: string;
  readonly role: UserRole;
  /**
   * The person's tracker (Jira) account when they came through the Forge app: Firewatch reads the tracker
   * as the app, so what it shows or does on their behalf is limited to what this account may see. Absent
   * for API-token users of the standalone tenant.
   */
  readonly trackerAccountId?: string;
}

const RANK: Record<UserRole, number> = { viewer: 0, responder: 1, admin: 2 };

export function hasRole(principal: Principal, needed: UserRole): boolean {
  return RANK[principal.role] >= RANK[needed];
}
