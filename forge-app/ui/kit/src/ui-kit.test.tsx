// The UI Kit modules rendered by @forge/react's own reconciler, their tree read back from what it sends
// the host (test/forge-host.ts), and driven as a person would: clicks and typing are the component
// tree's own handlers. Their resolver calls run the app's real resolver function (forge-app/resolvers)
// in the Forge platform emulator, which reaches the site's Jira emulator as the user and the Firewatch
// service as a Forge Remote — the whole path of a click in Jira, minus Atlassian's servers.
import { host, byText, findAll, textOf, until, type ForgeDocNode } from "./test/forge-host.ts";
import ForgeReconciler from "@forge/react";
import type { ReactElement } from "react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FORGE_ENVIRONMENT_ID as ENVIRONMENT_ID } from "../../../../stand-ins/forge/index.ts";
import { handler } from "../../../resolvers/index.ts";
import { DATABASE_KINDS } from "../../../../test/support/databases.ts";
import { startForgeWorld, type ForgeSiteWorld, type ForgeWorld } from "../../../../test/support/forge-setup.ts";
import { eventually } from "../../../../test/support/running-service.ts";
import { invokeResolver } from "./bridge.ts";
import { AdminPage } from "./components/admin-page.tsx";
import { IssuePanel } from "./components/issue-panel.tsx";
import { PostmortemByline } from "./components/postmortem-byline.tsx";

/** Renders a module and returns its live root (the tree is updated in place on every commit). */
async function render(element: ReactElement): Promise<ForgeDocNode> {
  const known = host.roots.length;
  ForgeReconciler.render(element);
  return until("the first render", () => host.roots[known]);
}

const press = (root: ForgeDocNode, label: string) => byText(root, "Button", label).props.onClick();
const field = (root: ForgeDocNode, id: string) =>
  findAll(
    root,
    (n) => (n.type === "Textfield" || n.type === "Select") && String(n.props.id ?? n.props.inputId).endsWith(`-${id}`),
  )[0]!;

