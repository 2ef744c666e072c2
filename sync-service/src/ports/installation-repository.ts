import type { UserRole } from "../domain/principal.ts";
import type { TenantSettings } from "../domain/tenant-settings.ts";

export type AtlassianProduct = "jira" | "confluence";

/** What one verified Forge invocation tells about its installation. */
export interface InstallationContact {
  readonly cloudId: string;
  readonly installationId: string;
  readonly product: AtlassianProduct;
  readonly apiBaseUrl: string;
  /** The app's system token that came with the invocation, if the endpoint asks for one. */
  readonly appToken: { readonly token: string; readonly expiresAt: Date } | null;
  /** The site's browser URL (https://acme.atlassian.net), when the Forge app passed it on. */
  readonly siteUrl: string | null;
}

/** The newest app token stored for a tenant's product API. */
export interface AppCredential {
  readonly apiBaseUrl: string;
  readonly token: string;
  readonly expiresAt: Date;
}

export interface TenantProfile {
  readonly id: string;
  /** Null for the standalone tenant, whose site is configured by JIRA_BASE_URL. */
  readonly cloudId: string | null;
  readonly siteUrl: string | null;
  readonly settings: TenantSettings;
}

/** The Forge side of tenancy: sites (cloud ids) as tenants, their users and the app's credentials. */
export interface InstallationRepository {
  /** The site's tenant, created on first contact; stores a newer app token. @returns the tenant id */
  recordContact(contact: InstallationContact, now: Date): Promise<string>;
  /** The tenant's user for an Atlassian account; `created` when this call made it (first contact). */
  userOf(tenantId: string, accountId: string): Promise<{ readonly userId: string; readonly name: string; readonly role: UserRole; readonly created: boolean }>;
  credential(tenantId: string, product: AtlassianProduct): Promise<AppCredential | null>;
  profile(tenantId: string): Promise<TenantProfile | null>;
  saveSettings(tenantId: string, settings: TenantSettings): Promise<void>;
}
