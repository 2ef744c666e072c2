// Setting Firewatch up from an empty install through the console alone, as a new admin would, then the first alert:
// a person with two contact methods and their rules (and a test page that arrives), a teammate and a team, a weekly
// schedule with a restriction and an override that puts the person on call now, a two-level policy (the schedule,
// then the team), a service on it, and an Events v2 alert to that service's key that pages the person — seen at
// the Slack and the SMS stand-ins, while the incidents page's first-run checklist ticks itself off. Nothing is
// made over the API: `call` only reads back.
import { afterAll, describe, expect, it } from "vitest";
import { SlackEmulator } from "../../stand-ins/slack/index.ts";
import { TwilioEmulator } from "../../stand-ins/twilio/twilio-emulator.ts";
import { eventually } from "../support/running-service.ts";
import { accessibilityViolations, gone, screenshot, seen } from "./support/browser.ts";
import { useConsoleWorld } from "./support/console-world.ts";

const ALICE_PHONE = "+14155552671";
const HOUR = 3_600_000;

describe("the first setup, through the console alone", () => {
  const slack = new SlackEmulator();
  const phone = new TwilioEmulator();
  const w = useConsoleWorld(async () => ({
    env: {
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_API_URL: `${await slack.start()}/api/`,
      SLACK_SIGNING_SECRET: "first-setup-signing",
      TWILIO_API_URL: await phone.start(),
      TWILIO_ACCOUNT_SID: phone.accountSid,
      TWILIO_AUTH_TOKEN: phone.authToken,
      TWILIO_FROM: phone.numbers[0]!,
    },
  }));
  afterAll(async () => {
    await slack.stop();
    await phone.stop();
  });

  it("people, a team, a schedule with an override, a policy and a service: the first alert pages the person on call", async () => {
    // An empty install opens on the first-run checklist, nothing done yet.
    const { page, errors } = await w.open("/incidents");
    const checklist = page.getByRole("region", { name: /^Get started/ });
    await seen(checklist.getByRole("heading", { name: "Get started: 0 of 5 done" }), "the first-run checklist");
    expect(await accessibilityViolations(page)).toEqual([]);
    const nav = page.getByRole("navigation", { name: "Main" });
    const go = async (label: string) => {
      await nav.getByRole("link", { name: label }).click();
      await seen(page.getByRole("heading", { level: 1, name: label }), `the ${label} page`);
    };
    await go("People");

    // People: Alice (the on-call person) and Bob (her team's second line).
    for (const [name, email] of [
      ["Alice Adams", "alice@example.com"],
      ["Bob Brown", "bob@example.com"],
    ] as const) {
      await page.getByRole("button", { name: "Add person" }).click();
      const form = page.getByRole("form", { name: "Add person" });
      await form.getByLabel("Name").fill(name);
      await form.getByLabel("E-mail").fill(email);
      await form.getByRole("button", { name: "Add person" }).click();
      await seen(page.getByRole("table", { name: "People, by name" }).getByRole("link", { name }), name);
    }

    // Alice's contact methods: Slack and SMS, both notified at once; a test page reaches Slack.
    await page.getByRole("link", { name: "Alice Adams" }).click();
    const methods = page.getByRole("region", { name: "Contact methods" });
    for (const [kind, address] of [
      ["Slack", "U0ALICE"],
      ["SMS", ALICE_PHONE],
    ] as const) {
      await methods.getByRole("button", { name: "Add contact method" }).click();
      const f = methods.getByRole("form", { name: "Add contact method" });
      await f.getByLabel("Kind").selectOption({ label: kind });
      await f.getByLabel("Address").fill(address);
      await f.getByLabel(/Notify after/).fill("0");
      await f.getByRole("button", { name: "Add contact method" }).click();
      await seen(methods.getByRole("listitem", { name: `${kind} ${address}` }), `the ${kind} method`);
    }
    const slackItem = methods.getByRole("listitem", { name: "Slack U0ALICE" });
    await slackItem.getByRole("button", { name: "Send a test page to Slack U0ALICE" }).click();
    await seen(slackItem.getByText(/^Sent: /), "the test page sent");
    expect(slack.messages({ user: "U0ALICE" }).map((m) => m.text)).toEqual([expect.stringMatching(/test page/i)]);

    // A team: Bob.
    await go("Teams");
    await page.getByRole("button", { name: "New team" }).click();
    const teamForm = page.getByRole("form", { name: "New team" });
    await teamForm.getByLabel("Team name").fill("Checkout backup");
    await teamForm.getByRole("checkbox", { name: "Bob Brown" }).check();
    await teamForm.getByRole("button", { name: "Create team" }).click();
    await gone(teamForm, "the closed team form");

    // A weekly schedule for Alice, working hours only (Chicago).
    await go("Schedules");
    await page.getByRole("link", { name: "New schedule" }).click();
    const schedule = page.getByRole("form", { name: "Schedule" });
    await schedule.getByLabel("Name").fill("Checkout primary");
    await schedule.getByLabel("Time zone").selectOption("America/Chicago");
    const layer = schedule.getByRole("group", { name: "Layer 1" });
    await layer.getByLabel("Rotation type").selectOption("weekly");
    await layer.getByLabel(/^Shift length/).fill("1");
    await layer.getByLabel("Rotation start").fill("2026-03-02T09:00");
    await layer.getByLabel("Add person to layer 1").selectOption({ label: "Alice Adams" });
    await layer.getByRole("button", { name: "Add to layer 1", exact: true }).click();
    await layer.getByRole("button", { name: "Add restriction to layer 1" }).click();
    const restriction = layer.getByRole("group", { name: "Restriction 1 of layer 1" });
    for (const day of ["Mon", "Tue", "Wed", "Thu", "Fri"]) await restriction.getByLabel(day).check();
    for (const day of ["Sat", "Sun"]) await restriction.getByLabel(day).uncheck();
    await restriction.getByLabel("From").fill("09:00");
    await restriction.getByLabel("To").fill("17:00");
    await schedule.getByRole("button", { name: "Create schedule" }).click();
    await seen(page.getByRole("heading", { level: 1, name: "Checkout primary" }), "the saved schedule");

    // An override: Alice covers the next hours whatever the restriction says (the context's clock is UTC).
    await go("On-call");
    await page.getByRole("button", { name: "Add override" }).click();
    await page.getByLabel("Covering person").selectOption({ label: "Alice Adams" });
    const local = (ms: number) => new Date(ms).toISOString().slice(0, 16);
    const now = Date.now();
    await page.getByLabel("Starts").fill(local(now - HOUR));
    await page.getByLabel("Ends").fill(local(now + 2 * HOUR));
    await page.getByRole("button", { name: "Save override" }).click();
    await seen(page.getByText("Override saved."), "the saved override");

    // The policy: the schedule, then the team after 10 minutes.
    await go("Escalation policies");
    await page.getByRole("button", { name: "New policy" }).click();
    const policy = page.getByRole("form", { name: "New escalation policy" });
    await policy.getByLabel("Name").fill("Checkout on-call");
    const level1 = policy.getByRole("group", { name: "Level 1" });
    await level1.getByLabel("Escalates after (minutes)").fill("10");
    await level1.getByLabel("Target").selectOption({ label: "Checkout primary" });
    await level1.getByRole("button", { name: "Add target to Level 1" }).click();
    await policy.getByRole("button", { name: "Add level" }).click();
    const level2 = policy.getByRole("group", { name: "Level 2" });
    await level2.getByLabel("Escalates after (minutes)").fill("10");
    await level2.getByLabel("Target").selectOption({ label: "Checkout backup" });
    await level2.getByRole("button", { name: "Add target to Level 2" }).click();
    await policy.getByRole("button", { name: "Create policy" }).click();
    await gone(policy, "the closed policy form");

    // The service on that policy, and its integration key as the page shows it.
    await go("Services");
    await page.getByRole("button", { name: "New service" }).click();
    const serviceForm = page.getByRole("form", { name: "New service" });
    await serviceForm.getByLabel("Name").fill("Checkout API");
    await serviceForm.getByRole("button", { name: "Create service" }).click();
    await seen(page.getByRole("heading", { level: 1, name: "Checkout API" }), "the service's page");
    const details = page.getByRole("form", { name: "Details" });
    await details.getByLabel("Escalation policy").selectOption({ label: "Checkout on-call" });
    await details.getByRole("button", { name: "Save details" }).click();
    await seen(details.getByRole("status").filter({ hasText: "Saved." }), "the service on its policy");
    const sample = await seen(
      page.getByRole("region", { name: "Integration" }).getByLabel("Sample Events v2 request", { exact: true }),
      "the sample request",
    );
    const text = (await sample.textContent())!;
    expect(await accessibilityViolations(page)).toEqual([]);

    // The first alert, sent as the page shows it: Alice is paged by Slack and by text.
    const url = /curl -X POST (\S+)/.exec(text)![1]!;
    const body = text.slice(text.indexOf("-d '") + 4, text.lastIndexOf("'"));
    const sent = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body });
    expect(sent.status).toBe(202);
    const incident = await eventually("the incident", async () => (await w.call("GET", "/api/incidents")).incidents[0]);
    await eventually("Alice's Slack page", async () =>
      slack.messages({ user: "U0ALICE" }).some((m) => String(m.text).includes(incident.key)),
    );
    await eventually("Alice's text", async () => phone.messagesTo(ALICE_PHONE).some((m) => m.includes(incident.key)));
    const paged = (await w.call("GET", `/api/incidents/${incident.key}/response`)).pages;
    expect(paged.map((p: any) => [p.user.name, p.channel])).toEqual(
      expect.arrayContaining([
        ["Alice Adams", "slack"],
        ["Alice Adams", "sms"],
      ]),
    );
    expect(paged.some((p: any) => p.user.name === "Bob Brown")).toBe(false);

    // The checklist ticked itself off from what now exists; the admin has no contact method of their own yet.
    await go("Incidents");
    await seen(checklist.getByRole("heading", { name: "Get started: 4 of 5 done" }), "the checklist, 4 of 5");
    await seen(checklist.getByRole("link", { name: "Add yourself a contact method" }), "the step left");
    await screenshot(page, "getting-started", { of: checklist });
    expect(errors).toEqual([]);
  });
});
