// The incident page's Response panel in Chromium, against the real service on PGlite with the Slack emulator
// delivering pages: the default service chosen on /settings, an incident declared from the console on it, the
// incident opened at its own path (as a link in Slack or Jira would), the page to the on-call person in the
// panel, Escalate now, Add responder, Change service, a reload, and /oncall opened directly. Writes
// docs/screenshots/incident-response*.png.
import { afterAll, describe, expect, it } from "vitest";
import { SlackEmulator } from "../../stand-ins/slack/index.ts";
import { accessibilityViolations, horizontalOverflow, screenshot, seen } from "./support/browser.ts";
import { useConsoleWorld } from "./support/console-world.ts";

describe("the incident's response in the console", () => {
  const slack = new SlackEmulator();
  const w = useConsoleWorld(async () => ({
    env: {
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_API_URL: `${await slack.start()}/api/`,
      SLACK_SIGNING_SECRET: "response-signing",
    },
  }));
  const { call, open } = w;
  afterAll(async () => {
    const unexpected = slack.unexpected();
    await slack.stop();
    expect(unexpected).toEqual([]);
  });
  const person = async (name: string, slackId: string) => {
    const user = await call("POST", "/api/users", { name, email: `${name.split(" ")[0]!.toLowerCase()}@example.com` });
    await call("POST", `/api/users/${user.id}/contact-methods`, { kind: "slack", address: slackId });
    return user;
  };

  it("declares on the default service, then pages, escalates, adds a responder and changes the service at /incidents/INC-n", async () => {
    const [alice, bob, carol] = [
      await person("Alice Adams", "U0ALICE"),
      await person("Bob Brown", "U0BOB"),
      await person("Carol Chen", "U0CAROL"),
    ];
    const secondary = await call("POST", "/api/schedules", {
      name: "Checkout secondary",
      timeZone: "UTC",
      layers: [{ users: [bob.id], rotation: { type: "weekly", shiftLength: 1, start: "2020-01-06T09:00" } }],
    });
    const policy = await call("POST", "/api/escalation-policies", {
      name: "Checkout on-call",
      repeat: 1,
      levels: [
        { delayMinutes: 5, targets: [{ type: "user", id: alice.id }] },
        { delayMinutes: 10, targets: [{ type: "schedule", id: secondary.id }] },
      ],
    });
    const checkout = await call("POST", "/api/services", { name: "Checkout", escalationPolicyId: policy.id });
    await call("POST", "/api/services", { name: "Payments", escalationPolicyId: policy.id });

    // The default service, chosen on the Settings page opened at its own path.
    const { page, errors } = await open("/settings");
    const setting = page.getByRole("region", { name: "Incidents: default service" });
    await seen(setting.getByLabel("Default service"), "the default-service setting");
    await setting.getByLabel("Default service").selectOption({ label: "Checkout" });
    await setting.getByRole("button", { name: "Save default service" }).click();
    await seen(setting.getByRole("status").filter({ hasText: "Saved." }), "the saved setting");
    expect(await call("GET", "/api/settings/incidents")).toEqual({ defaultServiceId: checkout.id });

    // The declare form starts on the default service.
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Incidents" }).click();
    await page.getByRole("button", { name: "Declare incident" }).click();
    const form = page.getByRole("form", { name: "Declare incident" });
    await expect.poll(() => form.getByLabel("Service").inputValue(), { timeout: 10_000 }).toBe(checkout.id);
    await form.getByLabel("Title").fill("Checkout API 5xx above 5% in eu-west-1");
    await form.getByLabel("Severity").selectOption("SEV1");
    await form.getByRole("button", { name: "Declare", exact: true }).click();
    const heading = await seen(page.getByRole("heading", { level: 1, name: /^INC-\d+: Checkout API/ }), "the incident");
    const key = (await heading.textContent())!.split(":")[0]!;
    expect(page.url()).toBe(`${w.svc.url}/incidents/${key}`);
    expect((await call("GET", `/api/incidents/${key}`)).serviceId).toBe(checkout.id);

    // The incident opened directly at its path, as the link in a Slack page or a Jira issue does.
    const direct = await open(`/incidents/${key}`);
    const p = direct.page;
    const panel = p.getByRole("region", { name: "Response" });
    await seen(panel.getByText("Checkout on-call"), "the escalation policy");
    const pages = panel.getByRole("table", { name: "Pages sent" });
    const aliceRow = pages.getByRole("row").filter({ hasText: "Alice Adams" });
    await seen(aliceRow.getByText("Slack", { exact: true }), "Alice's page by Slack");
    await seen(aliceRow.getByText(/^(Delivered|Sent)$/), "Alice's page delivered");
    await seen(panel.getByText(/^Level 2 fires at \d\d:\d\d \(in [45] min\)$/), "when level 2 fires");
    const levels = panel.getByRole("list", { name: "Escalation levels" });
    await seen(levels.getByRole("listitem").filter({ hasText: "Level 1" }).getByText("Current"), "level 1 current");
    await seen(levels.getByRole("listitem").filter({ hasText: "Level 2" }).getByText("Bob Brown"), "Bob on call");

    await panel.getByRole("button", { name: "Escalate now" }).click();
    await seen(panel.getByRole("status").filter({ hasText: "Escalated to level 2." }), "the escalation");
    await seen(levels.getByRole("listitem").filter({ hasText: "Level 2" }).getByText("Current"), "level 2 current");
    await seen(pages.getByRole("row").filter({ hasText: "Bob Brown" }), "Bob's page");

    await panel.getByRole("button", { name: "Add responder" }).click();
    const add = panel.getByRole("form", { name: "Add responder" });
    await add.getByLabel("Person or schedule to page").selectOption({ label: "Carol Chen" });
    await add.getByRole("button", { name: "Page responder" }).click();
    const carolRow = await seen(pages.getByRole("row").filter({ hasText: "Carol Chen" }), "Carol's page");
    await seen(carolRow.getByText("Added by hand"), "Carol added by hand");
    const sent = (await call("GET", `/api/incidents/${key}/response`)).pages;
    expect(sent.map((s: any) => s.user.name).sort()).toEqual(["Alice Adams", "Bob Brown", "Carol Chen"]);
    expect(sent.find((s: any) => s.user.id === carol.id).level).toBeNull();
    await seen(
      pages
        .getByRole("row")
        .filter({ hasText: "Carol Chen" })
        .getByText(/^(Delivered|Sent)$/),
      "Carol's page delivered",
    );
    await p.mouse.move(0, 0);
    await screenshot(p, "incident-response", { of: panel });

    await panel.getByRole("button", { name: "Change service" }).click();
    const change = panel.getByRole("form", { name: "Change service" });
    await change.getByLabel("Service").selectOption({ label: "Payments" });
    await change.getByRole("button", { name: "Save service" }).click();
    await seen(panel.locator("dd").filter({ hasText: /^Payments$/ }), "the new service");
    expect((await call("GET", `/api/incidents/${key}`)).serviceId).not.toBe(checkout.id);

    // Reloaded, the page is still the incident's; axe finds nothing serious on it.
    await p.reload();
    await seen(p.getByRole("heading", { level: 1, name: new RegExp(`^${key}: `) }), "the incident after a reload");
    await seen(pages.getByRole("row").filter({ hasText: "Carol Chen" }), "the pages after a reload");
    expect(p.url()).toBe(`${w.svc.url}/incidents/${key}`);
    await p.waitForLoadState("networkidle");
    expect(await accessibilityViolations(p)).toEqual([]);

    // The On-call page opened directly, and an old hash link landing on its path.
    await p.goto(`${w.svc.url}/oncall`);
    await seen(p.getByRole("heading", { name: "On-call", level: 1 }), "the On-call page at /oncall");
    await p.goto(`${w.svc.url}/#/incidents/${key}`);
    await seen(p.getByRole("heading", { level: 1, name: new RegExp(`^${key}: `) }), "the incident from a hash link");
    expect(p.url()).toBe(`${w.svc.url}/incidents/${key}`);
    expect([...errors, ...direct.errors]).toEqual([]);
  });

  it("warns when an incident pages nobody, with the service control right there", async () => {
    const incident = await call("POST", "/api/incidents", { title: "Search index stale", serviceId: null });
    const { page, errors } = await open(`/incidents/${incident.key}`, { width: 390, height: 844 });
    const panel = page.getByRole("region", { name: "Response" });
    const warning = await seen(
      panel.getByText("This incident pages nobody: it has no service with an escalation policy."),
      "the pages-nobody warning",
    );
    expect(await warning.isVisible()).toBe(true);
    await seen(panel.getByRole("form", { name: "Change service" }).getByLabel("Service"), "the service control");
    await seen(panel.getByText("No pages sent yet."), "no pages");
    const { overflow, culprits } = await horizontalOverflow(page);
    expect({ overflow: Math.max(0, overflow), culprits }).toEqual({ overflow: 0, culprits: [] });
    await screenshot(page, "incident-response-nobody", { of: panel });

    await panel.getByRole("form", { name: "Change service" }).getByLabel("Service").selectOption({ label: "Checkout" });
    await panel.getByRole("button", { name: "Save service" }).click();
    await seen(panel.getByText("Checkout on-call"), "the policy once on a service");
    expect(await page.getByText("This incident pages nobody", { exact: false }).count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("says on the incident page which integrations are not set up, and offers none of their actions", async () => {
    // This install has Slack only: no Jira, Confluence or Statuspage.
    const incident = await call("POST", "/api/incidents", { title: "Login latency high", serviceId: null });
    const { page, errors } = await open(`/incidents/${incident.key}`);
    const panel = (name: string) => page.getByRole("region", { name });
    const missing: [string, string, string][] = [
      ["Jira issues", "Jira", "creating or linking an issue"],
      ["Status page", "Statuspage", "posting to the status page"],
      ["Postmortem", "Confluence", "publishing to Confluence"],
    ];
    for (const [region, label, action] of missing) {
      const note = await seen(panel(region).getByRole("note"), `the ${label} note`);
      expect(await note.textContent()).toMatch(
        new RegExp(`^${label} is not set up, so ${action} is off\\. To set it up: `),
      );
    }
    expect(await panel("Jira issues").getByRole("button", { name: "Create or link" }).count()).toBe(0);
    expect(await panel("Status page").getByRole("button", { name: "Post update" }).count()).toBe(0);
    expect(
      await panel("Postmortem")
        .getByRole("button", { name: /Confluence/ })
        .count(),
    ).toBe(0);
    // Slack is set up: its action is there.
    await seen(panel("Slack channel").getByRole("button", { name: "Open a Slack channel" }), "the Slack action");

    await page.goto(`${w.svc.url}/settings`);
    const table = await seen(page.getByRole("table", { name: "Integrations and their state" }), "the integrations");
    for (const label of ["Jira", "Confluence", "Statuspage", "Twilio (SMS and voice)", "E-mail (SMTP)"])
      expect(
        await table.getByRole("row", { name: new RegExp(`^${label.replace(/[()]/g, "\\$&")} Not set up`) }).count(),
      ).toBe(1);
    await seen(table.getByRole("row", { name: /^Slack (Set up|Working)/ }), "Slack set up");
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, "settings");
    expect(errors).toEqual([]);
  });
});
