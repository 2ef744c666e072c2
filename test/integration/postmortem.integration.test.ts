// Living postmortems end to end over real HTTP: an incident with alerts (Events v2), a Jira issue and
// comment, Slack messages and a status post → the postmortem page on the Confluence emulator
// (stand-ins/confluence, following https://developer.atlassian.com/cloud/confluence/rest/v2/):
// valid ADF; a person writes the root cause there; new timeline entries; a refresh grows the timeline
// and leaves the person's text alone, even across a concurrent save (409). Action items become Jira
// issues (labels, due date, "relates to" the origin, a remote link to the page) and are read back.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LogLevel, WebClient } from "@slack/web-api";
import { ConfluenceEmulator } from "../../stand-ins/confluence/index.ts";
import { adfToText } from "../../stand-ins/confluence/adf.ts";
import { SlackEmulator } from "../../stand-ins/slack/index.ts";
import { StatuspageEmulator } from "../../stand-ins/statuspage/index.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { startJiraWorld, type JiraWorld } from "../support/jira-setup.ts";
import { eventually } from "../support/running-service.ts";

const SIGNING_SECRET = "postmortem-test-signing-secret";
const ROOT_CAUSE = "An expired TLS certificate on the card gateway; renewal alerts went to a retired mailbox.";

type Adf = { type: string; content?: Adf[]; text?: string; attrs?: Record<string, unknown> };

/** The rows of the table in the Firewatch section macro with this id. */
function sectionTableRows(adf: Adf, sectionId: string): number {
  const macro = adf.content!.find(
    (n) =>
      n.type === "bodiedExtension" && (n.attrs as any)?.parameters?.macroParams?.id?.value === `firewatch-${sectionId}`,
  );
  const table = macro?.content?.find((n) => n.type === "table");
  return table?.content?.length ?? 0;
}

/** Replaces the placeholder under the people's section heading with `text`. */
function writeSection(adf: Adf, title: string, text: string): Adf {
  const content = [...adf.content!];
  const at = content.findIndex((n) => n.type === "heading" && adfToText(n as never).trim() === title);
  content.splice(at + 1, 1, { type: "paragraph", content: [{ type: "text", text }] });
  return { ...adf, content };
}

