import { IntegrationError } from "../../ports/integration-errors.ts";
import {
  unconfiguredDocumentsBecause,
  unconfiguredSpacesBecause,
  type DocumentPorts,
} from "../../ports/document-port.ts";
import type { InstallationRepository, TenantProfile } from "../../ports/installation-repository.ts";
import { appTokenProvider } from "../forge/app-credentials.ts";
import { perTenant } from "../forge/tenant-ports.ts";
import { confluenceAdapter } from "./confluence-adapter.ts";
import { basicConfluenceConnection, type ConfluenceSettings, type ConfluenceSite } from "./confluence-connection.ts";
import { confluenceSpaces } from "./confluence-spaces.ts";

/** Settings (the space) can change on the admin page; a tenant's port is rebuilt after this long. */
const PORT_TTL_MS = 60_000;
const NOT_CONFIGURED =
  "Confluence is not configured: set the Atlassian site credentials (JIRA_BASE_URL or CONFLUENCE_BASE_URL, JIRA_EMAIL, JIRA_API_TOKEN)";

/**
 * Each tenant's Confluence. The standalone tenant uses CONFLUENCE_* / JIRA_* credentials; a Forge
 * installation's tenant uses its site's Confluence API as the app, in the space its admin chose.
 */
export function confluenceDocumentPorts(
  standalone: ConfluenceSettings | null,
  installations: InstallationRepository,
): DocumentPorts {
  /** A Forge site's Confluence, reached as the app. */
  async function forgeSite(tenantId: string, site: TenantProfile & { cloudId: string }): Promise<ConfluenceSite> {
    // Per-product installations carry their own token; a site-wide installation's Jira token reaches
    // Confluence on the same site through the same gateway.
    const own = await installations.credential(tenantId, "confluence");
    const viaJira = own ? null : await installations.credential(tenantId, "jira");
    const apiUrl =
      own?.apiBaseUrl ??
      viaJira?.apiBaseUrl.replace("/ex/jira/", "/ex/confluence/") ??
      `https://api.atlassian.com/ex/confluence/${site.cloudId}`;
    const getToken = appTokenProvider(
      installations,
      tenantId,
      own ? "confluence" : "jira",
      (reason) => new IntegrationError("confluence", "access", `Confluence: ${reason}`),
    );
    return {
      apiUrl,
      siteUrl: site.siteUrl ?? apiUrl,
      auth: { type: "bearer", getToken },
      timeoutMs: standalone?.timeoutMs,
    };
  }

  const forTenant = perTenant(
    installations,
    confluenceAdapter(standalone && basicConfluenceConnection(standalone)),
    PORT_TTL_MS,
    async (tenantId, site) => {
      const spaceKey = site.settings.confluenceSpaceKey;
      if (!spaceKey) {
        return {
          port: unconfiguredDocumentsBecause(
            "Confluence: choose the space postmortems go to on the Firewatch admin page in Jira (Apps → Manage apps → Firewatch)",
          ),
          keep: false,
        };
      }
      return { port: confluenceAdapter({ ...(await forgeSite(tenantId, site)), spaceKey }), keep: true };
    },
  );

  const standaloneSpaces = standalone
    ? confluenceSpaces(basicConfluenceConnection(standalone))
    : unconfiguredSpacesBecause(NOT_CONFIGURED);
  return {
    forTenant,
    async spacesOf(tenantId) {
      const profile = await installations.profile(tenantId);
      return profile?.cloudId
        ? confluenceSpaces(await forgeSite(tenantId, { ...profile, cloudId: profile.cloudId }))
        : standaloneSpaces;
    },
  };
}
