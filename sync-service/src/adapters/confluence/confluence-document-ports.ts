import { DocumentAccessError, unconfiguredDocumentsBecause, type DocumentPort, type DocumentPorts } from "../../ports/document-port.ts";
import type { InstallationRepository } from "../../ports/installation-repository.ts";
import { appTokenProvider } from "../forge/app-credentials.ts";
import { basicConfluenceConnection, confluenceAdapter, type ConfluenceSettings } from "./confluence-adapter.ts";

/** Settings (the space) can change on the admin page; a tenant's port is rebuilt after this long. */
const PORT_TTL_MS = 60_000;

/**
 * Each tenant's Confluence. The standalone tenant uses CONFLUENCE_* / JIRA_* credentials; a Forge
 * installation's tenant uses its site's Confluence API as the app, in the space its admin chose.
 */
export function confluenceDocumentPorts(standalone: ConfluenceSettings | null, installations: InstallationRepository): DocumentPorts {
  const standalonePort = confluenceAdapter(standalone && basicConfluenceConnection(standalone));
  const ports = new Map<string, { port: DocumentPort; builtAt: number; spaceKey: string | null }>();
  return {
    async forTenant(tenantId) {
      const cached = ports.get(tenantId);
      if (cached && Date.now() - cached.builtAt < PORT_TTL_MS) return cached.port;
      const profile = await installations.profile(tenantId);
      if (!profile?.cloudId) return standalonePort;
      const spaceKey = profile.settings.confluenceSpaceKey;
      if (!spaceKey) return unconfiguredDocumentsBecause("Confluence: choose the space postmortems go to on the Firewatch admin page in Jira (Apps → Manage apps → Firewatch)");
      // Per-product installations carry their own token; a site-wide installation's Jira token reaches
      // Confluence on the same site through the same gateway.
      const own = await installations.credential(tenantId, "confluence");
      const viaJira = own ? null : await installations.credential(tenantId, "jira");
      const apiUrl = own?.apiBaseUrl ?? viaJira?.apiBaseUrl.replace("/ex/jira/", "/ex/confluence/") ?? `https://api.atlassian.com/ex/confluence/${profile.cloudId}`;
      const getToken = appTokenProvider(installations, tenantId, own ? "confluence" : "jira", (reason) => new DocumentAccessError(`Confluence: ${reason}`));
      const port = confluenceAdapter({
        apiUrl,
        siteUrl: profile.siteUrl ?? apiUrl,
        auth: { type: "bearer", getToken },
        spaceKey,
        timeoutMs: standalone?.timeoutMs,
      });
      ports.set(tenantId, { port, builtAt: Date.now(), spaceKey });
      return port;
    },
  };
}
