import type { Principal } from "../domain/principal.ts";

/** Tenants, users and API tokens: what authentication and start-up need. */
export interface AccessRepository {
  ensureDefaultTenant(): Promise<string>;
  /** Makes `tokenHash` a valid token of the tenant's bootstrap admin (created if missing). */
  ensureAdminToken(tenantId: string, tokenHash: string, name: string): Promise<void>;
  hasTokens(tenantId: string): Promise<boolean>;
  findPrincipal(tokenHash: string): Promise<Principal | null>;
  /** Stores a new token for a user of the tenant; false when there is no such user. */
  issueToken(tenantId: string, userId: string, tokenHash: string, name: string): Promise<boolean>;
}
