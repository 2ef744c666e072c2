// The ticket port of a Forge installation (the app, through the API gateway with its system token) against a
// fresh Jira stand-in, for the adapter's tests; the stand-in must have seen no request it would not serve.
import { afterAll, beforeAll, expect } from "vitest";
import { jiraTicketAdapter } from "../../sync-service/src/adapters/jira/jira-adapter.ts";
import type { TicketPort } from "../../sync-service/src/ports/ticket-port.ts";
import { JiraEmulator } from "../../stand-ins/jira/index.ts";

export function jiraSiteAsTheApp(): { readonly jira: JiraEmulator; port(): TicketPort } {
  const jira = new JiraEmulator();
  let port: TicketPort;
  beforeAll(async () => {
    await jira.start();
    port = jiraTicketAdapter({
      apiUrl: jira.gatewayUrl,
      siteUrl: null,
      auth: { type: "bearer", getToken: async () => jira.issueAppToken() },
    });
  });
  afterAll(async () => {
    expect(jira.unexpected()).toEqual([]);
    await jira.stop();
  });
  return { jira, port: () => port };
}
