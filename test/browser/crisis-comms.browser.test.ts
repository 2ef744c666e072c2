// Crisis communications in Chromium, on PGlite with the SMTP and Statuspage stand-ins: a play run from an incident's
// Response panel (its steps, the stakeholders and bridge it adds), a stakeholder added and removed, status updates with
// their delivery counts (one also public, under its own title), a viewer subscribing themselves, a play written on
// Settings → Response plays (a service's side: service-crisis.browser.test.ts); axe on each screen. Writes
// docs/screenshots/incident-crisis, incident-play-run, incident-status-update-form, response-plays, response-play-form.
import { afterAll, describe, expect, it } from "vitest";
import { SmtpCapture } from "../../stand-ins/smtp/index.ts";
import { StatuspageEmulator } from "../../stand-ins/statuspage/index.ts";
import { accessibilityViolations, gone, horizontalOverflow, screenshot, seen } from "./support/browser.ts";
import { useConsoleWorld } from "./support/console-world.ts";

describe("crisis communications in the console", () => {
  const smtp = new SmtpCapture();
  const statuspage = new StatuspageEmulator();
  const w = useConsoleWorld(async () => {
    const [smtpUrl] = await Promise.all([smtp.start(), statuspage.start()]);
    return {
      env: {
        SMTP_URL: smtpUrl,
        STATUSPAGE_API_KEY: statuspage.apiKey,
        STATUSPAGE_PAGE_ID: statuspage.pageId,
        STATUSPAGE_API_URL: statuspage.apiUrl,
        STATUSPAGE_WEBHOOK_TOKEN: "crisis-statuspage-token",
      },
    };
  });
  const { call, open } = w;
  afterAll(() => Promise.all([smtp.stop(), statuspage.stop()]));
  const person = (name: string) =>
    call("POST", "/api/users", { name, email: `${name.split(" ")[0]!.toLowerCase()}@example.com` });
  let ana: any, leads: any;

  it("runs a play on an incident, shows its steps and stakeholders, and posts a status update with its deliveries", async () => {
    ana = await person("Ana Ortiz");
    const ben = await person("Ben Brooks");
    leads = await call("POST", "/api/teams", { name: "Payments leads", members: [ben.id] });
    await call("POST", "/api/response-plays", {
      name: "Major outage",
      addResponders: [{ type: "user", id: ana.id }],
      addSubscribers: [{ teamId: leads.id }, { email: "execs@example.com" }],
      conferenceBridge: { url: "https://meet.example.com/major-outage", dialIn: "+1 555 0100,,4242#" },
      statusUpdate: "We are investigating failed card payments; next update in 30 minutes.",
    });
    const incident = await call("POST", "/api/incidents", {
      title: "Card payments failing in eu-west-1",
      severity: "SEV1",
    });
    const { page, errors } = await open(`/incidents/${incident.key}`);
    await seen(page.getByRole("heading", { level: 1, name: new RegExp(`^${incident.key}: `) }), "the incident");
    expect(await page.getByRole("region", { name: "Conference bridge" }).count()).toBe(0);

    // Run the play from the Response panel: each step and its outcome.
    const response = page.getByRole("region", { name: "Response" });
    await response.getByRole("button", { name: "Run a play" }).click();
    const run = response.getByRole("form", { name: "Run a play" });
    await run.getByLabel("Response play").selectOption({ label: "Major outage" });
    await run.getByRole("button", { name: "Run play" }).click();
    const steps = await seen(response.getByRole("list", { name: "Steps of Major outage" }), "the play's steps");
    for (const label of ["Responder", "Subscriber", "Conference bridge", "Status update"])
      await seen(steps.getByRole("listitem").filter({ hasText: label }).first(), `the ${label} step`);
    expect(await steps.getByText("Failed", { exact: true }).count()).toBe(0);
    await page.mouse.move(0, 0);
    await screenshot(page, "incident-play-run", { of: response });

    // The stakeholders it added, and the bridge under the header.
    const stakeholders = page.getByRole("list", { name: "Stakeholders" });
    for (const name of ["Payments leads", "execs@example.com"])
      await seen(
        stakeholders.getByRole("listitem").filter({ hasText: name }).getByText("From a response play"),
        `${name} from the play`,
      );
    const bridge = await seen(page.getByRole("region", { name: "Conference bridge" }), "the bridge");
    expect(await bridge.getByRole("link", { name: /Join the bridge/ }).getAttribute("href")).toBe(
      "https://meet.example.com/major-outage",
    );
    await seen(bridge.getByText("+1 555 0100,,4242#"), "the dial-in");

    // A stakeholder added by hand, and removed after the inline confirmation.
    const panel = page.getByRole("region", { name: "Stakeholders" });
    const add = panel.getByRole("form", { name: "Add a stakeholder" });
    await add.getByLabel("Add a person, team or e-mail address").selectOption({ label: "An e-mail address…" });
    await add.getByLabel("E-mail address", { exact: true }).fill("press@example.com");
    await add.getByRole("button", { name: "Add stakeholder" }).click();
    await seen(panel.getByRole("status").filter({ hasText: "Added press@example.com." }), "the added stakeholder");
    const press = stakeholders.getByRole("listitem").filter({ hasText: "press@example.com" });
    await seen(press.getByText("Added by"), "who added it");
    await press.getByRole("button", { name: "Remove press@example.com" }).click();
    await press
      .getByRole("group", { name: "Confirm removing press@example.com" })
      .getByRole("button", { name: "Remove" })
      .click();
    await gone(press, "the removed stakeholder");
    const kept = (await call("GET", `/api/incidents/${incident.key}/subscribers`)).subscribers;
    expect(kept.map((s: any) => s.name).sort()).toEqual(["Payments leads", "execs@example.com"]);

    // A status update, listed newest first with its delivery counts as the API has them.
    const updates = page.getByRole("region", { name: "Status updates" });
    await updates.getByLabel("Status update to stakeholders").fill("Payments are recovering after a rollback.");
    await updates.getByRole("button", { name: "Post update" }).click();
    await seen(updates.getByRole("status").filter({ hasText: "Sent." }), "the sent update");
    const sent = updates.getByRole("list", { name: "Status updates sent" });
    const newest = sent.getByRole("listitem").first();
    await seen(newest.getByText("Payments are recovering after a rollback."), "the update listed first");
    const latest = async () => (await call("GET", `/api/incidents/${incident.key}/status-updates`)).statusUpdates[0];
    await expect.poll(async () => (await latest()).deliveries.pending, { timeout: 20_000 }).toBe(0);
    const { deliveries } = await latest();
    expect(deliveries.total).toBeGreaterThanOrEqual(2);
    const words = `${deliveries.sent} of ${deliveries.total} delivered${deliveries.failed ? `, ${deliveries.failed} failed` : ""}`;
    await seen(newest.getByText(words, { exact: true }), `"${words}"`);
    await seen(sent.getByText("We are investigating failed card payments", { exact: false }), "the play's update");
    expect(smtp.mailsTo("execs@example.com").length).toBeGreaterThanOrEqual(2);

    // Also posted publicly, under a public title of its own.
    await updates.getByRole("checkbox", { name: "Also post to the public status page" }).check();
    const publicPost = updates.getByRole("group", { name: "Public status page" });
    expect(await publicPost.getByLabel("Public title").inputValue()).toBe("Card payments failing in eu-west-1");
    await publicPost.getByLabel("Public title").fill("Card payments degraded");
    await publicPost.getByLabel("Public text").fill("Some card payments fail; we are on it.");
    await publicPost.getByLabel("Public status").selectOption("identified");
    await updates.getByLabel("Status update to stakeholders").fill("Root cause found: an expired certificate.");
    await page.mouse.move(0, 0);
    await screenshot(page, "incident-status-update-form", { of: updates });
    await updates.getByRole("button", { name: "Post update" }).click();
    await seen(updates.getByRole("status").filter({ hasText: "Sent, and posted publicly." }), "both posted");
    const status = page.getByRole("region", { name: "Status page" });
    await seen(status.getByText("Some card payments fail; we are on it."), "the public post listed");
    await expect
      .poll(() => statuspage.incidents().map((i: any) => i.name), { timeout: 20_000 })
      .toContain("Card payments degraded");

    await page.waitForLoadState("networkidle");
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.mouse.move(0, 0);
    await screenshot(page, "incident-crisis", { fullPage: true });

    // On a phone, the bridge, the stakeholders and the updates fit the width.
    const phone = await open(`/incidents/${incident.key}`, { width: 390, height: 844 });
    await seen(phone.page.getByRole("region", { name: "Conference bridge" }), "the bridge on a phone");
    await seen(phone.page.getByRole("list", { name: "Status updates sent" }), "the updates on a phone");
    const { overflow, culprits } = await horizontalOverflow(phone.page);
    expect({ overflow: Math.max(0, overflow), culprits }).toEqual({ overflow: 0, culprits: [] });
    expect([...errors, ...phone.errors]).toEqual([]);
  });

  it("lets a viewer ask for the status updates, and stop them, without offering anything else", async () => {
    const viewer = await call("POST", "/api/users", { name: "Vic Viewer", email: "vic@example.com", role: "viewer" });
    const { token } = await call("POST", `/api/users/${viewer.id}/tokens`, { name: "console" });
    const incident = await call("POST", "/api/incidents", { title: "Refunds delayed", serviceId: null });
    const { page, errors } = await open(`/incidents/${incident.key}`, undefined, token);
    const panel = page.getByRole("region", { name: "Stakeholders" });
    await seen(panel.getByText("No stakeholders yet."), "no stakeholders");
    expect(await panel.getByRole("form", { name: "Add a stakeholder" }).count()).toBe(0);
    expect(await page.getByRole("form", { name: "Post a status update" }).count()).toBe(0);
    await panel.getByRole("button", { name: "Send me the status updates" }).click();
    const me = await seen(panel.getByRole("listitem").filter({ hasText: "Vic Viewer" }), "the viewer subscribed");
    await me.getByRole("button", { name: "Remove Vic Viewer" }).click();
    await me.getByRole("button", { name: "Remove", exact: true }).click();
    await seen(panel.getByRole("button", { name: "Send me the status updates" }), "the offer again");
    expect((await call("GET", `/api/incidents/${incident.key}/subscribers`)).subscribers).toEqual([]);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });

  it("writes a play on Settings → Response plays", async () => {
    const { page, errors } = await open("/settings");
    await page.getByRole("navigation", { name: "Settings" }).getByRole("link", { name: "Response plays" }).click();
    await seen(page.getByRole("heading", { level: 1, name: "Response plays" }), "the Response plays page");
    expect(page.url()).toBe(`${w.svc.url}/settings/response-plays`);
    await seen(page.getByRole("article", { name: "Major outage" }), "the play made over the API");

    await page.getByRole("button", { name: "New play" }).click();
    const form = page.getByRole("form", { name: "New response play" });
    await form.getByLabel("Name").fill("Exec briefing");
    await form.getByLabel("Add a responder").selectOption({ label: "Ana Ortiz" });
    await form.getByRole("button", { name: "Add responder" }).click();
    await seen(form.getByRole("list", { name: "Responders" }).getByText("Ana Ortiz"), "Ana's chip");
    await form.getByLabel("Add to subscribers").selectOption({ label: "Payments leads" });
    await form.getByRole("button", { name: "Add subscriber" }).click();
    await form.getByLabel("Add to subscribers").selectOption({ label: "An e-mail address…" });
    await form.getByLabel("E-mail address", { exact: true }).fill("board@example.com");
    await form.getByRole("button", { name: "Add subscriber" }).click();
    const chips = form.getByRole("list", { name: "Subscribers" });
    await seen(chips.getByText("board@example.com"), "the address's chip");
    await form.getByLabel("Bridge URL").fill("https://meet.example.com/exec");
    await form.getByLabel("Dial-in (optional)").fill("+1 555 0199");
    await form.getByLabel("Post in the incident's Slack channel").fill("Execs are being briefed on the bridge.");
    await form.getByLabel("Status update to stakeholders").fill("Leadership is briefed every 30 minutes.");
    await page.mouse.move(0, 0);
    await screenshot(page, "response-play-form", { of: page.locator(".play-editor") });
    expect(await accessibilityViolations(page)).toEqual([]);
    await form.getByRole("button", { name: "Create play" }).click();
    await gone(form, "the closed play form");
    const card = await seen(page.getByRole("article", { name: "Exec briefing" }), "the new play");
    await seen(card.getByText("board@example.com", { exact: false }), "its subscribers");
    const stored = (await call("GET", "/api/response-plays")).responsePlays.find(
      (p: any) => p.name === "Exec briefing",
    );
    expect(stored).toMatchObject({
      addResponders: [{ type: "user", id: ana.id }],
      addSubscribers: [{ teamId: leads.id }, { email: "board@example.com" }],
      conferenceBridge: { url: "https://meet.example.com/exec", dialIn: "+1 555 0199" },
      postToChannel: "Execs are being briefed on the bridge.",
      statusUpdate: "Leadership is briefed every 30 minutes.",
    });
    await page.mouse.move(0, 0);
    await screenshot(page, "response-plays");

    expect(errors).toEqual([]);
  });
});
