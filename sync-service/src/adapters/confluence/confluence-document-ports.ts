import { DocumentAccessError, unconfiguredDocumentsBecause, type DocumentPorts } from "../../ports/document-port.ts";
import type { InstallationRepository } from "../../ports/installation-repository.ts";
import { appTokenProvider } from "../forge/app-credentials.ts";
import { perTenant } from "../forge/tenant-ports.ts";
import { basicConfluenceConnection, confluenceAdapter, type ConfluenceSettings } from "./confluence-adapter.ts";

/** Settings (the space) can change on the admin page; a tenant's port is rebuilt after this long. */
const PORT_TTL_MS = 60_000;

/**
 * Each tenant's Confluence. The standalone tenant uses CONFLUENCE_* / JIRA_* credentials; a Forge
 * installation's tenant uses its site's Confluence API as the app, in the space its admin chose.
 */
export function confluenceDocumentPorts(standalone: ConfluenceSettings | null, installations: InstallationRepository): DocumentPorts {
  const forTenant = perTenant(installations, confluenceAdapter(standalone && basicConfluenceConnection(standalone)), PORT_TTL_MS, async (tenantId, site) => {
    const spaceKey = site.settings.confluenceSpaceKey;
    if (!spaceKey) {
      return { port: unconfiguredDocumentsBecause("Confluence: choose the space postmortems go to on the Firewatch admin page in Jira (Apps → Manage apps → Firewatch)"), keep: false };
    }
    // Per-product installations carry their own token; a site-wide installation's Jira token reaches
    // Confluence on the same site through the same gateway.
    const own = await installations.credential(tenantId, "confluence");
    const viaJira = own ? null : await installations.credential(tenantId, "jira");
    const apiUrl = own?.apiBaseUrl ?? viaJira?.apiBaseUrl.replace("/ex/jira/", "/ex/confluence/") ?? `https://api.atlassian.com/ex/confluence/${site.cloudId}`;
    const getToken = appTokenProvider(installations, tenantId, own ? "confluence" : "jira", (reason) => new DocumentAccessError(`Confluence: ${reason}`));
    const port = confluenceAdapter({ apiUrl, siteUrl: site.siteUrl ?? apiUrl, auth: { type: "bearer", getToken }, spaceKey, timeoutMs: standalone?.timeoutMs });
    return { port, keep: true };
  });
  return { forTenant };
}
