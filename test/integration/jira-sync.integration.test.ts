// Linked Jira issues kept in step both ways, against the Jira Cloud emulator over real HTTP.
// REST shapes: https://developer.atlassian.com/cloud/jira/platform/rest/v3/ (endpoints cited in
// stand-ins/jira/routes-*.ts); webhooks: https://developer.atlassian.com/cloud/jira/platform/webhooks/.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { adfToText, API_ACCOUNT_ID } from "../../stand-ins/jira/index.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { startJiraWorld, type JiraWorld } from "../support/jira-setup.ts";
import { eventually } from "../support/running-service.ts";

describe.each(DATABASE_KINDS)("Jira sync on $name", (kind) => {
  let w: JiraWorld;
  beforeAll(async () => {
    w = await startJiraWorld(kind);
  });
  afterAll(() => w?.stop());

  const category = (key: string) => w.jira.issue(key)!.status.category;
  const jiraEntries = async (incidentKey: string) => (await w.timeline(incidentKey)).filter((e) => e.source === "jira");

  it("creates the issue, moves it through the status categories with the incident, and posts notes as comments", async () => {
    const { key, issueKey } = await w.incidentWithIssue("Deploys failing on main");
    const issue = w.jira.issue(issueKey)!;
    expect(issue).toMatchObject({ project: "CI", issueType: "Task", summary: `[${key}] Deploys failing on main` });
    expect(issue.priority.name).toBe("High");
    expect(issue.properties.firewatch).toMatchObject({ incidentKey: key, revision: 1 });
    // The link's own label is how a retry finds the issue (labels are indexed for JQL; the property may not be).
    expect(issue.labels).toEqual([
      "firewatch-incident",
      `firewatch-link-${(issue.properties.firewatch as { linkId: string }).linkId}`,
    ]);
    expect(adfToText(issue.description!)).toContain(`${key} in Firewatch`);
    expect(JSON.stringify(issue.description)).toContain(`/incidents/${key}`);
    expect(category(issueKey)).toBe("new");

    await w.call("POST", `/api/incidents/${key}/acknowledge`);
    await eventually("In Progress", async () => category(issueKey) === "indeterminate");
    await w.call("POST", `/api/incidents/${key}/notes`, { body: "Rolled back the runner image" });
    await eventually("the comment", async () => w.jira.issue(issueKey)!.comments.length === 1);
    await w.call("POST", `/api/incidents/${key}/resolve`);
    await eventually("Done", async () => category(issueKey) === "done");

    const comment = w.jira.issue(issueKey)!.comments[0]!;
    expect(adfToText(comment.body)).toMatch(/admin wrote in INC-\d+:[\s\S]*Rolled back the runner image/);
    expect(comment.authorId).toBe(API_ACCOUNT_ID);
    const statusMoves = w.jira
      .issue(issueKey)!
      .changelog.flatMap((c) => c.items.filter((i) => i.field === "status").map((i) => i.toString));
    expect(statusMoves).toEqual(["In Progress", "Done"]);
    await w.jira.settled();
    // Our own transitions and comment came back as webhooks; none became a Jira timeline entry.
    expect(await jiraEntries(key)).toEqual([]);
    // Jira answers the transition before the link records it.
    const links = await eventually("the link to show Done", async () => {
      const { issues } = (await w.call("GET", `/api/incidents/${key}/jira-issues`)).body;
      return issues[0]?.statusCategory === "done" ? issues : undefined;
    });
    expect(links).toMatchObject([
      { issueKey, isOrigin: true, state: "linked", status: "Done", statusCategory: "done" },
    ]);
  });

  it("records a status change made in Jira on the timeline exactly once, even when Jira redelivers it", async () => {
    const { key, issueKey } = await w.incidentWithIssue();
    await w.jira.transitionAsUser(issueKey, "In Progress");
    const entries = await eventually("the Jira status entry", async () => {
      const found = (await jiraEntries(key)).filter((e) => e.type === "ticket.status_changed");
      return found.length ? found : undefined;
    });
    expect(entries).toMatchObject([{ body: `${issueKey} status: To Do → In Progress`, author: "Ada Oncall" }]);

    const delivery = w.jira
      .deliveries()
      .filter((d) => d.event === "jira:issue_updated")
      .at(-1)!;
    const again = await w.jira.redeliver(delivery.identifier);
    expect(again.status).toBe(200);
    expect((await jiraEntries(key)).filter((e) => e.type === "ticket.status_changed")).toHaveLength(1);
  });

  it("lets the origin issue acknowledge and resolve the incident", async () => {
    const { key, issueKey } = await w.incidentWithIssue();
    await w.jira.transitionAsUser(issueKey, "In Progress");
    await eventually(
      "acknowledged",
      async () => (await w.call("GET", `/api/incidents/${key}`)).body.status === "acknowledged",
    );
    await w.jira.transitionAsUser(issueKey, "Done");
    await eventually("resolved", async () => (await w.call("GET", `/api/incidents/${key}`)).body.status === "resolved");
    const types = (await w.timeline(key)).map((e) => `${e.source}:${e.type}`);
    expect(types.filter((t) => t.startsWith("jira:"))).toEqual([
      "jira:ticket.status_changed",
      "jira:incident.acknowledged",
      "jira:ticket.status_changed",
      "jira:incident.resolved",
    ]);
  });

  it("records Jira comments and priority changes, and maps severity changes to priority", async () => {
    const { key, issueKey } = await w.incidentWithIssue();
    await w.jira.commentAsUser(issueKey, "Seeing this on the ARM runners too");
    await w.jira.setPriorityAsUser(issueKey, "Lowest");
    await eventually("two Jira entries", async () => (await jiraEntries(key)).length === 2);
    expect((await jiraEntries(key)).map((e) => [e.type, e.body])).toEqual([
      ["ticket.comment", "Seeing this on the ARM runners too"],
      ["ticket.priority_changed", `${issueKey} priority: High → Lowest`],
    ]);
    expect((await w.call("GET", `/api/incidents/${key}`)).body.severity).toBe("SEV2");

    await w.call("PATCH", `/api/incidents/${key}`, { severity: "SEV1" });
    await eventually("priority Highest", async () => w.jira.issue(issueKey)!.priority.name === "Highest");
  });

  it("links an existing issue by key without moving it, and declares an incident from an issue", async () => {
    const existing = await w.jira.createIssueAsUser({
      project: "OPS",
      summary: "Disk alerts on build agents",
      priority: "Highest",
    });
    await w.jira.transitionAsUser(existing.key, "Investigating");
    const declared = await w.call("POST", "/api/incidents", { fromIssueKey: existing.key });
    expect(declared.status).toBe(201);
    const key = declared.body.key;
    expect((await w.call("GET", `/api/incidents/${key}`)).body).toMatchObject({
      title: "Disk alerts on build agents",
      severity: "SEV1",
    });
    const link = await eventually("the origin link recorded", async () => {
      const [found] = (await w.call("GET", `/api/incidents/${key}/jira-issues`)).body.issues;
      return found?.state === "linked" ? found : undefined;
    });
    expect(link).toMatchObject({
      issueKey: existing.key,
      issueId: existing.id,
      isOrigin: true,
      kind: "linked",
      status: "Investigating",
    });
    expect(w.jira.issue(existing.key)!.properties.firewatch).toMatchObject({ incidentKey: key });
    expect(w.jira.issue(existing.key)!.status.name).toBe("Investigating");

    const other = await w.call("POST", `/api/incidents/${key}/jira-issues`, { issueKey: existing.key });
    expect(other).toMatchObject({ status: 409, body: { error: { code: "TICKET.ALREADY_LINKED" } } });
  });

  it("uses the status category, not the name, on a workflow with renamed statuses", async () => {
    const incident = await w.call("POST", "/api/incidents", { title: "Pager storm" });
    await w.call("POST", `/api/incidents/${incident.body.key}/jira-issues`, { projectKey: "OPS" });
    const link = await eventually("the OPS issue", async () =>
      (await w.call("GET", `/api/incidents/${incident.body.key}/jira-issues`)).body.issues.find(
        (i: any) => i.state === "linked",
      ),
    );
    await w.call("POST", `/api/incidents/${incident.body.key}/resolve`);
    await eventually("Closed", async () => w.jira.issue(link.issueKey)!.status.name === "Closed");
  });

  it("drops a link whose issue was deleted in Jira, with a timeline entry", async () => {
    const { key, issueKey } = await w.incidentWithIssue();
    await w.jira.deleteIssueAsUser(issueKey);
    await eventually(
      "the link dropped",
      async () => (await w.call("GET", `/api/incidents/${key}/jira-issues`)).body.issues[0].state === "dropped",
    );
    const entry = (await w.timeline(key)).find((e) => e.type === "ticket.dropped");
    expect(entry.body).toContain(`${issueKey} was deleted in Jira`);
    expect(w.jira.unexpected()).toEqual([]);
  });

  it("rejects link requests it cannot serve with a clear 4xx", async () => {
    const incident = await w.call("POST", "/api/incidents", { title: "No project" });
    expect(await w.call("POST", `/api/incidents/${incident.body.key}/jira-issues`, {})).toMatchObject({
      status: 400,
      body: { error: { code: "TICKET.PROJECT_REQUIRED" } },
    });
    expect(
      await w.call("POST", `/api/incidents/${incident.body.key}/jira-issues`, { issueKey: "not a key" }),
    ).toMatchObject({
      status: 400,
      body: { error: { code: "TICKET.INVALID_KEY" } },
    });
    expect((await w.call("POST", `/api/incidents/INC-9999/jira-issues`, { issueKey: "CI-1" })).status).toBe(404);
  });
});
