// Reminders of overdue action items end to end over real HTTP: an action item past its due date, linked to a
// Jira issue on the emulator → the reconciliation sweep queues a reminder → its owner gets one Slack DM
// (emulator, https://docs.slack.dev/reference/methods/chat.postMessage) naming the issue, and the incident's
// timeline says so. Once a day at most; none for an item done in Jira; the Jira assignee, when a Firewatch user
// has that name, is the owner rather than the incident's owner.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SlackEmulator } from "../../stand-ins/slack/index.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { startJiraWorld, type JiraWorld } from "../support/jira-setup.ts";
import { eventually } from "../support/running-service.ts";

const SWEEP = "action_items.sweep";
const REMIND = "action_item.remind";

describe.each(DATABASE_KINDS)("reminders of overdue action items on $name", (kind) => {
  let w: JiraWorld;
  const slack = new SlackEmulator();
  let incidentKey: string;

  const call = async (method: string, path: string, json?: unknown) => {
    const res = await w.call(method, path, json);
    if (res.status >= 400) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const jobs = async (state: string, task: string): Promise<any[]> =>
    (await call("GET", `/api/jobs?state=${state}&limit=500`)).jobs.filter((j: any) => j.task === task);
  const dms = (user: string) => slack.messages({ user });

  /** Runs the waiting sweep now and waits for it and the reminders it queued to finish. */
  const runSweep = async () => {
    const done = (await jobs("succeeded", SWEEP)).length;
    const [sweep] = await jobs("pending", SWEEP);
    await call("POST", `/api/jobs/${sweep.id}/retry`);
    await eventually("the sweep", async () => (await jobs("succeeded", SWEEP)).length > done);
    await eventually(
      "the reminders sent",
      async () => (await jobs("pending", REMIND)).length + (await jobs("running", REMIND)).length === 0,
    );
    expect(await jobs("failed", REMIND)).toEqual([]);
  };
  const overdueItem = async (title: string) => {
    const item = await call("POST", `/api/incidents/${incidentKey}/action-items`, { title, dueDate: "2020-01-10" });
    return eventually(`${title} linked`, async () =>
      (await call("GET", `/api/incidents/${incidentKey}/action-items`)).actionItems.find(
        (i: any) => i.id === item.id && i.state === "linked",
      ),
    );
  };
  const reminders = async () =>
    (await w.timeline(incidentKey)).filter((e: any) => e.type === "action_item.reminded").map((e: any) => e.body);

  beforeAll(async () => {
    const slackUrl = await slack.start();
    w = await startJiraWorld(kind, { env: { SLACK_BOT_TOKEN: slack.botToken, SLACK_API_URL: `${slackUrl}/api/` } });
    const ada = await call("POST", "/api/users", { name: "Ada Owner", email: "ada.owner@example.com" });
    await call("POST", `/api/users/${ada.id}/contact-methods`, { kind: "slack", address: "U0ALICE" });
    const service = await call("POST", "/api/services", { name: "Disks", jira: { projectKey: "CI" } });
    const incident = await call("POST", "/api/incidents", {
      title: "Disk full on db-3",
      severity: "SEV2",
      serviceId: service.id,
    });
    incidentKey = incident.key;
    await call("PATCH", `/api/incidents/${incidentKey}`, { ownerId: ada.id });
  });
  afterAll(async () => {
    await w?.stop();
    const unexpected = [...slack.unexpected(), ...(w ? w.jira.unexpected() : [])];
    await slack.stop();
    expect(unexpected).toEqual([]);
  });

  it("DMs the incident's owner once about an overdue item and notes it on the timeline; a second sweep that day sends nothing", async () => {
    const item = await overdueItem("Add disk alerts");
    expect(dms("U0ALICE")).toEqual([]);

    await runSweep();
    const sent = dms("U0ALICE");
    expect(sent).toHaveLength(1);
    expect(sent[0]!.text).toContain(`Overdue action item ${item.issueKey}: Add disk alerts (due 2020-01-10`);
    expect(JSON.stringify(sent[0]!.blocks)).toContain(`${w.jira.baseUrl}/browse/${item.issueKey}`);
    expect(await reminders()).toEqual([
      `Reminded Ada Owner by slack that ${item.issueKey} "Add disk alerts" is overdue (due 2020-01-10)`,
    ]);
    const today = new Date().toISOString().slice(0, 10);
    expect(
      (await call("GET", `/api/incidents/${incidentKey}/action-items`)).actionItems.find((i: any) => i.id === item.id)
        .remindedOn,
    ).toBe(today);

    await runSweep();
    expect(dms("U0ALICE")).toHaveLength(1);
    expect(await jobs("succeeded", REMIND)).toHaveLength(1);
    expect(await reminders()).toHaveLength(1);
  });

  it("does not remind anyone of an item that is done in Jira", async () => {
    const item = await overdueItem("Document the disk runbook");
    await w.jira.transitionAsUser(item.issueKey, "Done");
    await eventually(
      "the item done",
      async () =>
        (await call("GET", `/api/incidents/${incidentKey}/action-items`)).actionItems.find((i: any) => i.id === item.id)
          .done,
    );

    await runSweep();
    expect(slack.messages().filter((m) => m.user !== null && (m.text ?? "").includes(item.issueKey))).toEqual([]);
    expect(await reminders()).toHaveLength(1);
  });

  it("reminds the Firewatch user named as the issue's Jira assignee (case aside) instead of the incident's owner", async () => {
    const grace = await call("POST", "/api/users", { name: "grace responder", email: "grace@example.com" });
    await call("POST", `/api/users/${grace.id}/contact-methods`, { kind: "slack", address: "U0BOB" });
    const item = await overdueItem("Resize the db-3 volume");
    await w.jira.assignAsUser(item.issueKey, w.jira.addUser("Grace Responder").accountId);
    await eventually(
      "the assignee recorded",
      async () =>
        (await call("GET", `/api/incidents/${incidentKey}/action-items`)).actionItems.find((i: any) => i.id === item.id)
          .assignee === "Grace Responder",
    );

    await runSweep();
    expect(dms("U0BOB").map((m) => m.text)).toEqual([
      expect.stringContaining(`Overdue action item ${item.issueKey}: Resize the db-3 volume`),
    ]);
    expect(dms("U0ALICE")).toHaveLength(1);
    expect(await reminders()).toContain(
      `Reminded grace responder by slack that ${item.issueKey} "Resize the db-3 volume" is overdue (due 2020-01-10)`,
    );
  });
});
