// What the console's Escalation rules page asks of the API: JQL validated as the user types (the parser's
// message and position, as a save reports them), a rule or unsaved JQL tried on one Jira issue, and the
// back-test over the issues updated in the last 7 days, against the Jira emulator.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS } from "../support/databases.ts";
import { startJiraWorld, type JiraWorld } from "../support/jira-setup.ts";
import { DAY_MS } from "../../sync-service/src/domain/clock.ts";

describe.each(DATABASE_KINDS)("the rules console API on $name", (kind) => {
  let w: JiraWorld;
  let serviceId: string;
  beforeAll(async () => {
    w = await startJiraWorld(kind);
    serviceId = (await w.svc.createService("ci-builds")).id;
  });
  afterAll(() => w?.stop());

  // Disabled, so the issues these tests create open no incidents.
  const rule = async (jql: string) => {
    const res = await w.call("POST", "/api/escalation-rules", {
      name: `rule ${jql.slice(0, 20)}`,
      jql,
      serviceId,
      enabled: false,
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  /** The emulator stamps `updated` with the real time; the back-test's window needs an older issue. */
  const age = (key: string, days: number) => {
    const state = (w.jira as unknown as { state: { get(k: string): { updated: number } } }).state;
    state.get(key).updated -= days * DAY_MS;
  };

  it("validates JQL: the projects it is limited to, or the parser's message and position as a save reports them", async () => {
    const ok = await w.call("POST", "/api/escalation-rules/validate", {
      jql: "project in (CI, OPS) AND labels = build-failed",
    });
    expect(ok).toEqual({ status: 200, body: { valid: true, projects: ["CI", "OPS"] } });
    expect((await w.call("POST", "/api/escalation-rules/validate", { jql: "labels = x" })).body).toEqual({
      valid: true,
      projects: null,
    });

    const jql = "project = CI\nAND labels = ";
    const bad = await w.call("POST", "/api/escalation-rules/validate", { jql });
    expect(bad.status).toBe(200);
    expect(bad.body).toEqual({
      valid: false,
      error: { message: expect.stringMatching(/^Invalid JQL at line 2, column 14: /), line: 2, column: 14 },
    });
    const save = await w.call("POST", "/api/escalation-rules", { name: "broken", jql, serviceId });
    expect(save.status).toBe(400);
    expect(save.body.error).toMatchObject({ code: "JQL.INVALID", message: bad.body.error.message });

    expect((await w.call("POST", "/api/escalation-rules/validate", { jql: "  " })).body).toMatchObject({
      valid: false,
      error: { line: 1, column: 1 },
    });
    const malformed = await w.call("POST", "/api/escalation-rules/validate", {});
    expect(malformed.status).toBe(400);
    expect(malformed.body.error).toMatchObject({ code: "REQUEST.INVALID", fields: [{ path: "jql" }] });
  });

  it("tests a rule against one issue key: fires, does not fire, and who decided", async () => {
    const r = await rule("project = CI AND labels = page-me");
    const hit = await w.jira.createIssueAsUser({ project: "CI", summary: "Deploy stuck", labels: ["page-me"] });
    const miss = await w.jira.createIssueAsUser({ project: "CI", summary: "Typo in README" });
    await w.jira.indexed();

    const fires = await w.call("POST", `/api/escalation-rules/${r.id}/test`, { issueKey: hit.key.toLowerCase() });
    expect(fires).toEqual({
      status: 200,
      body: { issueKey: hit.key, summary: "Deploy stuck", wouldFire: true, decidedBy: "firewatch" },
    });
    const quiet = await w.call("POST", `/api/escalation-rules/${r.id}/test`, { issueKey: miss.key });
    expect(quiet.body).toEqual({
      issueKey: miss.key,
      summary: "Typo in README",
      wouldFire: false,
      decidedBy: "firewatch",
    });

    const undecidable = await rule('project = CI AND issue.property[firewatch].linkId = "no-such-link"');
    w.jira.clearLog();
    const asked = await w.call("POST", `/api/escalation-rules/${undecidable.id}/test`, { issueKey: hit.key });
    expect(asked.body).toMatchObject({ issueKey: hit.key, wouldFire: false, decidedBy: "jira" });
    expect(w.jira.requests({ method: "POST", path: "/rest/api/3/jql/match" })).toHaveLength(1);
    expect(w.jira.unexpected()).toEqual([]);
  });

  it("answers 404 naming an unknown issue key, and 400 for something that is not a key", async () => {
    const r = await rule("project = CI");
    const unknown = await w.call("POST", `/api/escalation-rules/${r.id}/test`, { issueKey: "CI-9999" });
    expect(unknown.status).toBe(404);
    expect(unknown.body.error).toMatchObject({
      code: "ISSUE.NOT_FOUND",
      message: expect.stringContaining('"CI-9999"'),
    });
    const notAKey = await w.call("POST", `/api/escalation-rules/${r.id}/test`, { issueKey: "build failed" });
    expect(notAKey.status).toBe(400);
    expect(notAKey.body.error.fields).toEqual([{ path: "issueKey", message: "must be a Jira issue key like CI-42" }]);
    expect(
      (await w.call("POST", "/api/escalation-rules/00000000-0000-4000-8000-000000000000/test", { issueKey: "CI-1" }))
        .status,
    ).toBe(404);
  });

  it("tests JQL that is not saved yet, refusing invalid JQL as a save does", async () => {
    const issue = await w.jira.createIssueAsUser({ project: "CI", summary: "Draft target", labels: ["draft"] });
    await w.jira.indexed();
    const res = await w.call("POST", "/api/escalation-rules/test", {
      jql: "project = CI AND labels = draft",
      issueKey: issue.key,
    });
    expect(res.body).toEqual({ issueKey: issue.key, summary: "Draft target", wouldFire: true, decidedBy: "firewatch" });
    const invalid = await w.call("POST", "/api/escalation-rules/test", {
      jql: "project = CI AND",
      issueKey: issue.key,
    });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error).toMatchObject({
      code: "JQL.INVALID",
      message: expect.stringMatching(/^Invalid JQL at line 1, column 17: /),
    });
  });

  it("back-tests over the issues of the rule's projects updated in the last 7 days", async () => {
    const r = await rule("project = OPS AND labels = weekly");
    const recentHit = await w.jira.createIssueAsUser({
      project: "OPS",
      summary: "recent, labelled",
      labels: ["weekly"],
    });
    const recentMiss = await w.jira.createIssueAsUser({ project: "OPS", summary: "recent, unlabelled" });
    const old = await w.jira.createIssueAsUser({ project: "OPS", summary: "eight days old", labels: ["weekly"] });
    age(old.key, 8);
    await w.jira.indexed();
    w.jira.clearLog();

    const res = await w.call("POST", `/api/escalation-rules/${r.id}/test`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ rule: r.id, examined: 2, wouldFire: 1 });
    expect(Date.now() - Date.parse(res.body.since)).toBeGreaterThanOrEqual(7 * DAY_MS);
    expect(Date.now() - Date.parse(res.body.since)).toBeLessThan(7 * DAY_MS + 60_000);
    expect(res.body.issues).toEqual(
      expect.arrayContaining([
        { key: recentHit.key, summary: "recent, labelled", wouldFire: true, decidedBy: "firewatch" },
        { key: recentMiss.key, summary: "recent, unlabelled", wouldFire: false, decidedBy: "firewatch" },
      ]),
    );
    expect(
      w.jira.requests({ method: "POST", path: "/rest/api/3/search/jql" }).map((q) => (q.body as { jql: string }).jql),
    ).toEqual(['project in ("OPS") ORDER BY updated DESC']);
    expect(w.jira.unexpected()).toEqual([]);

    const draft = await w.call("POST", "/api/escalation-rules/test", { jql: "project = OPS AND labels = weekly" });
    expect(draft.body).toMatchObject({ rule: null, examined: 2, wouldFire: 1 });
  });
});
