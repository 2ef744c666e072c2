// Walking the demo as a newcomer would (issue 18): the sandbox started in-process as `npm run demo` starts it
// (sandbox/start.ts) with its seeded story; in Chromium, a new issue is created in the stand-in Jira and labelled
// build-failed there, the JQL rule opens an incident, the page arrives in Ana's DM in the stand-in Slack, she
// clicks Acknowledge there, and the console shows the incident acknowledged by her.
import { describe, expect, it } from "vitest";
import { CAST } from "../../sandbox/story-cast.ts";
import { eventually } from "../support/running-service.ts";
import { accessibilityViolations, collectPageErrors, screenshot, seen } from "./support/browser.ts";
import { useSandboxBrowser } from "./support/sandbox.ts";

describe("walking the demo in Chromium", () => {
  const w = useSandboxBrowser({ seed: true, signedIn: true });

  it("labels a new Jira issue build-failed, sees Ana paged in Slack, acknowledges there, and the console agrees", async () => {
    const { sandbox, context } = w;
    const { url } = sandbox.world;
    const page = await context.newPage();
    const errors = collectPageErrors(page);

    // The stand-in Jira: create an issue in CI, then label it as a person would.
    await page.goto(`${url}/sandbox/jira/_view/create`);
    await page.getByLabel("Project").selectOption("CI");
    await page.getByLabel("Summary").fill("Nightly build #4901 failed: flaky checkout test");
    await page.getByRole("button", { name: "Create" }).click();
    await seen(page.getByRole("heading", { name: /Nightly build #4901 failed/ }), "the new issue's page");
    const issueKey = /\/issues\/([A-Z]+-\d+)/.exec(page.url())![1]!;
    await page.getByLabel("Add a label").fill("build-failed");
    await page.getByRole("button", { name: "Add label" }).click();
    await seen(page.getByRole("button", { name: "Remove label build-failed" }), "the label on the issue");
    await screenshot(page, "sandbox-walk-jira");

    // The JQL rule opens the incident and pages Ana, who is on call: her DM in the stand-in Slack.
    const api = (p: string) =>
      fetch(`${url}${p}`, { headers: { authorization: `Bearer ${sandbox.world.adminToken}` } }).then(
        (r) => r.json() as Promise<any>,
      );
    const incident = await eventually("the incident the rule opens", async () =>
      ((await api("/api/incidents?status=triggered")).incidents as any[]).find((i) => i.title.includes(issueKey)),
    );
    const slack = sandbox.standIns.slack;
    await eventually("Ana's page in Slack", async () =>
      slack.messages({ user: CAST.ana.slackId }).some((m) => m.text?.includes(incident.key)),
    );
    await page.goto(slack.viewUrl(slack.dmChannel(CAST.ana.slackId)!, CAST.ana.slackId));
    const messages = page.getByRole("region", { name: "Messages" });
    const pageDm = messages.getByRole("listitem").filter({ hasText: incident.key });
    await seen(pageDm.getByRole("button", { name: "Acknowledge" }), "the Acknowledge button on the new page");
    expect(await accessibilityViolations(page)).toEqual([]);
    await pageDm.getByRole("button", { name: "Acknowledge" }).click();

    // The console: the incident acknowledged, by Ana, from Slack.
    await page.goto(`${url}/incidents/${incident.key}`);
    await seen(page.getByRole("heading", { level: 1, name: new RegExp(incident.key) }), "the incident page");
    await eventually("the incident acknowledged in the console", async () => {
      if ((await page.getByText(`${CAST.ana.name} acknowledged ${incident.key} from Slack`).count()) > 0) return true;
      await page.reload();
      return false;
    });
    expect((await api(`/api/incidents/${incident.key}`)).status).toBe("acknowledged");
    await screenshot(page, "sandbox-walk-incident");
    expect(errors).toEqual([]);
  });
});
