// What a site offers, asked through the ticket port as a Forge installation asks it (the app, through the API
// gateway), against the Jira emulator over real HTTP: projects, a project's issue types for create, priorities.
import { describe, expect, it } from "vitest";
import { jiraSiteAsTheApp } from "../../../../test/support/jira-app-port.ts";

describe("what a Jira site offers, through the ticket port", () => {
  const site = jiraSiteAsTheApp();
  const jira = site.jira;

  it("lists the projects the app may see, by key", async () => {
    expect(await site.port().projectKeys(50)).toEqual(["CI", "OPS", "SUP", "TEAM"]);
    expect(await site.port().projectKeys(2)).toEqual(["CI", "OPS"]);
  });

  it("names a project's issue types for create, and answers null for a project that is not there", async () => {
    expect(await site.port().createIssueTypes("OPS")).toEqual(["Task", "Bug", "Incident"]);
    expect(await site.port().createIssueTypes("NOPE")).toBeNull();
  });

  it("treats a project the app may not browse as one that is not there, and one it may not create in as offering nothing", async () => {
    jira.denyPermission("BROWSE_PROJECTS", "SUP");
    jira.denyPermission("CREATE_ISSUES", "TEAM");
    try {
      expect(await site.port().createIssueTypes("SUP")).toBeNull();
      expect(await site.port().projectKeys(50)).toEqual(["CI", "OPS", "TEAM"]);
      expect(await site.port().createIssueTypes("TEAM")).toEqual([]);
      expect(await site.port().createIssueTypes("CI")).toEqual(["Task", "Bug", "Incident"]);
    } finally {
      jira.grantPermission("BROWSE_PROJECTS", "SUP");
      jira.grantPermission("CREATE_ISSUES", "TEAM");
    }
  });

  it("names every priority of the site", async () => {
    expect(await site.port().priorityNames()).toEqual(["Highest", "High", "Medium", "Low", "Lowest"]);
  });
});
