import { DEFAULT_TICKET_DEFAULTS, type TicketDefaults } from "./service.ts";
import { SEVERITIES, type Severity } from "./severity.ts";

/**
 * The tenant of a standalone deployment: the Jira site of JIRA_BASE_URL, and the owner of what is configured
 * once per deployment (the Slack workspace, the Statuspage page). Forge installations get tenants of their own.
 */
export const STANDALONE_TENANT_ID = "00000000-0000-4000-8000-000000000001";

/**
 * What a tenant's admin chooses on the Forge admin page: the Jira defaults of incidents that have no
 * service (and of services created from now on) and the Confluence space postmortems go to.
 */
export interface TenantSettings {
  readonly tickets: TicketDefaults;
  readonly confluenceSpaceKey: string | null;
  /** The service an incident declared without naming one is on (so it pages someone); null for none. */
  readonly defaultServiceId: string | null;
}

export const DEFAULT_TENANT_SETTINGS: TenantSettings = {
  tickets: DEFAULT_TICKET_DEFAULTS,
  confluenceSpaceKey: null,
  defaultServiceId: null,
};

/** Reads stored settings, taking the default for anything missing (older rows, partial saves). */
export function tenantSettingsOf(stored: unknown): TenantSettings {
  const s = (stored ?? {}) as {
    tickets?: Partial<TicketDefaults>;
    confluenceSpaceKey?: unknown;
    defaultServiceId?: unknown;
  };
  const t = s.tickets ?? {};
  const priorities = Object.fromEntries(
    SEVERITIES.map((sev: Severity) => [
      sev,
      typeof t.priorities?.[sev] === "string" ? t.priorities[sev] : DEFAULT_TICKET_DEFAULTS.priorities[sev],
    ]),
  ) as Record<Severity, string>;
  return {
    tickets: {
      projectKey: typeof t.projectKey === "string" ? t.projectKey : null,
      issueType: typeof t.issueType === "string" ? t.issueType : DEFAULT_TICKET_DEFAULTS.issueType,
      priorities,
      originAcknowledges:
        typeof t.originAcknowledges === "boolean" ? t.originAcknowledges : DEFAULT_TICKET_DEFAULTS.originAcknowledges,
      originResolves: typeof t.originResolves === "boolean" ? t.originResolves : DEFAULT_TICKET_DEFAULTS.originResolves,
      resolution: typeof t.resolution === "string" ? t.resolution : null,
    },
    confluenceSpaceKey: typeof s.confluenceSpaceKey === "string" ? s.confluenceSpaceKey : null,
    defaultServiceId: typeof s.defaultServiceId === "string" ? s.defaultServiceId : null,
  };
}
