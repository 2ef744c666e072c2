// The managers' API over real HTTP: the incident report's weekly buckets (UTC Mondays, empty weeks
// included, [from, to) half-open) and the action-item tracker's filters, counts and incident facts, with
// the items' issues on the Jira emulator (stand-ins/jira) and a Jira-side "done" read back by webhook.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS } from "../support/databases.ts";
import { startJiraWorld, type JiraWorld } from "../support/jira-setup.ts";
import { eventually } from "../support/running-service.ts";

const at = (iso: string, plusSeconds = 0) => new Date(Date.parse(iso) + plusSeconds * 1000);

describe.each(DATABASE_KINDS)("managers' API on $name", (kind) => {
  let w: JiraWorld;

  const call = async (method: string, path: string, json?: unknown) => {
    const res = await w.call(method, path, json);
    if (res.status >= 400) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  /** Declares an incident, then dates it in the database (the API cannot backdate an incident). */
  const incidentAt = async (
    severity: string,
    createdAt: string,
    ackAfter: number | null,
    resolveAfter: number | null,
  ) => {
    const incident = await call("POST", "/api/incidents", { title: `Report fixture at ${createdAt}`, severity });
    await w.svc.database.prisma.incident.update({
      where: { id: incident.id },
      data: {
        createdAt: at(createdAt),
        acknowledgedAt: ackAfter === null ? null : at(createdAt, ackAfter),
        resolvedAt: resolveAfter === null ? null : at(createdAt, resolveAfter),
      },
    });
    return incident;
  };

  beforeAll(async () => {
    w = await startJiraWorld(kind);
  });
  afterAll(async () => {
    await w?.stop();
    expect(w.jira.unexpected()).toEqual([]);
  });

  it("buckets the report's incidents into UTC weeks starting on Monday, empty weeks included", async () => {
    await incidentAt("SEV1", "2026-02-25T09:00:00Z", 60, 600); // Wednesday: the first, partial week
    await incidentAt("SEV1", "2026-03-01T23:59:59Z", 120, 1800); // Sunday, one second before the UTC Monday
    await incidentAt("SEV2", "2026-03-02T00:00:00Z", 300, 1200); // Monday 00:00 UTC: the next week
    // 01:30 UTC on 2026-03-08, the night US clocks spring forward: still that UTC week.
    await incidentAt("SEV2", "2026-03-08T01:30:00Z", 100, null);
    // Monday after Europe's switch to summer time (2026-03-29): UTC weeks stay 7 × 24 h.
    await incidentAt("SEV4", "2026-03-30T00:00:00Z", null, null);
    await incidentAt("SEV3", "2026-04-06T00:00:00Z", 10, 10); // at `to`: outside [from, to)

    const report = await call("GET", "/api/reports/incidents?from=2026-02-25T00:00:00Z&to=2026-04-06T00:00:00Z");
    expect(report.incidents).toBe(5);
    const none = { SEV1: 0, SEV2: 0, SEV3: 0, SEV4: 0 };
    const empty = { incidents: 0, bySeverity: none, mttaMedianSeconds: null, mttrMedianSeconds: null };
    expect(report.weeks).toEqual([
      {
        weekStart: "2026-02-23",
        incidents: 2,
        bySeverity: { ...none, SEV1: 2 },
        mttaMedianSeconds: 90,
        mttrMedianSeconds: 1200,
      },
      {
        weekStart: "2026-03-02",
        incidents: 2,
        bySeverity: { ...none, SEV2: 2 },
        mttaMedianSeconds: 200,
        mttrMedianSeconds: 1200,
      },
      { weekStart: "2026-03-09", ...empty },
      { weekStart: "2026-03-16", ...empty },
      { weekStart: "2026-03-23", ...empty },
      {
        weekStart: "2026-03-30",
        incidents: 1,
        bySeverity: { ...none, SEV4: 1 },
        mttaMedianSeconds: null,
        mttrMedianSeconds: null,
      },
    ]);
    expect(report.mtta).toMatchObject({ medianSeconds: 110, acknowledged: 4 });

    // A range inside one week still has that week; `to` must come after `from`.
    const oneDay = await call("GET", "/api/reports/incidents?from=2026-03-11T00:00:00Z&to=2026-03-12T00:00:00Z");
    expect(oneDay.weeks).toEqual([{ weekStart: "2026-03-09", ...empty }]);
    const backwards = await w.call("GET", "/api/reports/incidents?from=2026-03-12T00:00:00Z&to=2026-03-11T00:00:00Z");
    expect(backwards.status).toBe(400);
    expect(backwards.body.error).toMatchObject({
      code: "REQUEST.INVALID",
      message: expect.stringContaining("after `from`"),
    });
  });

  it("filters action items by the incident's severity, lists them by due date with their incident and service, and counts them", async () => {
    const service = await call("POST", "/api/services", { name: "Checkout", jira: { projectKey: "OPS" } });
    const sev1 = await call("POST", "/api/incidents", {
      title: "Checkout down",
      severity: "SEV1",
      serviceId: service.id,
    });
    const sev3 = await call("POST", "/api/incidents", {
      title: "Checkout slow",
      severity: "SEV3",
      serviceId: service.id,
    });
    await call("POST", `/api/incidents/${sev1.key}/action-items`, { title: "Add a checkout canary" });
    await call("POST", `/api/incidents/${sev3.key}/action-items`, {
      title: "Tune the checkout pool",
      dueDate: "2099-01-31",
    });
    await call("POST", `/api/incidents/${sev3.key}/action-items`, {
      title: "Write the pool runbook",
      dueDate: "2020-01-31",
    });
    const items = await eventually("the items' issues", async () => {
      const list = (await call("GET", "/api/action-items?service=" + service.id)).actionItems;
      return list.length === 3 && list.every((i: any) => i.state === "linked") ? list : false;
    });
    expect(items.map((i: any) => i.dueDate)).toEqual([...items.map((i: any) => i.dueDate)].sort());

    const sev3Items = await call("GET", `/api/action-items?severity=SEV3&sort=due`);
    expect(sev3Items.actionItems.map((i: any) => i.title)).toEqual([
      "Write the pool runbook",
      "Tune the checkout pool",
    ]);
    expect(sev3Items.actionItems[0]).toMatchObject({
      incidentKey: sev3.key,
      incident: { key: sev3.key, title: "Checkout slow", severity: "SEV3", status: "triggered" },
      service: { id: service.id, name: "Checkout" },
      owner: null,
      issueKey: expect.stringMatching(/^OPS-\d+$/),
      issueUrl: expect.stringMatching(/\/browse\/OPS-\d+$/),
      statusName: expect.any(String),
      done: false,
      overdue: true,
    });
    expect(sev3Items.counts).toEqual({ open: 2, overdue: 1, done: 0 });
    const sev1Items = await call("GET", `/api/action-items?severity=SEV1`);
    expect(sev1Items.actionItems.map((i: any) => i.incidentKey)).toEqual([sev1.key]);
    expect((await call("GET", `/api/action-items?severity=SEV2`)).actionItems).toEqual([]);
    expect(
      (await call("GET", `/api/action-items?severity=SEV3&status=overdue`)).actionItems.map((i: any) => i.title),
    ).toEqual(["Write the pool runbook"]);

    // Done in Jira → the webhook moves it to done, in the list and in the counts.
    await w.jira.transitionAsUser(sev3Items.actionItems[0].issueKey, "Closed");
    const done = await eventually("the item done", async () => {
      const body = await call("GET", `/api/action-items?severity=SEV3&status=done`);
      return body.actionItems.length === 1 ? body : false;
    });
    expect(done.actionItems[0]).toMatchObject({ title: "Write the pool runbook", done: true, overdue: false });
    expect(done.counts).toEqual({ open: 1, overdue: 0, done: 1 });

    const refused = await w.call("GET", "/api/action-items?severity=SEV9");
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain("SEV1, SEV2, SEV3, SEV4");
  });
});
