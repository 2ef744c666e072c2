// The Forge admin page's save, checked against the site before anything is stored (issue 14, item 10): the app's
// real resolver function calls the service as a Forge Remote, and the service asks the site's Jira and Confluence
// stand-ins as the app, through the API gateway (the real adapters over HTTP). Each value the site does not have is
// one field problem saying what the site offers; a refused save stores nothing; a site that cannot be asked refuses
// the save with a 503 rather than storing it unchecked. Links the app shows open the console inside Jira.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FORGE_ENVIRONMENT_ID as ENVIRONMENT_ID } from "../../stand-ins/forge/index.ts";
import { handler } from "../../forge-app/resolvers/index.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { startForgeWorld, type ForgeSiteWorld, type ForgeWorld } from "../support/forge-setup.ts";

type Answer = { status: number; body: any };

const VALID = {
  tickets: {
    projectKey: "OPS",
    issueType: "Incident",
    priorities: { SEV1: "Highest", SEV2: "High", SEV3: "Medium", SEV4: "Low" },
  },
  confluenceSpaceKey: "ENG",
};

describe.each(DATABASE_KINDS)("the admin page's settings, checked against the site, on $name", (kind) => {
  let w: ForgeWorld;
  let site: ForgeSiteWorld;
  const call = (
    accountId: string,
    functionKey: string,
    payload: Record<string, unknown> = {},
    extension: Record<string, unknown> = {},
  ) => site.installation.callResolver(handler, functionKey, { accountId, payload, extension }) as Promise<Answer>;
  const save = (settings: unknown) => call(site.admin, "saveAdminSettings", { settings });
  const stored = async () => (await call(site.admin, "adminSettings")).body.settings;
  const withPriority = (severity: string, name: string) => ({
    ...VALID,
    tickets: { ...VALID.tickets, priorities: { ...VALID.tickets.priorities, [severity]: name } },
  });

  beforeAll(async () => {
    w = await startForgeWorld(kind, ["alpha"]);
    site = w.sites[0]!;
  });
  afterAll(async () => {
    expect(site?.jira.unexpected()).toEqual([]);
    expect(site?.confluence.unexpected()).toEqual([]);
    await w?.stop();
  });

  it("saves settings the site has, in the site's own spelling, asking Jira and Confluence as the app", async () => {
    site.jira.clearLog();
    site.confluence.clearLog();
    const answer = await save({
      ...VALID,
      tickets: { ...VALID.tickets, issueType: "incident", priorities: { ...VALID.tickets.priorities, SEV2: "high" } },
    });
    expect(answer.status).toBe(200);
    expect(answer.body.settings).toMatchObject({
      tickets: { projectKey: "OPS", issueType: "Incident", priorities: VALID.tickets.priorities },
      confluenceSpaceKey: "ENG",
    });
    expect(await stored()).toEqual(answer.body.settings);
    const asked = site.jira.requests().map((r) => `${r.method} ${r.path}`);
    expect(asked).toEqual(
      expect.arrayContaining([
        "GET /rest/api/3/project/OPS",
        "GET /rest/api/3/issue/createmeta/OPS/issuetypes",
        "GET /rest/api/3/priority/search",
      ]),
    );
    expect(site.jira.requests().every((r) => r.gateway === true && r.authUser === null)).toBe(true);
    expect(site.confluence.requests().map((r) => `${r.method} ${r.path}`)).toContain("GET /wiki/api/v2/spaces");
  });

  it("keeps 'no default project', checking the priorities and the space still", async () => {
    const answer = await save({ ...VALID, tickets: { ...VALID.tickets, projectKey: null, issueType: "Anything" } });
    expect(answer).toMatchObject({
      status: 200,
      body: { settings: { tickets: { projectKey: null, issueType: "Anything" } } },
    });
    expect((await save(VALID)).status).toBe(200);
  });

  it.each([
    [
      "an unknown project",
      { ...VALID, tickets: { ...VALID.tickets, projectKey: "NOPE" } },
      "tickets.projectKey",
      /^Jira has no project NOPE that the Firewatch app can see: .* Projects the app sees: CI, OPS, SUP, TEAM\.$/,
    ],
    [
      "an issue type the project does not offer",
      { ...VALID, tickets: { ...VALID.tickets, issueType: "Story" } },
      "tickets.issueType",
      /^Project OPS has no issue type "Story" to create; it offers Task, Bug, Incident\.$/,
    ],
    [
      "an unknown priority",
      withPriority("SEV2", "Urgent"),
      "tickets.priorities.SEV2",
      /^Jira has no priority "Urgent"; this site's priorities are Highest, High, Medium, Low, Lowest\.$/,
    ],
    [
      "an unknown space",
      { ...VALID, confluenceSpaceKey: "DOCS" },
      "confluenceSpaceKey",
      /^Confluence has no space DOCS that the Firewatch app can see: .* Spaces the app sees: ENG\.$/,
    ],
  ])("refuses %s with that field's problem, and saves nothing", async (_what, settings, path, message) => {
    const before = await stored();
    const answer = await save(settings);
    expect(answer).toMatchObject({ status: 400, body: { error: { code: "SETTINGS.NOT_ON_SITE" } } });
    expect(answer.body.error.fields).toEqual([{ path, message: expect.stringMatching(message) }]);
    expect(answer.body.error.message).toContain(`\`${path}\``);
    expect(await stored()).toEqual(before);
  });

  it("names every wrong value at once, one problem per field", async () => {
    const answer = await save({
      tickets: {
        projectKey: "OPS",
        issueType: "Epic",
        priorities: { SEV1: "Blocker", SEV2: "High", SEV3: "Medium", SEV4: "Trivial" },
      },
      confluenceSpaceKey: "NOPE",
    });
    expect(answer.status).toBe(400);
    expect(answer.body.error.fields.map((f: { path: string }) => f.path)).toEqual([
      "tickets.issueType",
      "tickets.priorities.SEV1",
      "tickets.priorities.SEV4",
      "confluenceSpaceKey",
    ]);
    expect(await stored()).toMatchObject(VALID);
  });

  it("treats a project the app may not see, or may not create issues in, as one it cannot use", async () => {
    site.jira.denyPermission("BROWSE_PROJECTS", "SUP");
    site.jira.denyPermission("CREATE_ISSUES", "TEAM");
    try {
      const hidden = await save({ ...VALID, tickets: { ...VALID.tickets, projectKey: "SUP" } });
      expect(hidden.body.error.fields).toEqual([
        {
          path: "tickets.projectKey",
          message: expect.stringMatching(
            /^Jira has no project SUP that the Firewatch app can see: .* Projects the app sees: CI, OPS, TEAM\.$/,
          ),
        },
      ]);
      const readOnly = await save({ ...VALID, tickets: { ...VALID.tickets, projectKey: "TEAM" } });
      expect(readOnly.body.error.fields).toEqual([
        {
          path: "tickets.projectKey",
          message:
            "The Firewatch app may not create issues in project TEAM: give it the Create issues permission there, or choose another project.",
        },
      ]);
    } finally {
      site.jira.grantPermission("BROWSE_PROJECTS", "SUP");
      site.jira.grantPermission("CREATE_ISSUES", "TEAM");
    }
    expect(await stored()).toMatchObject(VALID);
  });

  it("refuses to save unchecked when Jira or Confluence cannot be asked, saying which and why", async () => {
    const change = withPriority("SEV3", "Low");
    site.jira.faults.next({ status: 503, match: (r) => r.path.endsWith("/rest/api/3/priority/search") });
    const down = await save(change);
    expect(down).toMatchObject({ status: 503, body: { error: { code: "SETTINGS.JIRA_UNREACHABLE" } } });
    expect(down.body.error.message).toBe(
      "Firewatch could not check these settings against Jira (Jira answered 503), so nothing was saved; try again in a moment.",
    );

    // The app's token refused (only the check's request: the service's own "is this a Jira admin?" still passes).
    site.jira.faults.next({ status: 401, match: (r) => r.path.endsWith("/rest/api/3/priority/search") });
    const refused = await save(change);
    expect(refused).toMatchObject({ status: 503, body: { error: { code: "SETTINGS.JIRA_UNREACHABLE" } } });
    expect(refused.body.error.message).toContain("(Jira refused the app's access (401))");

    // Confluence's error body never reaches the page: only its status does.
    site.confluence.faults.next({
      status: 500,
      body: { message: "internal detail of the site" },
      match: (r) => r.path.endsWith("/wiki/api/v2/spaces"),
    });
    const confluence = await save(change);
    expect(confluence).toMatchObject({ status: 503, body: { error: { code: "SETTINGS.CONFLUENCE_UNREACHABLE" } } });
    expect(confluence.body.error.message).toBe(
      "Firewatch could not check these settings against Confluence (Confluence answered 500), so nothing was saved; try again in a moment.",
    );
    expect(await stored()).toMatchObject(VALID);
    expect((await save(change)).status).toBe(200);
  });

  it("links incidents, and the console, to the app's global page in Jira, not the standalone console", async () => {
    const consoleUrl = `https://alpha.atlassian.net/jira/apps/${w.platform.appId}/${ENVIRONMENT_ID}`;
    expect((await call(site.admin, "adminSettings")).body.console).toEqual({ url: consoleUrl });
    const created = await site.jira.createIssueAsUser({ project: "CI", summary: "Checkout is slow" }, site.person);
    const issue = { id: created.id, key: created.key };
    const declared = await call(site.person, "declareIncident", { severity: "SEV2" }, { issue });
    expect(declared).toMatchObject({
      status: 200,
      body: { incident: { url: `${consoleUrl}/incidents/${declared.body.incident.key}` } },
    });
    const panel = await call(site.person, "issuePanel", {}, { issue });
    expect(panel.body.incidents.map((i: { url: string }) => i.url)).toEqual([
      `${consoleUrl}/incidents/${declared.body.incident.key}`,
    ]);
    expect(JSON.stringify(panel.body)).not.toContain(w.svc.url);
  });
});
