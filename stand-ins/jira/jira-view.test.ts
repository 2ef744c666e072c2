// The Jira stand-in's web pages, driven as a browser would: GET a page, submit its form. Each form must change the
// issue through the REST API's path, as the site's person, and so send the registered listener the same signed
// webhook a change made in Jira does.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { PageClient } from "../common/view/page-client.ts";
import { HUMAN_ACCOUNT_ID, JiraEmulator } from "./index.ts";
import { verifyJiraSignature, WebhookReceiver } from "./webhook-receiver.ts";

const SECRET = "view-test-secret";
const jira = new JiraEmulator({ searchLagMs: 0, latency: { readMs: 0, writeMs: 0 } });
const receiver = new WebhookReceiver();
const pages = new PageClient(() => jira.baseUrl);
const issuePage = (key: string) => pages.get(`/_view/issues/${key}`);

beforeAll(async () => {
  await jira.start();
  await receiver.start();
  jira.registerWebhook({ url: receiver.url, secret: SECRET });
});
afterAll(async () => {
  await jira.stop();
  await receiver.stop();
});
beforeEach(() => {
  receiver.received.length = 0;
});

/** The webhooks delivered for the last form, each checked for its signature. */
async function delivered(event: string) {
  await jira.settled();
  const hooks = receiver.byEvent(event);
  for (const h of hooks) expect(verifyJiraSignature(h.raw, h.headers["x-hub-signature"], SECRET)).toBe(true);
  return hooks.map((h) => h.json);
}

