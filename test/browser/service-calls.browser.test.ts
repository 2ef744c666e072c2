// A service's call routing in Chromium, against the real service on PGlite: on the service's page the Twilio number,
// a greeting, the ring time and voicemail, saved and read back; a number the API refuses is shown beside its field;
// the Voice URL to set in Twilio is shown with a Copy button. Writes docs/screenshots/service-calls.png.
import { describe, expect, it } from "vitest";
import { accessibilityViolations, screenshot, seen } from "./support/browser.ts";
import { useConsoleWorld } from "./support/console-world.ts";

describe("a service's call routing in the console", () => {
  const w = useConsoleWorld();
  const { call, open } = w;

  it("sets the number callers dial, its greeting, ring time and voicemail, and shows the Voice URL", async () => {
    const service = await call("POST", "/api/services", { name: "Card payments" });

    const { page, errors } = await open(`/services/${service.id}`);
    const calls = page.getByRole("form", { name: "Call routing" });
    await calls.getByLabel("Twilio phone number").fill("555 0100");
    await calls.getByRole("button", { name: "Save call routing" }).click();
    await seen(calls.getByRole("alert").filter({ hasText: "E.164" }), "the refused number beside its field");

    await calls.getByLabel("Twilio phone number").fill("+1 415 555 0100");
    await calls.getByLabel("Greeting").fill("You have reached card payments on call.");
    await calls.getByLabel("Ring each level for (seconds)").fill("30");
    await calls.getByLabel("Take a voicemail when nobody answers").uncheck();
    await calls.getByRole("button", { name: "Save call routing" }).click();
    await seen(calls.getByRole("status").filter({ hasText: "Saved." }), "the saved settings");
    const voiceUrl = `${w.svc.url}/webhooks/twilio/voice/${service.integrationKey}`;
    expect(await call("GET", `/api/services/${service.id}`)).toMatchObject({
      callRouting: {
        number: "+14155550100",
        greeting: "You have reached card payments on call.",
        ringSeconds: 30,
        voicemail: false,
      },
      endpoints: { voice: voiceUrl },
    });
    await seen(calls.getByText(voiceUrl), "the Voice URL");
    await seen(calls.getByRole("button", { name: /Copy Voice URL/ }), "its Copy button");
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.mouse.move(0, 0);
    await screenshot(page, "service-calls", { of: calls });

    // After a reload the form shows what is stored; an empty number turns call routing off.
    await page.reload();
    expect(await calls.getByLabel("Twilio phone number").inputValue()).toBe("+14155550100");
    expect(await calls.getByLabel("Take a voicemail when nobody answers").isChecked()).toBe(false);
    await calls.getByLabel("Twilio phone number").fill("");
    await calls.getByRole("button", { name: "Save call routing" }).click();
    await seen(calls.getByRole("status").filter({ hasText: "Saved." }), "call routing off");
    expect((await call("GET", `/api/services/${service.id}`)).callRouting).toBeNull();
    expect(errors).toEqual([]);
  });
});
