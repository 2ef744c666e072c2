// Jira projects whose screens differ from the defaults, against the Jira Cloud emulator over real HTTP: a workflow
// whose Done transition has a screen with a required Resolution (SUP), and a project whose create and edit screens
// lack Priority (TEAM). Transitions with fields: https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-transitions-get
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS } from "../support/databases.ts";
import { startJiraWorld, type JiraWorld } from "../support/jira-setup.ts";
import { eventually } from "../support/running-service.ts";

describe.each(DATABASE_KINDS)("Jira screens on $name", (kind) => {
  let w: JiraWorld;
  beforeAll(async () => {
    w = await startJiraWorld(kind);
  });
  afterAll(() => w?.stop());

  /** An incident (of a service on `projectKey`, with `jira` settings) and its created issue, linked and synced once. */
  async function incidentIn(projectKey: string, jira: Record<string, unknown> = {}) {
    const service = await w.call("POST", "/api/services", {
      name: `svc-${projectKey}-${crypto.randomUUID().slice(0, 8)}`,
      jira: { projectKey, ...jira },
    });
    expect(service.status).toBe(201);
    const incident = await w.call("POST", "/api/incidents", {
      title: `Queue backlog in ${projectKey}`,
      severity: "SEV2",
      serviceId: service.body.id,
    });
    await w.call("POST", `/api/incidents/${incident.body.key}/jira-issues`, { projectKey });
    const linked = await eventually("the issue linked and synced", async () => {
      const { body } = await w.call("GET", `/api/incidents/${incident.body.key}/jira-issues`);
      return body.issues.find((i: any) => i.state === "linked" && i.syncedRevision >= 1);
    });
    return { key: incident.body.key as string, issueKey: linked.issueKey as string };
  }
  const resolutionOf = (issueKey: string) =>
    w.jira
      .issue(issueKey)!
      .changelog.flatMap((c) => c.items.filter((i) => i.field === "resolution").map((i) => i.toString))
      .at(-1);

  it("reaches Done through a transition screen that requires a Resolution, with the first Done-like value offered", async () => {
    const { key, issueKey } = await incidentIn("SUP");
    await w.call("POST", `/api/incidents/${key}/resolve`);
    await eventually("Closed", async () => w.jira.issue(issueKey)!.status.name === "Closed");
    // The screen offers "Won't Do" first; Firewatch picks "Done".
    expect(resolutionOf(issueKey)).toBe("Done");
    expect(w.jira.unexpected()).toEqual([]);
  });

  it("sets the service's own resolution choice", async () => {
    const { key, issueKey } = await incidentIn("SUP", { resolution: "Duplicate" });
    await w.call("POST", `/api/incidents/${key}/resolve`);
    await eventually("Closed", async () => w.jira.issue(issueKey)!.status.name === "Closed");
    expect(resolutionOf(issueKey)).toBe("Duplicate");
  });

  it("skips a transition whose screen requires what it cannot fill, naming the field on the timeline", async () => {
    const { key, issueKey } = await incidentIn("SUP", { resolution: "Fixed" });
    await w.call("POST", `/api/incidents/${key}/resolve`);
    const entry = await eventually("the blocked entry", async () =>
      (await w.timeline(key)).find((e: any) => e.sourceId?.startsWith?.("blocked:") || /cannot fill/.test(e.body)),
    );
    expect(entry.body).toBe(
      `${issueKey}'s transition to a done status has a screen requiring Resolution ("Fixed" is not offered), which Firewatch cannot fill; the transition was skipped, move it by hand`,
    );
    expect(w.jira.issue(issueKey)!.status.name).toBe("Open");
    // The job finished (the link is in step with the resolved incident), it does not loop toward the dead letter.
    const link = (await w.call("GET", `/api/incidents/${key}/jira-issues`)).body.issues[0];
    expect(link).toMatchObject({ state: "linked", status: "Open" });
    expect(link.syncedRevision).toBe((await w.call("GET", `/api/incidents/${key}`)).body.revision);
  });

  it("creates issues and applies severity changes in a project without Priority on its screens, saying so once", async () => {
    const { key, issueKey } = await incidentIn("TEAM");
    expect(w.jira.issue(issueKey)).toMatchObject({ project: "TEAM", summary: `[${key}] Queue backlog in TEAM` });
    await w.call("PATCH", `/api/incidents/${key}`, { severity: "SEV1" });
    await w.call("POST", `/api/incidents/${key}/acknowledge`);
    await eventually("In Progress", async () => w.jira.issue(issueKey)!.status.category === "indeterminate");
    const revision = (await w.call("GET", `/api/incidents/${key}`)).body.revision;
    await eventually(
      "the last sync",
      async () => (w.jira.issue(issueKey)!.properties.firewatch as { revision: number }).revision === revision,
    );
    const notes = (await w.timeline(key)).filter((e: any) => e.type === "ticket.field_omitted");
    expect(notes.map((e: any) => e.body)).toEqual([
      `${issueKey}'s project has no Priority on its Jira screens, so Firewatch leaves Priority out; add the field to the project's create and edit screens to keep it in step`,
    ]);
    expect(w.jira.unexpected()).toEqual([]);
  });
});
