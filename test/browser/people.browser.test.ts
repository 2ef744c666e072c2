// The People pages in Chromium, against the real service on PGlite with the Slack emulator delivering test
// pages: a person added at /people, opened at /people/:id, a Slack contact method notified at once and an SMS
// one after 5 minutes, a Slack test page sent (and seen at the emulator), the SMS test page's outcome shown
// (no SMS provider here: "Failed"), a token issued and revoked, the person deactivated; a responder editing
// their own details but not their role, nor seeing another's contact methods. Writes
// docs/screenshots/people.png and person.png.
import { afterAll, describe, expect, it } from "vitest";
import { SlackEmulator } from "../../stand-ins/slack/index.ts";
import { accessibilityViolations, horizontalOverflow, screenshot, seen } from "./support/browser.ts";
import { useConsoleWorld } from "./support/console-world.ts";

describe("the People pages in the console", () => {
  const slack = new SlackEmulator();
  const w = useConsoleWorld(async () => ({
    env: {
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_API_URL: `${await slack.start()}/api/`,
      SLACK_SIGNING_SECRET: "people-signing",
    },
  }));
  const { call, open } = w;
  afterAll(async () => {
    const unexpected = slack.unexpected();
    await slack.stop();
    expect(unexpected).toEqual([]);
  });

  it("adds a person, their contact methods with rules, a Slack test page, a token, and deactivates them", async () => {
    await call("POST", "/api/users", { name: "Bob Brown", email: "bob@example.com", timeZone: "Europe/Berlin" });
    await call("POST", "/api/users", { name: "Carol Chen", email: "carol@example.com", role: "admin" });

    const { page, errors } = await open("/people");
    await seen(page.getByRole("heading", { level: 1, name: "People" }), "the People page");
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "People" }).waitFor();

    // Add a person; a bad e-mail is refused beside its field first.
    await page.getByRole("button", { name: "Add person" }).click();
    const form = page.getByRole("form", { name: "Add person" });
    await form.getByLabel("Name").fill("Alice Adams");
    await form.getByLabel("E-mail").fill("not-an-address");
    await form.getByLabel("Time zone").fill("America/Chicago");
    await form.getByRole("button", { name: "Add person" }).click();
    await seen(form.locator(".field--invalid").getByRole("alert"), "the e-mail's error beside it");
    await form.getByLabel("E-mail").fill("alice@example.com");
    await form.getByRole("button", { name: "Add person" }).click();
    const table = page.getByRole("table", { name: "People, by name" });
    const aliceRow = table.getByRole("row").filter({ hasText: "Alice Adams" });
    await seen(aliceRow.getByText("America/Chicago"), "Alice in the table");
    await expect.poll(() => aliceRow.textContent()).toContain("active");
    await screenshot(page, "people");
    expect(await accessibilityViolations(page)).toEqual([]);

    // Open her page.
    await aliceRow.getByRole("link", { name: "Alice Adams" }).click();
    await seen(page.getByRole("heading", { level: 1, name: /Alice Adams/ }), "Alice's page");
    const alice = (await call("GET", "/api/users")).users.find((u: any) => u.name === "Alice Adams");
    expect(page.url()).toBe(`${w.svc.url}/people/${alice.id}`);

    // Contact methods: Slack after 0 min, SMS after 5 min.
    const methods = page.getByRole("region", { name: "Contact methods" });
    const addMethod = async (kind: string, address: string, after: string) => {
      await methods.getByRole("button", { name: "Add contact method" }).click();
      const f = methods.getByRole("form", { name: "Add contact method" });
      await f.getByLabel("Kind").selectOption({ label: kind });
      await f.getByLabel("Address").fill(address);
      await f.getByLabel(/Notify after/).fill(after);
      await f.getByRole("button", { name: "Add contact method" }).click();
      await seen(methods.getByRole("listitem", { name: `${kind} ${address}` }), `the ${kind} method`);
    };
    await addMethod("Slack", "U0ALICE", "0");
    await addMethod("SMS", "+14155552671", "5");
    const slackItem = methods.getByRole("listitem", { name: "Slack U0ALICE" });
    const smsItem = methods.getByRole("listitem", { name: "SMS +14155552671" });
    await seen(slackItem.getByText("Notify after 0 min"), "the Slack rule");
    await seen(smsItem.getByText("Notify after 5 min"), "the SMS rule");

    // A test page to Slack arrives at the emulator; the SMS one fails without a provider and says so.
    await slackItem.getByRole("button", { name: "Send a test page to Slack U0ALICE" }).click();
    await seen(slackItem.getByText(/^Sent: /), "the Slack test page's outcome");
    expect(slack.messages({ user: "U0ALICE" }).length).toBeGreaterThan(0);
    await smsItem.getByRole("button", { name: "Send a test page to SMS +14155552671" }).click();
    // No SMS provider is configured in this service: the outcome says what is missing.
    await seen(smsItem.getByText(/^Failed: /), "the SMS test page's outcome");

    // Edit the SMS method: a second rule.
    await smsItem.getByRole("button", { name: "Edit SMS +14155552671" }).click();
    const edit = methods.getByRole("form", { name: "Edit SMS contact method" });
    await edit.getByRole("button", { name: "Add rule" }).click();
    await edit.getByLabel("Notify after (minutes), rule 2").fill("15");
    await edit.getByRole("button", { name: "Save contact method" }).click();
    await seen(smsItem.getByText("Notify after 5 min, after 15 min"), "the SMS method's two rules");
    await seen(smsItem.getByText(/^Failed: /), "the SMS outcome, kept across the edit");

    // Issue a token, see it once, then revoke it.
    const tokens = page.getByRole("region", { name: "API tokens" });
    await tokens.getByLabel("Token name").fill("CI deploys");
    await tokens.getByRole("button", { name: "Issue token" }).click();
    const shown = await seen(tokens.getByLabel("New API token"), "the new token");
    expect(await shown.inputValue()).toMatch(/^fw_/);
    const tokenRow = tokens.getByRole("row").filter({ hasText: "CI deploys" });
    await seen(tokenRow.getByText("never"), "the token, never used");
    await page.waitForLoadState("networkidle");
    await screenshot(page, "person", { fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);
    await tokenRow.getByRole("button", { name: "Revoke token CI deploys" }).click();
    await tokenRow.getByRole("button", { name: "Confirm revoke token CI deploys" }).click();
    await seen(tokens.getByText("No working tokens."), "the token revoked");
    expect((await call("GET", `/api/users/${alice.id}/tokens`)).tokens).toEqual([]);

    // Deactivate, with a confirm.
    await page.getByRole("button", { name: "Deactivate" }).click();
    await page.getByRole("button", { name: "Confirm: deactivate Alice Adams" }).click();
    await seen(page.getByRole("heading", { level: 1 }).getByText("deactivated"), "Alice deactivated");
    expect((await call("GET", `/api/users/${alice.id}`)).active).toBe(false);
    await page.getByRole("link", { name: "← People" }).click();
    await seen(table.getByRole("row").filter({ hasText: "Alice Adams" }).getByText("deactivated"), "the lozenge");
    expect(errors).toEqual([]);
  });

  it("fits a phone's width", async () => {
    const alice = (await call("GET", "/api/users")).users.find((u: any) => u.name === "Bob Brown");
    const { page, errors } = await open(`/people/${alice.id}`, { width: 390, height: 844 });
    await seen(page.getByRole("heading", { level: 1, name: /Bob Brown/ }), "Bob's page");
    await seen(page.getByText("No contact methods: a page cannot reach this person."), "the empty list");
    const { overflow, culprits } = await horizontalOverflow(page);
    expect({ overflow: Math.max(0, overflow), culprits }).toEqual({ overflow: 0, culprits: [] });
    expect(errors).toEqual([]);
  });

  it("lets a responder edit their own name, e-mail and time zone, not their role, and not see others' methods", async () => {
    const users = (await call("GET", "/api/users")).users as { id: string; name: string }[];
    const bob = users.find((u) => u.name === "Bob Brown")!;
    const carol = users.find((u) => u.name === "Carol Chen")!;
    const { token } = await call("POST", `/api/users/${bob.id}/tokens`, { name: "Browser" });
    const { page, errors } = await open(`/people/${bob.id}`, undefined, token);
    await seen(page.getByRole("heading", { level: 1, name: /Bob Brown/ }), "Bob's own page");
    const details = page.getByRole("form", { name: "Details" });
    expect(await details.getByLabel("Role").isDisabled()).toBe(true);
    expect(await page.getByRole("button", { name: "Deactivate" }).count()).toBe(0);
    expect(await page.getByRole("form", { name: "Issue token" }).count()).toBe(0);
    await details.getByLabel("Time zone").fill("Europe/Lisbon");
    await details.getByRole("button", { name: "Save details" }).click();
    await seen(details.getByRole("status").filter({ hasText: "Saved." }), "the saved details");
    expect((await call("GET", `/api/users/${bob.id}`)).timeZone).toBe("Europe/Lisbon");
    await seen(page.getByRole("region", { name: "Contact methods" }), "his own contact methods");

    await page.goto(`${w.svc.url}/people/${carol.id}`);
    await seen(page.getByRole("heading", { level: 1, name: /Carol Chen/ }), "Carol's page");
    expect(await page.getByRole("form", { name: "Details" }).getByLabel("Name").isDisabled()).toBe(true);
    await seen(page.getByText(/Only Carol Chen and admins see/), "the note instead of her methods");
    expect(await page.getByRole("region", { name: "Contact methods" }).count()).toBe(0);
    expect(errors).toEqual([]);
  });

  it("lets a person subscribe their calendar app to a private URL of their shifts, and replace it", async () => {
    const dan = await call("POST", "/api/users", { name: "Dan Diaz", email: "dan@example.com" });
    const start = new Date(Date.now() - 86_400_000).toISOString().slice(0, 16);
    const layers = [{ users: [dan.id], rotation: { type: "weekly", shiftLength: 1, start } }];
    await call("POST", "/api/schedules", { name: "Payments rota", timeZone: "UTC", layers, overrides: [] });
    const { token } = await call("POST", `/api/users/${dan.id}/tokens`, { name: "Browser" });
    const { page, errors } = await open(`/people/${dan.id}`, undefined, token);
    const calendar = page.getByRole("region", { name: "Calendar" });
    await seen(calendar.getByText("No calendar URL: calendar apps cannot see your shifts."), "no URL yet");
    await calendar.getByRole("button", { name: "Make a calendar URL" }).click();
    const url = await (await seen(calendar.getByLabel("Calendar URL"), "the URL, shown once")).inputValue();
    expect(url).toMatch(new RegExp(`^${w.svc.url}/calendar/fw_cal_[\\w-]+\\.ics$`));
    await seen(calendar.getByText("no calendar app has read it yet."), "the URL, never read");
    await screenshot(page, "calendar-feed", { of: calendar });
    expect(await accessibilityViolations(page)).toEqual([]);

    // What Google Calendar does: a bare GET, no header.
    const read = await fetch(url);
    expect(read.headers.get("content-type")).toMatch(/^text\/calendar/);
    expect(await read.text()).toContain("SUMMARY:On call: Payments rota");
    await page.reload();
    await seen(calendar.getByText(/last read by a calendar app/), "the URL's last read");
    expect(await calendar.getByLabel("Calendar URL").count()).toBe(0);

    // Shared by mistake: replaced, and the old one stops at once.
    await calendar.getByRole("button", { name: /Replace URL/ }).click();
    const replaced = await (await seen(calendar.getByLabel("Calendar URL"), "the new URL")).inputValue();
    expect(replaced).not.toBe(url);
    expect((await fetch(url)).status).toBe(404);
    expect((await fetch(replaced)).status).toBe(200);
    await calendar.getByRole("button", { name: "Turn off" }).click();
    await calendar.getByRole("button", { name: "Confirm turn off" }).click();
    await seen(calendar.getByText(/No calendar URL/), "the URL turned off");
    expect((await fetch(replaced)).status).toBe(404);
    expect(errors).toEqual([]);
  });
});