describe("the Jira pages", () => {
  it("list the projects and an issue with its fields, description, comments and links", async () => {
    const issue = await jira.createIssueAsUser({
      project: "CI",
      summary: "Checkout is failing",
      labels: ["checkout"],
      description: "Payments time out.",
    });
    await jira.commentAsUser(issue.key, "Looking into it");
    const other = await jira.createIssueAsUser({ project: "CI", summary: "Payments provider down" });
    const rest = (path: string, json: unknown) =>
      fetch(`${jira.baseUrl}/rest/api/3${path}`, {
        method: "POST",
        headers: {
          authorization: `Basic ${Buffer.from(`${jira.email}:${jira.apiToken}`).toString("base64")}`,
          "content-type": "application/json",
        },
        body: JSON.stringify(json),
      });
    await rest(`/issue/${issue.key}/remotelink`, {
      object: { url: "https://fw.example/incidents/7", title: "INC-7 in Firewatch" },
    });
    await rest(`/issue/${issue.key}/remotelink`, { object: { url: "javascript:alert(1)", title: "Not a link" } });
    await rest("/issueLink", {
      type: { name: "Blocks" },
      inwardIssue: { key: other.key },
      outwardIssue: { key: issue.key },
    });
    const index = await pages.get("/_view/");
    expect(index.status).toBe(200);
    expect(index.text).toContain("Customer Incidents");
    expect(index.html).toContain(`href="/_view/issues/${issue.key}"`);
    expect((await pages.get("/_view/projects/CI")).text).toContain("Checkout is failing");
    const page = await issuePage(issue.key);
    expect(page.text).toMatch(new RegExp(`Checkout is failing ${issue.key} Status To Do .* Priority Medium`));
    expect(page.text).toContain("Payments time out.");
    expect(page.text).toContain("Ada Oncall");
    expect(page.text).toContain("Looking into it");
    expect(page.text).toContain("checkout");
    expect(page.html).toContain('<a href="https://fw.example/incidents/7">INC-7 in Firewatch</a>');
    expect(page.html).not.toContain("javascript:");
    expect(page.text).toContain("Not a link");
    expect(page.html).toContain(`href="/_view/issues/${other.key}"`);
  });

  it("add a comment as the site's person, which fires comment_created", async () => {
    const { key } = await jira.createIssueAsUser({ project: "CI", summary: "Comment me" });
    const res = await pages.submit(await issuePage(key), "/comment", { text: "First line\r\nSecond line" });
    const after = await pages.follow(res);
    expect(after.text).toContain("Comment added.");
    expect(after.text).toContain("First line Second line");
    const [hook] = await delivered("comment_created");
    expect(hook!.comment.body).toBe("First line\nSecond line");
    expect(hook!.comment.author.accountId).toBe(HUMAN_ACCOUNT_ID);
    expect(hook!.issue.key).toBe(key);
  });

  it("add and remove a label, each firing jira:issue_updated with the labels change", async () => {
    const { key } = await jira.createIssueAsUser({ project: "CI", summary: "Label me" });
    await pages.follow(await pages.submit(await issuePage(key), "/labels", { label: "build-failed" }));
    expect(jira.issue(key)!.labels).toEqual(["build-failed"]);
    const [added] = await delivered("jira:issue_updated");
    expect(added!.user.accountId).toBe(HUMAN_ACCOUNT_ID);
    expect(added!.changelog.items).toEqual([expect.objectContaining({ field: "labels", toString: "build-failed" })]);
    receiver.received.length = 0;
    const page = await issuePage(key);
    expect(page.html).toContain('aria-label="Remove label build-failed"');
    await pages.follow(await pages.submit(page, "/labels/remove", {}, 'value="build-failed"'));
    expect(jira.issue(key)!.labels).toEqual([]);
    expect((await delivered("jira:issue_updated"))[0]!.changelog.items[0]).toMatchObject({
      fromString: "build-failed",
    });
  });

  it("refuse a label with a space with Jira's own message", async () => {
    const { key } = await jira.createIssueAsUser({ project: "CI", summary: "Bad label" });
    const res = await pages.submit(await issuePage(key), "/labels", { label: "two words" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("The label &#39;two words&#39; contains spaces which is invalid.");
    expect(jira.issue(key)!.labels).toEqual([]);
  });

  it("transition through the workflow, asking for a screen's required Resolution as the API does", async () => {
    const { key } = await jira.createIssueAsUser({ project: "SUP", summary: "Printer on fire" });
    let page = await issuePage(key);
    expect(page.text).toContain("Resolution (required to move to Closed)");
    const refused = await pages.submit(page, "/transition", {}, ">Closed</button>");
    expect(refused.status).toBe(400);
    expect(await refused.text()).toContain("Field Resolution is required.");
    expect(jira.issue(key)!.status.name).toBe("Open");
    await pages.follow(await pages.submit(page, "/transition", {}, ">Investigating</button>"));
    expect(jira.issue(key)!.status.name).toBe("Investigating");
    page = await issuePage(key);
    await pages.follow(await pages.submit(page, "/transition", { resolution: "10002" }, ">Closed</button>"));
    expect(jira.issue(key)!.status.name).toBe("Closed");
    expect((await issuePage(key)).text).toContain("Duplicate");
    const hooks = await delivered("jira:issue_updated");
    expect(hooks.map((h) => h.changelog.items.find((i: any) => i.field === "status")?.toString)).toEqual([
      "Investigating",
      "Closed",
    ]);
    expect(hooks.every((h) => h.user.accountId === HUMAN_ACCOUNT_ID)).toBe(true);
  });

  it("create an issue, which fires jira:issue_created with its labels, and open it", async () => {
    const form = await pages.get("/_view/create?project=OPS");
    expect(form.html).toContain('<option value="OPS" selected>');
    const res = await pages.submit(form, "/create", {
      project: "CI",
      type: "Bug",
      summary: "Build 412 failed",
      labels: "build-failed, ci",
      priority: "",
      description: "",
    });
    const page = await pages.follow(res);
    expect(page.text).toMatch(/Created CI-\d+\./);
    const [hook] = await delivered("jira:issue_created");
    expect(hook!.issue.fields.labels).toEqual(["build-failed", "ci"]);
    expect(hook!.issue.fields.summary).toBe("Build 412 failed");
    expect(hook!.user.accountId).toBe(HUMAN_ACCOUNT_ID);
  });

  it("refuse a create the API refuses, keeping what was typed", async () => {
    const res = await pages.submit(await pages.get("/_view/create"), "/create", {
      project: "TEAM",
      summary: "No priority here",
      priority: "High",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Field &#39;priority&#39; cannot be set.");
    expect(html).toContain('value="No priority here"');
  });

  it("show hostile text as text", async () => {
    const { key } = await jira.createIssueAsUser({
      project: "CI",
      summary: `<script>alert("x")</script>`,
      description: `<img src=x onerror=alert(1)>`,
    });
    await jira.commentAsUser(key, "<b>bold?</b>");
    const page = await issuePage(key);
    expect(page.html).not.toMatch(/<script>|<img|<b>bold/);
    expect(page.html).toContain("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;");
    expect(page.text).toContain("<b>bold?</b>");
  });

  it("take changes only as POSTed forms, and answer what is not there", async () => {
    const { key } = await jira.createIssueAsUser({ project: "CI", summary: "Methods" });
    expect((await pages.get(`/_view/issues/${key}/comment`)).status).toBe(405);
    expect((await pages.post(`/_view/issues/${key}`, { text: "x" })).status).toBe(405);
    expect((await pages.get("/_view/issues/CI-99999")).status).toBe(404);
    expect(
      (await pages.post(`/_view/issues/${key}/comment`, { text: "x" }, { origin: "https://evil.example" })).status,
    ).toBe(403);
    expect(jira.issue(key)!.comments).toEqual([]);
  });
});
