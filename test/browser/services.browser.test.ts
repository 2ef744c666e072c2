// The Services screens in Chromium, against the real service on PGlite: a service created at /services, its
// escalation policy picked on its page, the integration key and the sample Events v2 request the page shows
// (copied, then sent as it stands) opening an incident that the incidents list shows on that service; Jira
// settings refused and saved beside their fields; the default severity, Jira priorities and resolution saved and
// shown again after a reload; deleting a service with incidents refused (409).
// Writes docs/screenshots/services.png and service.png.
import { describe, expect, it } from "vitest";
import { accessibilityViolations, horizontalOverflow, screenshot, seen } from "./support/browser.ts";
import { useConsoleWorld } from "./support/console-world.ts";

describe("the Services screens", () => {
  const w = useConsoleWorld(() => ({}), { clipboard: true });
  const { call, open } = w;

  it("creates a service, picks its policy, and its sample Events v2 request opens an incident on it", async () => {
    const alice = await call("POST", "/api/users", { name: "Alice Adams", email: "alice@example.com" });
    const policy = await call("POST", "/api/escalation-policies", {
      name: "Checkout on-call",
      repeat: 0,
      levels: [{ delayMinutes: 5, targets: [{ type: "user", id: alice.id }] }],
    });
    await call("POST", "/api/services", { name: "Billing", escalationPolicyId: policy.id });

    const { page, errors } = await open("/services");
    await seen(page.getByRole("heading", { level: 1, name: "Services" }), "the Services page");
    expect(
      await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Services" }).isVisible(),
    ).toBe(true);
    await page.getByRole("button", { name: "New service" }).click();
    const form = page.getByRole("form", { name: "New service" });
    await form.getByRole("button", { name: "Create service" }).click();
    await seen(form.getByText("must not be blank"), "the blank name refused beside the field");
    await form.getByLabel("Name").fill("Checkout API");
    await form.getByRole("button", { name: "Create service" }).click();

    await seen(page.getByRole("heading", { level: 1, name: "Checkout API" }), "the new service's page");
    expect(page.url()).toMatch(new RegExp(`^${w.svc.url}/services/[0-9a-f-]{36}$`));
    const id = page.url().split("/").pop()!;
    await seen(page.getByText("No escalation policy — pages nobody.", { exact: true }), "the pages-nobody warning");

    const details = page.getByRole("form", { name: "Details" });
    await details.getByLabel("Escalation policy").selectOption({ label: "Checkout on-call" });
    await details.getByRole("button", { name: "Save details" }).click();
    await seen(details.getByRole("status").filter({ hasText: "Saved." }), "the saved policy");
    expect((await call("GET", `/api/services/${id}`)).escalationPolicyId).toBe(policy.id);
    expect(await page.getByText("No escalation policy — pages nobody.", { exact: true }).count()).toBe(0);

    const { integrationKey } = await call("GET", `/api/services/${id}`);
    const integration = page.getByRole("region", { name: "Integration" });
    await seen(integration.getByText(integrationKey, { exact: true }), "the integration key");
    const sample = integration.getByLabel("Sample Events v2 request", { exact: true });
    const curl = (await seen(sample, "the sample curl")).textContent();
    const text = (await curl)!;
    expect(text).toContain(`"routing_key": "${integrationKey}"`);
    await seen(
      integration
        .getByLabel("Sample Alertmanager receiver", { exact: true })
        .getByText(`${w.svc.url}/webhooks/alertmanager/${integrationKey}`, { exact: false }),
      "the Alertmanager receiver",
    );
    await integration.getByRole("button", { name: "Copy Sample Events v2 request" }).click();
    await seen(integration.getByRole("button", { name: "Copied Sample Events v2 request" }), "Copied");
    expect(await page.evaluate(() => (globalThis as any).navigator.clipboard.readText() as Promise<string>)).toBe(text);

    // Jira settings: a refused project key is shown beside its field, a good one is saved.
    const routing = page.getByRole("form", { name: "Jira and Slack" });
    await routing.getByLabel("Jira project key").fill("X");
    await routing.getByRole("button", { name: "Save Jira and Slack" }).click();
    await seen(routing.getByText("must be a Jira project key such as CI"), "the refused project key");
    await routing.getByLabel("Jira project key").fill("OPS");
    await routing.getByRole("checkbox", { name: "SEV3" }).check();
    await routing.getByRole("button", { name: "Save Jira and Slack" }).click();
    await seen(routing.getByRole("status").filter({ hasText: "Saved." }), "the saved Jira and Slack settings");
    const saved = await call("GET", `/api/services/${id}`);
    expect([saved.jira.projectKey, saved.slack.channelSeverities]).toEqual(["OPS", ["SEV1", "SEV2", "SEV3"]]);

    await page.waitForLoadState("networkidle");
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.mouse.move(0, 0);
    await screenshot(page, "service", { fullPage: true });

    // The sample, sent as the page shows it: its URL and its JSON body.
    const url = /curl -X POST (\S+)/.exec(text)![1]!;
    const body = text.slice(text.indexOf("-d '") + 4, text.lastIndexOf("'"));
    const sent = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body });
    expect(sent.status).toBe(202);

    await page.getByRole("link", { name: "Incidents on this service" }).click();
    const row = page.getByRole("row").filter({ hasText: "Disk 95% full on db-1" });
    await seen(row.getByText("Checkout API"), "the incident on the service in the incidents list");
    const incidents = (await call("GET", `/api/incidents?serviceId=${id}`)).incidents;
    expect(incidents.map((i: any) => i.title)).toEqual(["Disk 95% full on db-1"]);

    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Services" }).click();
    const list = page.getByRole("table", { name: "Services" });
    await seen(list.getByRole("row").filter({ hasText: "Checkout API" }).getByText("Checkout on-call"), "the list");
    await seen(list.getByRole("row").filter({ hasText: "Checkout API" }).getByText("OPS"), "the project key");
    await page.waitForLoadState("networkidle");
    expect(await accessibilityViolations(page)).toEqual([]);
    const { overflow, culprits } = await horizontalOverflow(page);
    expect({ overflow: Math.max(0, overflow), culprits }).toEqual({ overflow: 0, culprits: [] });
    await screenshot(page, "services");

    // Deleting a service that has incidents is refused, with the API's reason on the page.
    await list.getByRole("link", { name: "Checkout API", exact: true }).click();
    await page.getByRole("button", { name: "Delete service…" }).click();
    await page.getByRole("button", { name: "Yes, delete" }).click();
    await seen(page.getByText("This service has incidents; it cannot be deleted while they exist."), "the 409");
    expect(errors).toEqual([]);
  });

  it("saves the default severity, a Jira priority and the resolution, and shows them after a reload", async () => {
    // A site with its own priority names: the page shows what is stored, not Firewatch's defaults.
    const svc = await call("POST", "/api/services", { name: "Payments", jira: { priorities: { SEV1: "P1" } } });
    const { page, errors } = await open(`/services/${svc.id}`);
    await seen(page.getByRole("heading", { level: 1, name: "Payments" }), "the service");
    const details = page.getByRole("form", { name: "Details" });
    const routing = page.getByRole("form", { name: "Jira and Slack" });
    expect(await details.getByLabel("Default severity").inputValue()).toBe("SEV3");
    expect(await routing.getByLabel("SEV1 priority").inputValue()).toBe("P1");
    expect(await routing.getByLabel("Resolution when resolved").inputValue()).toBe("");

    await details.getByLabel("Default severity").selectOption("SEV2");
    await details.getByRole("button", { name: "Save details" }).click();
    await seen(details.getByRole("status").filter({ hasText: "Saved." }), "the saved default severity");

    await routing.getByLabel("SEV1 priority").fill(" ");
    await routing.getByRole("button", { name: "Save Jira and Slack" }).click();
    const refused = routing.getByText("must not be blank");
    await seen(refused, "the blank priority refused beside its field");
    const sev1Error = await refused.getAttribute("id");
    expect(await routing.getByLabel("SEV1 priority").getAttribute("aria-describedby")).toBe(sev1Error);
    await routing.getByLabel("SEV1 priority").fill("Highest");
    await routing.getByLabel("Resolution when resolved").fill("Done");
    await routing.getByRole("button", { name: "Save Jira and Slack" }).click();
    await seen(routing.getByRole("status").filter({ hasText: "Saved." }), "the saved priorities and resolution");

    const stored = await call("GET", `/api/services/${svc.id}`);
    expect([stored.defaultSeverity, stored.jira.priorities, stored.jira.resolution]).toEqual([
      "SEV2",
      { SEV1: "Highest", SEV2: "High", SEV3: "Medium", SEV4: "Low" },
      "Done",
    ]);
    await page.reload();
    await seen(page.getByRole("heading", { level: 1, name: "Payments" }), "the service after a reload");
    expect(await details.getByLabel("Default severity").inputValue()).toBe("SEV2");
    expect(await routing.getByLabel("SEV1 priority").inputValue()).toBe("Highest");
    expect(await routing.getByLabel("Resolution when resolved").inputValue()).toBe("Done");
    expect(await accessibilityViolations(page)).toEqual([]);

    // An incident declared on the service without a severity takes the new default.
    const declared = await call("POST", "/api/incidents", { title: "Card payments failing", serviceId: svc.id });
    expect(declared.severity).toBe("SEV2");
    expect(errors).toEqual([]);
  });

  it("deletes a service without incidents after a confirmation", async () => {
    const spare = await call("POST", "/api/services", { name: "Spare" });
    const { page, errors } = await open(`/services/${spare.id}`, { width: 390, height: 844 });
    await seen(page.getByRole("heading", { level: 1, name: "Spare" }), "the service at its own path");
    const { overflow, culprits } = await horizontalOverflow(page);
    expect({ overflow: Math.max(0, overflow), culprits }).toEqual({ overflow: 0, culprits: [] });
    await page.getByRole("button", { name: "Delete service…" }).click();
    await page.getByRole("button", { name: "Yes, delete" }).click();
    await seen(page.getByRole("heading", { level: 1, name: "Services" }), "the list after deleting");
    expect(page.url()).toBe(`${w.svc.url}/services`);
    expect(await page.getByRole("table", { name: "Services" }).getByText("Spare").count()).toBe(0);
    expect((await w.svc.api(`/api/services/${spare.id}`)).status).toBe(404);
    expect(errors).toEqual([]);
  });

  it("shows a viewer the service without anything to change", async () => {
    const viewer = await call("POST", "/api/users", { name: "Vic Viewer", email: "vic@example.com", role: "viewer" });
    const { token } = await call("POST", `/api/users/${viewer.id}/tokens`, { name: "console" });
    const billing = (await call("GET", "/api/services")).services.find((s: any) => s.name === "Billing");
    const { page, errors } = await open("/services", undefined, token);
    await seen(page.getByRole("link", { name: "Billing", exact: true }), "the list for a viewer");
    expect(await page.getByRole("button", { name: "New service" }).count()).toBe(0);
    await page.getByRole("link", { name: "Billing", exact: true }).click();
    await seen(page.getByRole("heading", { level: 1, name: "Billing" }), "the service for a viewer");
    await seen(page.getByText(billing.integrationKey, { exact: true }), "the integration key");
    await seen(page.getByText("Only an admin can change this service."), "why nothing can be changed");
    expect(await page.getByRole("form", { name: "Details" }).getByLabel("Escalation policy").isDisabled()).toBe(true);
    expect(await page.getByRole("button", { name: /^Save|^Delete/ }).count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
