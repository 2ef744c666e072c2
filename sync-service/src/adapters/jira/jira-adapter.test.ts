// The ticket port's permission question against the Jira emulator over real HTTP, as a Forge
// installation's tenant asks it: through the API gateway with the app's system token
// (POST /rest/api/3/permissions/check, https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-permissions/#api-rest-api-3-permissions-check-post).
import { describe, expect, it } from "vitest";
import { jiraSiteAsTheApp } from "../../../../test/support/jira-app-port.ts";

describe("jiraTicketAdapter.permissionsOf", () => {
  const site = jiraSiteAsTheApp();
  const jira = site.jira;

  it("tells whether a person administers the site", async () => {
    const admin = jira.addUser("Ada Admin").accountId;
    const person = jira.addUser("Pat Person").accountId;
    jira.grantAdmin(admin);
    expect(await site.port().permissionsOf(admin, { site: ["administer"] })).toEqual({
      site: ["administer"],
      issues: [],
      projects: [],
    });
    expect(await site.port().permissionsOf(person, { site: ["administer"] })).toEqual({
      site: [],
      issues: [],
      projects: [],
    });
  });

  it("tells which of the issues a person may see, leaving out issues Jira does not know", async () => {
    const issue = await jira.createIssueAsUser({ project: "CI", summary: "Seen" });
    const person = jira.addUser("Pat Viewer").accountId;
    const outsider = jira.addUser("Olly Outsider").accountId;
    jira.denyUserPermission(outsider, "BROWSE_PROJECTS");
    const query = { issues: [{ permission: "browse" as const, issueIds: [issue.id, "99999", "not-an-id"] }] };
    expect(await site.port().permissionsOf(person, query)).toEqual({
      site: [],
      issues: [{ permission: "browse", issueIds: [issue.id] }],
      projects: [],
    });
    expect(await site.port().permissionsOf(outsider, query)).toEqual({
      site: [],
      issues: [{ permission: "browse", issueIds: [] }],
      projects: [],
    });
  });

  it("answers per project: a person kept out of one project still sees the others' issues", async () => {
    const open = await jira.createIssueAsUser({ project: "CI", summary: "Open" });
    const restricted = await jira.createIssueAsUser({ project: "OPS", summary: "Restricted" });
    const contractor = jira.addUser("Casey Contractor").accountId;
    jira.denyUserPermission(contractor, "BROWSE_PROJECTS", "OPS");
    const query = { issues: [{ permission: "browse" as const, issueIds: [open.id, restricted.id] }] };
    expect(await site.port().permissionsOf(contractor, query)).toEqual({
      site: [],
      issues: [{ permission: "browse", issueIds: [open.id] }],
      projects: [],
    });
  });

  it("answers Create issues per project key, and a project that does not exist holds nothing", async () => {
    const contractor = jira.addUser("Robin Reader").accountId;
    jira.denyUserPermission(contractor, "CREATE_ISSUES", "OPS");
    const query = { projects: [{ permission: "create" as const, projectKeys: ["CI", "OPS", "NOPE"] }] };
    expect(await site.port().permissionsOf(contractor, query)).toEqual({
      site: [],
      issues: [],
      projects: [{ permission: "create", projectKeys: ["CI"] }],
    });
    expect((await site.port().permissionsOf(jira.humanUser.accountId, query)).projects).toEqual([
      { permission: "create", projectKeys: ["CI", "OPS"] },
    ]);
  });
});
