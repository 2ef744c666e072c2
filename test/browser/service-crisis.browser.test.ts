// A service's crisis communications in Chromium, against the real service on PGlite: a play, a person and a team
// made over the API, then on the service's page the play it runs when an incident opens, its bridge and a default
// subscriber, saved and read back; the play's delete refused while the service runs it (the API's message on its
// card); the plays page at phone width. Writes docs/screenshots/service-crisis.png.
import { describe, expect, it } from "vitest";
import { accessibilityViolations, horizontalOverflow, screenshot, seen } from "./support/browser.ts";
import { useConsoleWorld } from "./support/console-world.ts";

describe("a service's crisis communications in the console", () => {
  const w = useConsoleWorld();
  const { call, open } = w;

  it("sets the play a service runs, its bridge and default subscribers, and keeps that play from being deleted", async () => {
    const ben = await call("POST", "/api/users", { name: "Ben Brooks", email: "ben@example.com" });
    const leads = await call("POST", "/api/teams", { name: "Payments leads", members: [ben.id] });
    const play = await call("POST", "/api/response-plays", {
      name: "Exec briefing",
      addSubscribers: [{ teamId: leads.id }],
      statusUpdate: "Leadership is briefed every 30 minutes.",
    });
    const service = await call("POST", "/api/services", { name: "Card payments" });

    const { page, errors } = await open(`/services/${service.id}`);
    const crisis = page.getByRole("form", { name: "Crisis communications" });
    await crisis.getByLabel("Run automatically when an incident opens").selectOption({ label: "Exec briefing" });
    await crisis.getByLabel("Bridge URL").fill("https://meet.example.com/payments");
    // A dial-in the API refuses is shown beside its field.
    await crisis.getByLabel("Dial-in (optional)").fill("call the office");
    await crisis.getByRole("button", { name: "Save crisis communications" }).click();
    const dialIn = crisis.getByRole("group", { name: "Conference bridge" });
    await seen(dialIn.getByRole("alert").filter({ hasText: "country code" }), "the refused dial-in beside its field");
    await crisis.getByLabel("Dial-in (optional)").fill("+1 555 0100,,4242#");
    await crisis.getByLabel("Add to default subscribers").selectOption({ label: "Ben Brooks" });
    await crisis.getByRole("button", { name: "Add subscriber" }).click();
    await crisis.getByRole("button", { name: "Save crisis communications" }).click();
    await seen(crisis.getByRole("status").filter({ hasText: "Saved." }), "the saved settings");
    expect(await call("GET", `/api/services/${service.id}`)).toMatchObject({
      responsePlayId: play.id,
      conferenceBridge: { url: "https://meet.example.com/payments", dialIn: "+1 555 0100,,4242#" },
      subscribers: [{ userId: ben.id }],
    });
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.mouse.move(0, 0);
    await screenshot(page, "service-crisis", { of: crisis });

    // After a reload the form shows what is stored.
    await page.reload();
    await seen(crisis.getByRole("list", { name: "Default subscribers" }).getByText("Ben Brooks"), "Ben kept");
    expect(await crisis.getByLabel("Bridge URL").inputValue()).toBe("https://meet.example.com/payments");

    // The play cannot be deleted while the service runs it: the API's answer is shown on its card.
    await page.goto(`${w.svc.url}/settings/response-plays`);
    const card = await seen(page.getByRole("article", { name: "Exec briefing" }), "the play");
    await card.getByRole("button", { name: "Delete Exec briefing" }).click();
    await card.getByRole("button", { name: "Delete for good" }).click();
    await seen(card.getByRole("alert").filter({ hasText: "Card payments" }), "the refusal naming the service");
    expect((await call("GET", "/api/response-plays")).responsePlays).toHaveLength(1);

    const phone = await open("/settings/response-plays", { width: 390, height: 844 });
    await seen(phone.page.getByRole("article", { name: "Exec briefing" }), "the plays on a phone");
    const { overflow, culprits } = await horizontalOverflow(phone.page);
    expect({ overflow: Math.max(0, overflow), culprits }).toEqual({ overflow: 0, culprits: [] });
    expect([...errors, ...phone.errors]).toEqual([]);
  });
});
