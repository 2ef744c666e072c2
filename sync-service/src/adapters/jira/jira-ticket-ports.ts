import { TicketAccessError, type TicketPort, type TicketPorts } from "../../ports/ticket-port.ts";
import type { InstallationRepository } from "../../ports/installation-repository.ts";
import { appTokenProvider } from "../forge/app-credentials.ts";
import { basicConnection, jiraTicketAdapter, type JiraSettings } from "./jira-adapter.ts";

/** A tenant's port is rebuilt after this long, so a site URL learned later reaches its links. */
const PORT_TTL_MS = 5 * 60_000;

/**
 * Each tenant's Jira. The standalone tenant (no cloud id) uses JIRA_BASE_URL with its API token; a Forge
 * installation's tenant uses its own site's API as the app, with the token Forge sent — never the
 * standalone credentials, so one tenant's jobs can never act on another tenant's site.
 */
export function jiraTicketPorts(standalone: JiraSettings | null, installations: InstallationRepository): TicketPorts {
  const standalonePort = jiraTicketAdapter(standalone && basicConnection(standalone));
  const ports = new Map<string, { port: TicketPort; builtAt: number }>();
  return {
    async forTenant(tenantId) {
      const cached = ports.get(tenantId);
      if (cached && Date.now() - cached.builtAt < PORT_TTL_MS) return cached.port;
      const profile = await installations.profile(tenantId);
      if (!profile?.cloudId) return standalonePort;
      const credential = await installations.credential(tenantId, "jira");
      const apiUrl = credential?.apiBaseUrl ?? `https://api.atlassian.com/ex/jira/${profile.cloudId}`;
      const getToken = appTokenProvider(installations, tenantId, "jira", (reason) => new TicketAccessError(`Jira: ${reason}`));
      const port = jiraTicketAdapter({ apiUrl, siteUrl: profile.siteUrl, auth: { type: "bearer", getToken }, timeoutMs: standalone?.timeoutMs });
      // Only cache once a credential has told the real API base URL.
      if (credential) ports.set(tenantId, { port, builtAt: Date.now() });
      return port;
    },
  };
}
