// JQL escalation rules driven by Jira webhooks from the emulator: entering a rule's result set opens
// an incident once, leaving it resolves the incident, noisy rules are disabled, and what cannot be
// decided locally is asked of Jira's POST /rest/api/3/jql/match
// (https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-jql-match-post).
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STANDALONE_TENANT_ID } from "../../sync-service/src/domain/tenant-settings.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { startJiraWorld, type JiraWorld } from "../support/jira-setup.ts";
import { eventually } from "../support/running-service.ts";

describe.each(DATABASE_KINDS)("JQL escalation rules on $name", (kind) => {
  let w: JiraWorld;
  let serviceId: string;
  beforeAll(async () => {
    w = await startJiraWorld(kind);
    serviceId = (await w.svc.createService("ci-builds")).id;
  });
  afterAll(() => w?.stop());

  const rule = async (jql: string, extra: object = {}) => {
    const res = await w.call("POST", "/api/escalation-rules", {
      name: `rule ${jql.slice(0, 20)}`,
      jql,
      serviceId,
      ...extra,
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  /** Every Jira delivery so far has been answered and its job has run. */
  const deliveriesHandled = async () => {
    await w.jira.settled();
    await eventually("every delivery handled", async () => {
      const keys = w.jira.deliveries().map((d) => `jira_delivery:${d.identifier}`);
      const jobs = await w.svc.database.prisma.job.findMany({ where: { key: { in: keys } } });
      return jobs.length === keys.length && jobs.every((j) => j.state === "succeeded");
    });
  };
  const incidentsTitled = async (prefix: string) =>
    (await w.call("GET", "/api/incidents?limit=200")).body.incidents.filter((i: any) => i.title.startsWith(prefix));

  it("refuses invalid JQL at save with the parser's message and position", async () => {
    const res = await w.call("POST", "/api/escalation-rules", { name: "broken", jql: "project = CI AND", serviceId });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: "JQL.INVALID",
      message: expect.stringMatching(/^Invalid JQL at line 1, column 17: /),
    });
    expect((await w.call("GET", "/api/escalation-rules")).body.rules).toEqual([]);
  });

  it("refuses a JQL date or number out of range at save, with its line and column, and writes nothing", async () => {
    const before = (await w.call("GET", "/api/escalation-rules")).body.rules;
    const created = await w.call("POST", "/api/escalation-rules", {
      name: "far back",
      jql: "project = CI AND created > -99999999999999d",
      serviceId,
    });
    expect(created.status).toBe(400);
    expect(created.body.error).toMatchObject({
      code: "JQL.INVALID",
      message: expect.stringMatching(
        /^Invalid JQL at line 1, column 28: Date value "-99999999999999d" for field "created" reaches more than 100 years from now/,
      ),
    });
    const r = await rule("project = CI AND labels = never-seen", { enabled: false });
    const edited = await w.call("PATCH", `/api/escalation-rules/${r.id}`, { jql: "project = CI\n  AND votes > 1e400" });
    expect(edited.status).toBe(400);
    expect(edited.body.error.message).toMatch(/^Invalid JQL at line 2, column 15: Value "1e400" for field "votes"/);
    expect((await w.call("GET", `/api/escalation-rules/${r.id}`)).body.jql).toBe(
      "project = CI AND labels = never-seen",
    );
    expect(
      (await w.call("POST", "/api/escalation-rules/validate", { jql: 'updated >= "-99999w"' })).body,
    ).toMatchObject({ valid: false, error: { line: 1, column: 12 } });
    expect((await w.call("GET", "/api/escalation-rules")).body.rules).toHaveLength(before.length + 1);
    await w.call("DELETE", `/api/escalation-rules/${r.id}`);
  });

  it("opens one incident when a build-failed issue appears, not again on updates, and resolves it when the issue leaves the rule", async () => {
    const r = await rule("project = CI AND labels = build-failed AND priority in (Highest, High)", {
      severity: "SEV2",
    });
    const issue = await w.jira.createIssueAsUser({
      project: "CI",
      summary: "Nightly build failed on main",
      labels: ["build-failed"],
      priority: "High",
    });
    const [incident] = await eventually("the incident", async () => {
      const found = await incidentsTitled(`${issue.key}:`);
      return found.length ? found : undefined;
    });
    expect(incident).toMatchObject({
      title: `${issue.key}: Nightly build failed on main`,
      severity: "SEV2",
      status: "triggered",
      serviceId,
    });
    const link = await eventually("the issue linked", async () =>
      (await w.call("GET", `/api/incidents/${incident.key}/jira-issues`)).body.issues.find(
        (l: any) => l.state === "linked",
      ),
    );
    expect(link).toMatchObject({ issueKey: issue.key, isOrigin: true, kind: "linked" });

    await w.jira.setPriorityAsUser(issue.key, "Highest");
    await w.jira.commentAsUser(issue.key, "Still red");
    await eventually("the comment on the timeline", async () =>
      (await w.timeline(incident.key)).some((e: any) => e.type === "ticket.comment"),
    );
    expect(await incidentsTitled(`${issue.key}:`)).toHaveLength(1);
    const detail = (await w.call("GET", `/api/incidents/${incident.key}`)).body;
    expect(detail.alerts).toMatchObject([{ dedupKey: `rule:${r.id}:${issue.id}`, count: 1 }]);

    await w.jira.setPriorityAsUser(issue.key, "Low");
    await eventually(
      "auto-resolved",
      async () => (await w.call("GET", `/api/incidents/${incident.key}`)).body.status === "resolved",
    );
  });

  it("disables a rule that fires more often than its limit, with the reason, even when issues arrive together", async () => {
    const r = await rule("project = OPS", { maxFires: 2, windowMinutes: 10 });
    // Their events are handled concurrently: each firing must count the others.
    await Promise.all(
      Array.from({ length: 6 }, (_, i) => w.jira.createIssueAsUser({ project: "OPS", summary: `Noisy alert ${i}` })),
    );
    await deliveriesHandled();
    const disabled = await eventually("disabled", async () => {
      const found = (await w.call("GET", `/api/escalation-rules/${r.id}`)).body;
      return found.enabled === false ? found : undefined;
    });
    expect(disabled.disabledReason).toBe("fired more than 2 times in 10 minutes; check its JQL, then enable it again");
    expect(await incidentsTitled("OPS-")).toHaveLength(2);
    const again = await w.call("PATCH", `/api/escalation-rules/${r.id}`, { enabled: true });
    expect(again.body).toMatchObject({ enabled: true, disabledReason: null });
    await w.call("PATCH", `/api/escalation-rules/${r.id}`, { enabled: false });
  });

  it("back-tests a rule against the issues of its project updated in the last 7 days", async () => {
    const r = await rule("project = CI AND labels = backtest-me", { enabled: false });
    await w.jira.createIssueAsUser({ project: "CI", summary: "one", labels: ["backtest-me"] });
    await w.jira.createIssueAsUser({ project: "CI", summary: "two" });
    await w.jira.indexed();
    const res = await w.call("POST", `/api/escalation-rules/${r.id}/test`);
    expect(res.status).toBe(200);
    expect(res.body.wouldFire).toBe(1);
    expect(res.body.issues.find((i: any) => i.wouldFire)).toMatchObject({ summary: "one", decidedBy: "firewatch" });
    // Every CI issue here was updated moments ago; rules-console-api.integration.test.ts covers older ones.
    expect(res.body.examined).toBe(w.jira.issues().filter((i) => i.project === "CI").length);
    expect(res.body).toMatchObject({ rule: r.id, since: expect.any(String) });
  });

  it("back-tests every issue asked for when Jira answers in short pages (follows nextPageToken)", async () => {
    const r = await rule("project = SUP AND labels = paged", { enabled: false });
    for (let i = 0; i < 30; i++)
      await w.jira.createIssueAsUser({ project: "SUP", summary: `paged ${i}`, labels: i % 2 ? ["paged"] : [] });
    await w.jira.indexed();
    w.jira.clearLog();
    const res = await w.call("POST", `/api/escalation-rules/${r.id}/test`);
    expect(res.body).toMatchObject({ examined: 30, wouldFire: 15 });
    // The stand-in gives 25 issues a page when every field is asked for, as Jira may.
    expect(w.jira.requests({ method: "POST", path: "/rest/api/3/search/jql" })).toHaveLength(2);
  });

  it("shows on the rule the errors Jira gives for JQL it cannot evaluate, instead of a silent no-match", async () => {
    // A custom field by name is Jira's to decide; this one was deleted. (An unindexed issue property is no
    // example: Jira answers it with no error and no match.)
    const r = await rule('project = CI AND Squad = "sre"');
    const issue = await w.jira.createIssueAsUser({ project: "CI", summary: "Paging noise" });
    await deliveriesHandled();
    const listed = (await w.call("GET", "/api/escalation-rules")).body.rules.find((x: any) => x.id === r.id);
    expect(listed).toMatchObject({ enabled: false });
    expect(listed.disabledReason).toBe(
      "Jira could not evaluate its JQL: Field 'Squad' does not exist or you do not have permission to view it.; correct its JQL, then enable it again",
    );
    const tested = await w.call("POST", `/api/escalation-rules/${r.id}/test`, { issueKey: issue.key });
    expect(tested).toMatchObject({ status: 400, body: { error: { code: "RULE.JQL_REJECTED_BY_JIRA" } } });
    expect(tested.body.error.message).toContain("Field 'Squad' does not exist");
  });

  it("asks Jira about what it cannot decide locally, and follows Jira's answer", async () => {
    // Earlier tests' issues must be handled first: their jobs would otherwise meet this rule and ask Jira too.
    await deliveriesHandled();
    await rule('project = CI AND issue.property[firewatch].linkId = "no-such-link"');
    w.jira.clearLog();
    const issue = await w.jira.createIssueAsUser({ project: "CI", summary: "Flaky integration test" });
    await w.jira.settled();
    const delivery = w.jira
      .deliveries()
      .filter((d) => d.event === "jira:issue_created")
      .at(-1)!;
    await eventually(
      "the delivery's job to finish",
      async () =>
        (await w.svc.database.prisma.job.findFirst({ where: { key: `jira_delivery:${delivery.identifier}` } }))
          ?.state === "succeeded",
    );
    // Asked at once, Jira's index may not hold the fresh issue yet (its own id does not match): the job asks again.
    const asked = w.jira.requests({ method: "POST", path: "/rest/api/3/jql/match" });
    expect(asked.at(-1)!.receivedAt - w.jira.issue(issue.key)!.created).toBeGreaterThanOrEqual(w.jira.searchLagMs);
    expect(asked.slice(0, -1).every((r) => r.receivedAt - w.jira.issue(issue.key)!.created < w.jira.searchLagMs)).toBe(
      true,
    );
    expect(await incidentsTitled(`${issue.key}:`)).toEqual([]);
    expect(w.jira.unexpected()).toEqual([]);
  });

  it("never fires on the issues Firewatch files itself (an incident's issue, an action item), even with the label removed; follows an edit at once", async () => {
    const service = (await w.call("POST", "/api/services", { name: "Checkout", jira: { projectKey: "CI" } })).body;
    const r = await rule("project = CI");
    const incident = (
      await w.call("POST", "/api/incidents", { title: "Checkout latency", severity: "SEV2", serviceId: service.id })
    ).body;
    await w.call("POST", `/api/incidents/${incident.key}/jira-issues`, { projectKey: "CI" });
    await w.call("POST", `/api/incidents/${incident.key}/action-items`, {
      title: "Cap retries in the checkout client",
    });
    const item = await eventually("the action item's issue", async () =>
      (await w.call("GET", `/api/incidents/${incident.key}/action-items`)).body.actionItems.find(
        (i: any) => i.state === "linked",
      ),
    );
    const own = [
      (
        await eventually("the incident's issue", async () =>
          (await w.call("GET", `/api/incidents/${incident.key}/jira-issues`)).body.issues.find(
            (l: any) => l.state === "linked",
          ),
        )
      ).issueKey,
      item.issueKey,
    ];
    expect(w.jira.issue(item.issueKey)!.labels).toContain("firewatch-action-item");
    // Someone tidies the labels away: the action item still owns the issue, so the rule still leaves it alone.
    await w.jira.setLabelsAsUser(item.issueKey, ["postmortem"]);
    await deliveriesHandled();
    for (const key of own) expect(await incidentsTitled(`${key}:`)).toEqual([]);
    // Trying the rule on the issue says the same.
    expect(
      (await w.call("POST", `/api/escalation-rules/${r.id}/test`, { issueKey: item.issueKey })).body,
    ).toMatchObject({ issueKey: item.issueKey, wouldFire: false, decidedBy: "firewatch" });

    // The rule itself is live: a person's issue in CI fires it.
    const theirs = await w.jira.createIssueAsUser({ project: "CI", summary: "Checkout 500s again" });
    await eventually(
      "the person's issue fires the rule",
      async () => (await incidentsTitled(`${theirs.key}:`)).length === 1,
    );
    // Edited, the rule set the service keeps between events follows: the next issue meets the new JQL.
    expect(
      (await w.call("PATCH", `/api/escalation-rules/${r.id}`, { jql: "project = CI AND labels = checkout-down" }))
        .status,
    ).toBe(200);
    const later = await w.jira.createIssueAsUser({ project: "CI", summary: "Checkout 500s once more" });
    await deliveriesHandled();
    expect(await incidentsTitled(`${later.key}:`)).toEqual([]);
    await w.call("PATCH", `/api/escalation-rules/${r.id}`, { enabled: false });
  });

  it("disables a stored rule that cannot be evaluated, with its reason; the other rules and the issue's sync go on", async () => {
    const good = await rule("project = CI AND labels = fail-safe");
    // Saved before the check existed, or written around the API: straight into the database.
    const bad = await w.svc.database.prisma.escalationRule.create({
      data: {
        id: randomUUID(),
        tenantId: STANDALONE_TENANT_ID,
        name: "far back",
        jql: "created > -99999999999999d",
        serviceId,
      },
    });
    const issue = await w.jira.createIssueAsUser({
      project: "CI",
      summary: "Deploy pipeline stuck",
      labels: ["fail-safe"],
    });
    // The same event: the good rule fires...
    const [incident] = await eventually("the good rule's incident", async () => {
      const found = await incidentsTitled(`${issue.key}:`);
      return found.length ? found : undefined;
    });
    expect((await w.call("GET", `/api/incidents/${incident.key}`)).body.alerts).toMatchObject([
      { dedupKey: `rule:${good.id}:${issue.id}` },
    ]);
    // ...and the bad one is disabled, saying why.
    const disabled = (await w.call("GET", "/api/escalation-rules")).body.rules.find((x: any) => x.id === bad.id);
    expect(disabled).toMatchObject({
      enabled: false,
      disabledReason: expect.stringMatching(
        /^its JQL no longer passes the checks made at save: Invalid JQL at line 1, column 11: Date value "-99999999999999d"/,
      ),
    });
    expect(disabled.disabledReason).toMatch(/correct its JQL, then enable it again$/);
    // Enabling it again as it is is refused; the issue's comments and status still reach the incident.
    expect((await w.call("PATCH", `/api/escalation-rules/${bad.id}`, { enabled: true })).status).toBe(400);
    await w.jira.commentAsUser(issue.key, "Restarted the runner");
    await w.jira.transitionAsUser(issue.key, "In Progress");
    await deliveriesHandled();
    const types = (await w.timeline(incident.key)).map((e: any) => e.type);
    expect(types).toEqual(expect.arrayContaining(["ticket.comment", "ticket.status_changed"]));
    await w.call("PATCH", `/api/escalation-rules/${good.id}`, { enabled: false });
  });

  it("brings an issue's status change to its incident while Jira cannot decide the rules, and retries the rules", async () => {
    const r = await rule('project = CI AND issue.property[firewatch].team = "nobody"');
    const issue = await w.jira.createIssueAsUser({ project: "CI", summary: "Flaky cache" });
    const incident = (await w.call("POST", "/api/incidents", { title: "Cache misses", severity: "SEV3" })).body;
    expect(
      (await w.call("POST", `/api/incidents/${incident.key}/jira-issues`, { issueKey: issue.key })).status,
    ).toBeLessThan(300);
    await eventually("the issue linked", async () =>
      (await w.call("GET", `/api/incidents/${incident.key}/jira-issues`)).body.issues.some(
        (l: any) => l.state === "linked",
      ),
    );
    await deliveriesHandled();
    w.jira.faults.next({ status: 503, times: Infinity, match: (req) => req.path === "/rest/api/3/jql/match" });
    try {
      // An issue_updated event: the rules are evaluated first, and Jira is asked about this one.
      await w.jira.transitionAsUser(issue.key, "In Progress");
      await eventually("the status change on the timeline", async () =>
        (await w.timeline(incident.key)).some((e: any) => e.type === "ticket.status_changed"),
      );
      expect(w.jira.requests({ method: "POST", path: "/rest/api/3/jql/match" }).length).toBeGreaterThan(0);
    } finally {
      w.jira.faults.clear();
    }
    await deliveriesHandled();
    await w.call("PATCH", `/api/escalation-rules/${r.id}`, { enabled: false });
  });
});
