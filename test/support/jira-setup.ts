// A Firewatch service wired to a fresh Jira emulator (stand-ins/jira), webhooks included.
import { JiraEmulator } from "../../stand-ins/jira/index.ts";
import type { TestDatabaseKind } from "./databases.ts";
import { eventually, startTestService, type TestService, type TestServiceOptions } from "./running-service.ts";

export const WEBHOOK_SECRET = "jira-webhook-secret-for-tests";

export interface JiraWorld {
  readonly svc: TestService;
  readonly jira: JiraEmulator;
  stop(): Promise<void>;
  /** POST to the service's /api with JSON; returns status and parsed body. */
  call(method: string, path: string, json?: unknown): Promise<{ status: number; body: any }>;
  /** Declares an incident and creates a linked issue in CI; resolves once the link is recorded. */
  incidentWithIssue(title?: string): Promise<{ key: string; issueKey: string; issueId: string }>;
  timeline(incidentKey: string): Promise<any[]>;
}

export async function startJiraWorld(kind: TestDatabaseKind, options: TestServiceOptions = {}): Promise<JiraWorld> {
  const jira = new JiraEmulator();
  const baseUrl = await jira.start();
  const svc = await startTestService(kind, {
    ...options,
    env: {
      JIRA_BASE_URL: baseUrl,
      JIRA_EMAIL: jira.email,
      JIRA_API_TOKEN: jira.apiToken,
      JIRA_WEBHOOK_SECRET: WEBHOOK_SECRET,
      ...options.env,
    },
  });
  jira.registerWebhook({ url: `${svc.url}/webhooks/jira`, secret: WEBHOOK_SECRET });
  const call: JiraWorld["call"] = async (method, path, json) => {
    const res = await svc.api(path, { method, json });
    return { status: res.status, body: await res.json().catch(() => null) };
  };
  let n = 0;
  return {
    svc,
    jira,
    call,
    stop: async () => {
      await svc.stop();
      await jira.stop();
    },
    async incidentWithIssue(title = `Build pipeline broken ${++n}`) {
      const incident = await call("POST", "/api/incidents", { title, severity: "SEV2" });
      const link = await call("POST", `/api/incidents/${incident.body.key}/jira-issues`, { projectKey: "CI" });
      // Linked, and brought in step once (so no sync of the creation is still under way).
      const linked = await eventually("the linked issue to be recorded and synced", async () => {
        const { body } = await call("GET", `/api/incidents/${incident.body.key}/jira-issues`);
        return body.issues.find((i: any) => i.id === link.body.id && i.state === "linked" && i.syncedRevision >= 1);
      });
      return { key: incident.body.key, issueKey: linked.issueKey, issueId: linked.issueId };
    },
    async timeline(incidentKey) {
      return (await call("GET", `/api/incidents/${incidentKey}/timeline`)).body.entries;
    },
  };
}