describe.each(DATABASE_KINDS)("living postmortems on $name", (kind) => {
  let w: JiraWorld;
  let confluence: ConfluenceEmulator;
  const slack = new SlackEmulator();
  const statuspage = new StatuspageEmulator();
  let key: string;
  let pageId: string;

  const call = async (method: string, path: string, json?: unknown) => {
    const res = await w.call(method, path, json);
    if (res.status >= 400) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const page = () => confluence.page(pageId)!;
  /** Runs the waiting publish job now (refreshes are debounced after the incident resolves). */
  const refreshNow = async () => {
    const before = page().version;
    await call("POST", `/api/incidents/${key}/postmortem`);
    await eventually(
      "the refreshed page",
      async () =>
        page().version > before || (await call("GET", `/api/incidents/${key}/postmortem`)).pageVersion > before,
    );
  };

  beforeAll(async () => {
    confluence = new ConfluenceEmulator();
    const confluenceUrl = await confluence.start();
    const slackApi = `${await slack.start()}/api/`;
    await statuspage.start();
    w = await startJiraWorld(kind, {
      env: {
        CONFLUENCE_BASE_URL: confluenceUrl,
        CONFLUENCE_SPACE_KEY: "ENG",
        SLACK_BOT_TOKEN: slack.botToken,
        SLACK_API_URL: slackApi,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        STATUSPAGE_API_KEY: statuspage.apiKey,
        STATUSPAGE_PAGE_ID: statuspage.pageId,
        STATUSPAGE_API_URL: statuspage.apiUrl,
      },
    });
    // The same Atlassian account (both emulators' default credentials) writes Jira issues and Confluence pages.
    expect([confluence.email, confluence.apiToken]).toEqual([w.jira.email, w.jira.apiToken]);
    slack.configureEvents({ url: `${w.svc.url}/webhooks/slack/events`, signingSecret: SIGNING_SECRET });
  });
  afterAll(async () => {
    await w?.stop();
    const unexpected = [
      ...confluence.unexpected(),
      ...slack.unexpected(),
      ...statuspage.unexpected(),
      ...w.jira.unexpected(),
    ];
    await confluence.stop();
    await slack.stop();
    await statuspage.stop();
    expect(unexpected).toEqual([]);
  });

  it("creates a valid page from alerts, Jira, Slack and status posts, and a refresh keeps the person's root cause", async () => {
    const service = await call("POST", "/api/services", { name: "Card payments", jira: { projectKey: "OPS" } });
    for (let i = 0; i < 3; i++) {
      const res = await fetch(`${w.svc.url}/v2/enqueue`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          routing_key: service.integrationKey,
          event_action: "trigger",
          dedup_key: "card-gw/5xx",
          payload: { summary: "Card gateway 5xx above 20%", source: "prometheus", severity: "critical" },
        }),
      });
      expect(res.status).toBe(202);
    }
    const incident = await eventually("the incident", async () =>
      (await call("GET", "/api/incidents")).incidents.find((i: any) => i.title === "Card gateway 5xx above 20%"),
    );
    key = incident.key;
    await call("POST", `/api/incidents/${key}/jira-issues`, { projectKey: "CI" });
    const issue = await eventually("the linked issue", async () =>
      (await call("GET", `/api/incidents/${key}/jira-issues`)).issues.find((i: any) => i.state === "linked"),
    );
    await w.jira.commentAsUser(issue.issueKey, "Card gateway vendor confirms an expired certificate.");
    const channel = await eventually("the incident channel", async () =>
      slack.channelByName(`inc-${incident.number}-card-gateway-5xx-above-20`),
    );
    await eventually(
      "the channel ready",
      async () => (await call("GET", `/api/incidents/${key}/channel`)).state === "ready",
    );
    // Nobody owns an alert's incident yet; a workspace member adds Alice to the channel.
    await new WebClient(slack.botToken, { slackApiUrl: slack.apiUrl, logLevel: LogLevel.ERROR }).conversations.invite({
      channel: channel.id,
      users: "U0ALICE",
    });
    await slack.postAs("U0ALICE", channel.id, "Gateway answers 495 SSL Certificate Error");
    await call("POST", `/api/incidents/${key}/status-posts`, {
      status: "identified",
      body: "Card payments fail for some customers; fix in progress.",
    });
    await eventually("the Slack message and the Jira comment on the timeline", async () => {
      const types = (await w.timeline(key)).map((e: any) => e.type);
      return types.includes("chat.message") && types.includes("ticket.comment");
    });
    await call("POST", `/api/incidents/${key}/acknowledge`);
    await call("POST", `/api/incidents/${key}/resolve`);

    const requested = await call("POST", `/api/incidents/${key}/postmortem`);
    expect(requested).toMatchObject({ status: "draft", pageId: null });
    const published = await eventually("the page", async () => {
      const p = await call("GET", `/api/incidents/${key}/postmortem`);
      return p.pageId ? p : false;
    });
    pageId = published.pageId;
    const first = page();
    expect(first.title).toBe(`Postmortem: ${key} Card gateway 5xx above 20%`);
    expect(first.labels).toEqual(
      expect.arrayContaining(["postmortem", key.toLowerCase(), "sev1", "service-card-payments"]),
    );
    const text = adfToText(first.adf as never);
    for (const expected of [
      "Gateway answers 495 SSL Certificate Error",
      "Card gateway vendor confirms an expired certificate.",
      "fix in progress",
      "Time to acknowledge",
      "Card payments",
    ])
      expect(text).toContain(expected);
    const rowsBefore = sectionTableRows(first.adf as Adf, "timeline");
    expect(rowsBefore).toBeGreaterThan(5);
    expect((await w.timeline(key)).some((e: any) => e.type === "postmortem.published")).toBe(true);

    // A person writes the root cause in Confluence; then the incident's timeline grows.
    confluence.editAsPerson(
      pageId,
      (adf) => writeSection(adf as Adf, "Contributing factors and root cause", ROOT_CAUSE) as never,
    );
    await call("POST", `/api/incidents/${key}/notes`, {
      body: "Certificate renewed; alerts rerouted to the on-call list.",
    });
    await call("POST", `/api/incidents/${key}/notes`, { body: "Customer support informed." });
    await refreshNow();
    const refreshed = page();
    expect(sectionTableRows(refreshed.adf as Adf, "timeline")).toBeGreaterThanOrEqual(rowsBefore + 2);
    expect(adfToText(refreshed.adf as never)).toContain(ROOT_CAUSE);
    expect(adfToText(refreshed.adf as never)).toContain("Customer support informed.");
  });

  it("loses neither side when someone saves the page while Firewatch refreshes it (409)", async () => {
    confluence.nextUpdateLoses(pageId);
    await call("POST", `/api/incidents/${key}/notes`, { body: "Vendor postmortem received." });
    await refreshNow();
    await eventually("the merged page", async () =>
      adfToText(page().adf as never).includes("Vendor postmortem received."),
    );
    const text = adfToText(page().adf as never);
    expect(text).toContain("Added by a person while Firewatch was saving.");
    expect(text).toContain(ROOT_CAUSE);
    expect(confluence.requests({ method: "PUT" }).some((r) => r.outcome === 409)).toBe(true);
  });

  it("turns action items into Jira issues, tracks them back, and refuses `complete` while one is open", async () => {
    const item = await call("POST", `/api/incidents/${key}/action-items`, {
      title: "Alert on certificate expiry 30 days ahead",
    });
    expect(item).toMatchObject({ state: "pending", required: true });
    const linked = await eventually("the action item's issue", async () => {
      const items = (await call("GET", `/api/incidents/${key}/action-items`)).actionItems;
      return items[0]?.state === "linked" ? items[0] : false;
    });
    const issue = w.jira.issue(linked.issueKey)!;
    expect(issue.labels).toEqual(expect.arrayContaining(["postmortem", key, "SEV1"]));
    const created = new Date(item.createdAt);
    expect(issue.dueDate).toBe(new Date(created.getTime() + 14 * 86_400_000).toISOString().slice(0, 10));
    expect(issue.remoteLinks.map((l: any) => l.object.url)).toEqual([expect.stringContaining(pageId)]);

    const refused = await w.call("PATCH", `/api/incidents/${key}/postmortem`, { status: "complete" });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toContain(linked.issueKey);
    expect(refused.body.error.message).toContain('"Customer impact in words"');

    // Done in Jira → the item, the report and (after the refresh) the page's table say so.
    await w.jira.transitionAsUser(linked.issueKey, "Closed");
    const sweep = (await call("GET", "/api/jobs?state=pending&limit=500")).jobs.find(
      (j: any) => j.task === "action_items.sweep",
    );
    await call("POST", `/api/jobs/${sweep.id}/retry`);
    await eventually("the item done", async () =>
      (await call("GET", `/api/action-items?status=done`)).actionItems.some((i: any) => i.id === item.id),
    );
    const report = await call("GET", `/api/reports/incidents?from=2020-01-01T00:00:00Z&to=2100-01-01T00:00:00Z`);
    expect(report.actionItems).toMatchObject({ done: 1, open: 0 });
    expect(report.bySeverity.SEV1).toBeGreaterThanOrEqual(1);
    await refreshNow();
    expect(adfToText(page().adf as never)).toContain("Closed");

    confluence.editAsPerson(
      pageId,
      (adf) => writeSection(adf as Adf, "Customer impact in words", "EU card payments failed for 41 minutes.") as never,
    );
    const complete = await call("PATCH", `/api/incidents/${key}/postmortem`, { status: "complete" });
    expect(complete.status).toBe("complete");
  });

  it('links an action item to the incident\'s origin issue with "relates to", and explains a service without a Jira project', async () => {
    const services = (await call("GET", "/api/services")).services;
    const origin = await w.jira.createIssueAsUser({ project: "CI", summary: "Checkout times out" });
    const incident = await call("POST", "/api/incidents", {
      fromIssueKey: origin.key,
      severity: "SEV2",
      serviceId: services.find((x: any) => x.name === "Card payments").id,
    });
    await eventually("the origin linked", async () =>
      (await call("GET", `/api/incidents/${incident.key}/jira-issues`)).issues.some((i: any) => i.state === "linked"),
    );
    await call("POST", `/api/incidents/${incident.key}/action-items`, {
      title: "Add a checkout timeout budget",
      dueDate: "2027-01-15",
      required: false,
    });
    const linked = await eventually("the item's issue", async () =>
      (await call("GET", `/api/incidents/${incident.key}/action-items`)).actionItems.find(
        (i: any) => i.state === "linked",
      ),
    );
    const issue = w.jira.issue(linked.issueKey)!;
    expect(issue.dueDate).toBe("2027-01-15");
    // Declared from the issue, the incident took the issue's priority as its severity.
    const { severity } = await call("GET", `/api/incidents/${incident.key}`);
    expect(issue.labels).toEqual(expect.arrayContaining(["postmortem", incident.key, severity]));
    expect(issue.links).toEqual([expect.objectContaining({ type: "Relates", issueKey: origin.key })]);

    const bare = await call("POST", "/api/incidents", { title: "No project", severity: "SEV4" });
    await call("POST", `/api/incidents/${bare.key}/action-items`, { title: "Something" });
    const failed = await eventually("the refused item", async () =>
      (await call("GET", `/api/incidents/${bare.key}/action-items`)).actionItems.find((i: any) => i.state === "failed"),
    );
    expect(failed.error).toMatch(/no Jira project.*jira\.projectKey/);
    for (const [body, message] of [
      [{ title: "" }, /title/],
      [{ title: "x", dueDate: "15/01/2027" }, /calendar date/],
    ] as const) {
      const res = await w.call("POST", `/api/incidents/${bare.key}/action-items`, body);
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(message);
    }
  });
});