describe.each(DATABASE_KINDS)("the Forge app's UI Kit modules on $name", (kind) => {
  let w: ForgeWorld;
  let site: ForgeSiteWorld;
  let issue: { id: string; key: string };
  let as: { accountId: string; extension: Record<string, unknown>; product?: "jira" | "confluence" };

  beforeAll(async () => {
    w = await startForgeWorld(kind, ["alpha"]);
    site = w.sites[0]!;
    const created = await site.jira.createIssueAsUser(
      { project: "CI", summary: "Checkout returns 502 for EU customers" },
      site.person,
    );
    issue = { id: created.id, key: created.key };
    host.invoke = (functionKey, payload) => site.installation.callResolver(handler, functionKey, { ...as, payload });
  });
  afterAll(() => w?.stop());

  it("shows the issue's incidents and declares one from the issue, title prefilled", async () => {
    as = { accountId: site.person, extension: { issue } };
    const panel = await render(<IssuePanel invoke={invokeResolver} />);
    await until("the panel", () => byText(panel, "Text", `No incident is linked to ${issue.key}.`));
    expect(byText(panel, "Button", "Link to incident").props.isDisabled).toBe(true);
    expect(byText(panel, "Button", "Create action item").props.isDisabled).toBe(true);

    press(panel, "Declare incident");
    const title = await until("the declare form", () => field(panel, "declare-title"));
    expect(title.props.value).toBe("Checkout returns 502 for EU customers");
    field(panel, "declare-severity").props.onChange({ label: "SEV1", value: "SEV1" });
    press(panel, "Declare");

    await until("the declared incident", () =>
      byText(panel, "SectionMessage", /^Declared INC-1: the on-call person is paged\.$/),
    );
    const listed = await until(
      "the incident in the list",
      () => findAll(panel, (n) => n.type === "Link" && textOf(n) === "INC-1")[0],
    );
    // Into the console inside Jira (the app's global page), not the standalone console's sign-in.
    expect(listed.props.href).toBe(
      `https://alpha.atlassian.net/jira/apps/${w.platform.appId}/${ENVIRONMENT_ID}/incidents/INC-1`,
    );
    expect(textOf(panel)).toContain("triggered");
    expect(textOf(panel)).toContain("SEV1");
    expect(textOf(panel)).toContain("Checkout returns 502 for EU customers");
    expect(textOf(panel)).toContain("declared from this issue");

    // The incident exists in the site's tenant, with the issue as its origin.
    const incident = (await site.api(site.person, "GET", "/api/incidents/INC-1")).body;
    expect(incident).toMatchObject({
      title: "Checkout returns 502 for EU customers",
      severity: "SEV1",
      status: "triggered",
    });
    const origin = await eventually("the origin link", async () =>
      (await site.api(site.person, "GET", "/api/incidents/INC-1/jira-issues")).body.issues.find(
        (l: any) => l.state === "linked",
      ),
    );
    expect(origin).toMatchObject({ issueKey: issue.key, isOrigin: true });
  });

  it("says so when the resolver cannot reach the service, instead of loading forever", async () => {
    as = { accountId: site.person, extension: { issue } };
    const remoteUrl = w.platform.remoteUrl;
    w.platform.remoteUrl = "http://127.0.0.1:1"; // nothing listens there: the remote is down
    try {
      const panel = await render(<IssuePanel invoke={invokeResolver} />);
      const message = await until("the failure", () => byText(panel, "SectionMessage", /could not answer/));
      expect(textOf(message)).toBe("Firewatch could not answer (fetch failed). Reload to try again.");
    } finally {
      w.platform.remoteUrl = remoteUrl;
    }
  });

  it("refuses a person who cannot see the issue, before anything reaches the service", async () => {
    const outsider = site.addPerson("Outside Contractor");
    site.jira.denyUserPermission(outsider, "BROWSE_PROJECTS");
    const calls = site.installation.remoteCalls.length;
    as = { accountId: outsider, extension: { issue } };
    const panel = await render(<IssuePanel invoke={invokeResolver} />);
    const message = await until("the refusal", () => byText(panel, "SectionMessage", /permission/));
    expect(textOf(message)).toBe(`You do not have permission to see ${issue.key} in Jira.`);
    expect(site.installation.remoteCalls.slice(calls)).toEqual([]);
  });

  it("lets someone who may only view the issue look, but not declare", async () => {
    const viewer = site.addPerson("Read Only");
    site.jira.denyUserPermission(viewer, "EDIT_ISSUES");
    as = { accountId: viewer, extension: { issue } };
    const panel = await render(<IssuePanel invoke={invokeResolver} />);
    await until("the list", () => findAll(panel, (n) => n.type === "Link" && textOf(n) === "INC-1")[0]);
    press(panel, "Declare incident");
    await until("the form", () => field(panel, "declare-title"));
    press(panel, "Declare");
    const error = await until("the refusal", () => findAll(panel, (n) => n.type === "ErrorMessage")[0]);
    expect(textOf(error)).toBe(`You need permission to edit ${issue.key} in Jira to do this.`);
    expect((await site.api(site.person, "GET", "/api/incidents")).body.incidents).toHaveLength(1);
  });

  it("adds an action item to the incident from the panel", async () => {
    as = { accountId: site.person, extension: { issue } };
    const panel = await render(<IssuePanel invoke={invokeResolver} />);
    await until("the list", () => findAll(panel, (n) => n.type === "Link" && textOf(n) === "INC-1")[0]);
    press(panel, "Create action item");
    const title = await until("the form", () => field(panel, "item-title"));
    title.props.onChange({ target: { value: "Alert on EU 5xx rate" } });
    press(panel, "Create");
    await until("the confirmation", () =>
      byText(
        panel,
        "SectionMessage",
        /^Action item added to INC-1, due \d{4}-\d{2}-\d{2}; its Jira issue is on the way\.$/,
      ),
    );
    expect((await site.api(site.person, "GET", "/api/incidents/INC-1/action-items")).body.actionItems).toMatchObject([
      { title: "Alert on EU 5xx rate" },
    ]);
  });

  it("shows a Jira admin the site's connection and saves the defaults; refuses anyone else", async () => {
    as = { accountId: site.person, extension: {} };
    const refused = await render(<AdminPage invoke={invokeResolver} />);
    expect(textOf(await until("the refusal", () => byText(refused, "SectionMessage", /administrator/)))).toBe(
      "Only a Jira administrator can see Firewatch's settings.",
    );

    as = { accountId: site.admin, extension: {} };
    const page = await render(<AdminPage invoke={invokeResolver} />);
    const connection = await until(
      "the connection",
      () => findAll(page, (n) => n.type === "SectionMessage" && /^Jira: /.test(n.props.title))[0],
    );
    expect(connection.props).toMatchObject({ appearance: "success", title: "Jira: connected as the app" });
    expect(textOf(connection)).toMatch(/^App token valid until \d{4}-\d{2}-\d{2}T/);
    field(page, "project").props.onChange({ target: { value: "ops" } });
    field(page, "space").props.onChange({ target: { value: "ENG" } });
    press(page, "Save");
    await until("saved", () => byText(page, "SectionMessage", "Saved."));
    expect(field(page, "project").props.value).toBe("OPS");
    const settings = await site.installation.callResolver(handler, "adminSettings", { accountId: site.admin });
    expect(settings).toMatchObject({
      status: 200,
      body: { settings: { tickets: { projectKey: "OPS" }, confluenceSpaceKey: "ENG" } },
    });
    expect(byText(page, "Link", "Open the Firewatch console").props.href).toBe(
      `https://alpha.atlassian.net/jira/apps/${w.platform.appId}/${ENVIRONMENT_ID}`,
    );
  });

  it("shows what the site does not have beside each field, and saves nothing", async () => {
    as = { accountId: site.admin, extension: {} };
    const page = await render(<AdminPage invoke={invokeResolver} />);
    await until("the form", () => field(page, "project"));
    field(page, "project").props.onChange({ target: { value: "nope" } });
    field(page, "priority-SEV2").props.onChange({ target: { value: "Urgent" } });
    field(page, "space").props.onChange({ target: { value: "DOCS" } });
    press(page, "Save");
    await until("the refusal", () =>
      byText(page, "SectionMessage", "Nothing was saved: the site does not have what the marked fields name."),
    );
    const besides = (id: string) => {
      const stack = findAll(page, (n) => n.type === "Stack" && n.children.some((c) => c === field(page, id)))[0]!;
      return {
        invalid: stack.children.find((c) => c.type === "Textfield")!.props.isInvalid,
        error: stack.children.filter((c) => c.type === "ErrorMessage").map(textOf),
      };
    };
    expect(besides("project")).toEqual({
      invalid: true,
      error: [
        expect.stringMatching(
          /^Jira has no project NOPE that the Firewatch app can see: .* Projects the app sees: CI, OPS, SUP, TEAM\.$/,
        ),
      ],
    });
    expect(besides("priority-SEV2")).toEqual({
      invalid: true,
      error: ['Jira has no priority "Urgent"; this site\'s priorities are Highest, High, Medium, Low, Lowest.'],
    });
    expect(besides("space")).toEqual({
      invalid: true,
      error: [
        expect.stringMatching(
          /^Confluence has no space DOCS that the Firewatch app can see: .* Spaces the app sees: ENG\.$/,
        ),
      ],
    });
    expect(besides("issue-type")).toEqual({ invalid: false, error: [] });
    expect(besides("priority-SEV1")).toEqual({ invalid: false, error: [] });
    const stored = await site.installation.callResolver(handler, "adminSettings", { accountId: site.admin });
    expect(stored).toMatchObject({
      body: { settings: { tickets: { projectKey: "OPS", priorities: { SEV2: "High" } }, confluenceSpaceKey: "ENG" } },
    });

    // Put right, the save goes through and the marks go away.
    field(page, "project").props.onChange({ target: { value: "ci" } });
    field(page, "priority-SEV2").props.onChange({ target: { value: "High" } });
    field(page, "space").props.onChange({ target: { value: "ENG" } });
    press(page, "Save");
    await until("saved", () => byText(page, "SectionMessage", "Saved."));
    expect(findAll(page, (n) => n.type === "ErrorMessage")).toEqual([]);
    expect(besides("project").invalid).toBe(false);
  });

  it("shows a postmortem page's incident, review status and open action items in its byline", async () => {
    const settings = {
      tickets: {
        projectKey: "CI",
        issueType: "Task",
        priorities: { SEV1: "Highest", SEV2: "High", SEV3: "Medium", SEV4: "Low" },
      },
      confluenceSpaceKey: "ENG",
    };
    expect(
      await site.installation.callResolver(handler, "saveAdminSettings", {
        accountId: site.admin,
        payload: { settings },
      }),
    ).toMatchObject({ status: 200 });
    expect((await site.api(site.person, "POST", "/api/incidents/INC-1/resolve")).status).toBe(200);
    expect((await site.api(site.person, "POST", "/api/incidents/INC-1/postmortem")).status).toBe(202);
    // Published to the space the admin chose, through the site's Confluence as the app.
    const pageId = await eventually(
      "the postmortem page",
      async () => (await site.api(site.person, "GET", "/api/incidents/INC-1/postmortem")).body.pageId ?? undefined,
    );

    as = { accountId: site.person, extension: { content: { id: pageId } }, product: "confluence" };
    const byline = await render(<PostmortemByline invoke={invokeResolver} />);
    await until("the byline", () => findAll(byline, (n) => n.type === "Link" && textOf(n) === "INC-1")[0]);
    expect(textOf(byline)).toContain("review: draft");
    expect(textOf(byline)).toContain("1 open action item, 0 done");
    expect(textOf(byline)).toContain("Alert on EU 5xx rate");

    const stranger = site.addPerson("Page Stranger");
    site.confluence.denyPageView(pageId, stranger);
    as = { accountId: stranger, extension: { content: { id: pageId } }, product: "confluence" };
    const hidden = await render(<PostmortemByline invoke={invokeResolver} />);
    expect(textOf(await until("the refusal", () => byText(hidden, "SectionMessage", /permission/)))).toBe(
      "You do not have permission to view this page.",
    );
  });
});
