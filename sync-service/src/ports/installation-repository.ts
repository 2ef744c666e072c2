import type { UserRole } from "../domain/principal.ts";
import type { TenantSettings } from "../domain/tenant-settings.ts";
import type { JobRequest } from "./jobs.ts";
import type { StoredAccount } from "./personal-data-port.ts";

/** The durable job that deletes an uninstalled site's data once its retention period is over. */
export const TENANT_PURGE_TASK = "tenant_purge";

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
  /** When the Forge app was uninstalled from the site; null while installed. */
  readonly uninstalledAt: Date | null;
}

/** The Forge side of tenancy: sites (cloud ids) as tenants, their users and the app's credentials. */
export interface InstallationRepository {
  /** The site's tenant, created on first contact; stores a newer app token unless the app is uninstalled from the site. */
  recordContact(
    contact: InstallationContact,
    now: Date,
  ): Promise<{ readonly tenantId: string; readonly uninstalledAt: Date | null }>;
  /**
   * In one transaction: marks the tenant uninstalled, deletes its app tokens, revokes its API tokens,
   * parks its waiting jobs and enqueues `purge` (the deletion after the retention period).
   */
  uninstall(tenantId: string, now: Date, purge: JobRequest): Promise<void>;
  /** Undoes the mark of an uninstall (a re-install within the retention period). @returns whether it was uninstalled */
  restore(tenantId: string): Promise<boolean>;
  /** Deletes the tenant and all its data if it was uninstalled at or before `cutoff`. @returns whether it did */
  purge(tenantId: string, cutoff: Date): Promise<boolean>;
  /** The tenant's user for an Atlassian account; `created` when this call made it (first contact). */
  userOf(
    tenantId: string,
    accountId: string,
  ): Promise<{ readonly userId: string; readonly name: string; readonly role: UserRole; readonly created: boolean }>;
  credential(tenantId: string, product: AtlassianProduct): Promise<AppCredential | null>;
  /** The Forge sites the app is installed on. */
  installedTenants(): Promise<string[]>;
  /** The Atlassian accounts stored for a site, by account id, after `afterAccountId`, at most `limit`. */
  storedAccounts(tenantId: string, limit: number, afterAccountId?: string): Promise<StoredAccount[]>;
  /** Erases what is stored of a closed account: its name, e-mail and contact methods. */
  eraseAccount(tenantId: string, userId: string, now: Date): Promise<void>;
  profile(tenantId: string): Promise<TenantProfile | null>;
  saveSettings(tenantId: string, settings: TenantSettings): Promise<void>;
}
