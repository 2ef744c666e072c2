// A fresh install with no Jira, Confluence, Slack, Statuspage, Twilio or SMTP: GET /api/integrations says what is
// missing and what to set, and an action that needs a missing integration is refused at once (409, naming what to
// set) with nothing written and no job queued, instead of being accepted and waiting forever.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS } from "../support/databases.ts";
import { startTestService, type TestService } from "../support/running-service.ts";

describe.each(DATABASE_KINDS)("an install with nothing configured on $name", (kind) => {
  let svc: TestService;
  let key: string;
  const call = async (method: string, path: string, json?: unknown) => {
    const res = await svc.api(path, { method, json });
    return { status: res.status, body: (await res.json().catch(() => null)) as any };
  };

  beforeAll(async () => {
    svc = await startTestService(kind);
    key = (await call("POST", "/api/incidents", { title: "Checkout down", serviceId: null })).body.key;
  });
  afterAll(() => svc?.stop());

  it("lists every integration as not configured, with what to set", async () => {
    const { status, body } = await call("GET", "/api/integrations");
    expect(status).toBe(200);
    expect(body.integrations.map((i: any) => [i.name, i.configured])).toEqual([
      ["jira", false],
      ["confluence", false],
      ["slack", false],
      ["statuspage", false],
      ["twilio", false],
      ["email", false],
    ]);
    const toSet = Object.fromEntries(body.integrations.map((i: any) => [i.name, i.toSet]));
    expect(toSet.jira).toContain("JIRA_BASE_URL");
    expect(toSet.slack).toContain("SLACK_BOT_TOKEN");
    expect(toSet.twilio).toContain("TWILIO_ACCOUNT_SID");
    expect(toSet.email).toContain("SMTP_URL");
  });

  it.each([
    ["a Jira issue", "jira-issues", { projectKey: "OPS" }, "Jira", "JIRA_BASE_URL"],
    ["a Slack channel", "channel", undefined, "Slack", "SLACK_BOT_TOKEN"],
    [
      "a status-page post",
      "status-posts",
      { status: "investigating", body: "Looking into it" },
      "Statuspage",
      "STATUSPAGE_API_KEY",
    ],
    ["the postmortem", "postmortem", undefined, "Confluence", "CONFLUENCE_BASE_URL"],
  ])("refuses %s at once, naming what to set, and writes nothing", async (_what, path, json, label, variable) => {
    const timeline = async () => (await call("GET", `/api/incidents/${key}/timeline`)).body.entries.length;
    const jobs = async () => (await call("GET", "/api/jobs?state=pending&limit=500")).body.jobs.length;
    const before = [await timeline(), await jobs()];
    const refused = await call("POST", `/api/incidents/${key}/${path}`, json);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("INTEGRATION.NOT_CONFIGURED");
    expect(refused.body.error.message).toMatch(new RegExp(`^${label} is not set up for this Firewatch`));
    expect(refused.body.error.message).toContain(variable);
    expect([await timeline(), await jobs()]).toEqual(before);
  });
});
