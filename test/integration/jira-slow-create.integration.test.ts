// A create Jira carries out after Firewatch stopped waiting must not become a second issue. On a real site a create
// can take longer than the adapter's 10 s limit and still complete, and the search that would find it lags writes
// (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-post):
// before the fix, one link request against a 12 s create and a 5 s search lag produced several issues.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS } from "../support/databases.ts";
import { startJiraWorld, type JiraWorld } from "../support/jira-setup.ts";
import { eventually } from "../support/running-service.ts";

const CREATE_MS = 12_000;
const SEARCH_LAG_MS = 5_000;
const isCreate = (req: { method: string; path: string }) => req.method === "POST" && req.path === "/rest/api/3/issue";

describe.each(DATABASE_KINDS)("a Jira create slower than Firewatch waits, on $name", (kind) => {
  let w: JiraWorld;
  beforeAll(async () => {
    w = await startJiraWorld(kind);
    w.jira.searchLagMs = SEARCH_LAG_MS;
  });
  afterAll(() => w?.stop());

  it(
    "ends with one issue for an incident's link: the unknown outcome is found by search before any retry",
    { timeout: 120_000 },
    async () => {
      w.jira.faults.next({ delayMs: CREATE_MS, match: isCreate });
      const incident = (await w.call("POST", "/api/incidents", { title: "Checkout latency", severity: "SEV2" })).body;
      const link = (await w.call("POST", `/api/incidents/${incident.key}/jira-issues`, { projectKey: "CI" })).body;

      // While the outcome is unknown the link stays pending and says why; no second create goes out.
      const waiting = await eventually(
        "the job to wait for the unknown outcome",
        async () => {
          const job = await w.svc.database.prisma.job.findFirst({ where: { key: `ticket_link:${link.id}` } });
          return job?.lastError?.includes("no known outcome") ? job : undefined;
        },
        60_000,
      );
      expect(waiting.state).toBe("pending");
      expect(w.jira.requests().filter(isCreate)).toHaveLength(1);

      const recorded = await eventually(
        "the link recorded",
        async () =>
          (await w.call("GET", `/api/incidents/${incident.key}/jira-issues`)).body.issues.find(
            (i: any) => i.id === link.id && i.state === "linked",
          ),
        90_000,
      );
      const created = w.jira.issues().filter((i) => i.labels.includes(`firewatch-link-${link.id}`));
      expect(created.map((i) => i.key)).toEqual([recorded.issueKey]);
      expect(w.jira.requests().filter(isCreate)).toHaveLength(1);
    },
  );

  it("ends with one issue for an action item", { timeout: 120_000 }, async () => {
    const service = (await w.call("POST", "/api/services", { name: "Payments", jira: { projectKey: "OPS" } })).body;
    const incident = (
      await w.call("POST", "/api/incidents", { title: "Card declines", severity: "SEV2", serviceId: service.id })
    ).body;
    w.jira.faults.next({
      delayMs: CREATE_MS,
      match: (req) => isCreate(req) && JSON.stringify(req.body).includes("Alert on decline rate"),
    });
    const item = (
      await w.call("POST", `/api/incidents/${incident.key}/action-items`, { title: "Alert on decline rate" })
    ).body;

    const linked = await eventually(
      "the action item's issue",
      async () =>
        (await w.call("GET", `/api/incidents/${incident.key}/action-items`)).body.actionItems.find(
          (i: any) => i.id === item.id && i.state === "linked",
        ),
      90_000,
    );
    expect(
      w.jira
        .issues()
        .filter((i) => i.summary === "Alert on decline rate")
        .map((i) => i.key),
    ).toEqual([linked.issueKey]);
  });
});
