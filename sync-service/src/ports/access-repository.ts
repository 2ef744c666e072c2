import type { Principal } from "../domain/principal.ts";
import type { ApiTokenRecord } from "./people-repository.ts";

/** Tenants, users and API tokens: what authentication and start-up need. */
export interface AccessRepository {
  ensureDefaultTenant(): Promise<string>;
  /** Makes `tokenHash` a valid token of the tenant's bootstrap admin (created if missing). */
  ensureAdminToken(tenantId: string, tokenHash: string, name: string): Promise<void>;
  hasTokens(tenantId: string): Promise<boolean>;
  /**
   * Who the token signs in: null when it is unknown, revoked, or its person is deactivated. Records the token's
   * use (its `lastUsedAt`, at most once a minute).
   */
  findPrincipal(tokenHash: string): Promise<Principal | null>;
  /** Stores a new token for a user of the tenant; null when there is no such user. */
  issueToken(tenantId: string, userId: string, tokenHash: string, name: string): Promise<ApiTokenRecord | null>;
}
