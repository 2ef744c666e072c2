import { IntegrationError } from "../../ports/integration-errors.ts";
import type { TicketPorts } from "../../ports/ticket-port.ts";
import type { InstallationRepository } from "../../ports/installation-repository.ts";
import { appTokenProvider } from "../forge/app-credentials.ts";
import { perTenant } from "../forge/tenant-ports.ts";
import { jiraTicketAdapter } from "./jira-adapter.ts";
import { basicConnection, type JiraSettings } from "./jira-connection.ts";

/** A tenant's port is rebuilt after this long, so a site URL learned later reaches its links. */
const PORT_TTL_MS = 5 * 60_000;

/**
 * Each tenant's Jira. The standalone tenant (no cloud id) uses JIRA_BASE_URL with its API token; a Forge
 * installation's tenant uses its own site's API as the app, with the token Forge sent — never the
 * standalone credentials, so one tenant's jobs can never act on another tenant's site.
 */
export function jiraTicketPorts(standalone: JiraSettings | null, installations: InstallationRepository): TicketPorts {
  const forTenant = perTenant(
    installations,
    jiraTicketAdapter(standalone && basicConnection(standalone)),
    PORT_TTL_MS,
    async (tenantId, site) => {
      const credential = await installations.credential(tenantId, "jira");
      const apiUrl = credential?.apiBaseUrl ?? `https://api.atlassian.com/ex/jira/${site.cloudId}`;
      const getToken = appTokenProvider(
        installations,
        tenantId,
        "jira",
        (reason) => new IntegrationError("jira", "access", `Jira: ${reason}`),
      );
      const port = jiraTicketAdapter({
        apiUrl,
        siteUrl: site.siteUrl,
        auth: { type: "bearer", getToken },
        timeoutMs: standalone?.timeoutMs,
      });
      // Kept only once a credential has told the installation's real API base URL.
      return { port, keep: credential !== null };
    },
  );
  return { forTenant };
}
