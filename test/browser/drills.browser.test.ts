// Drills in Chromium, against the real service on PGlite: a drill declared with "This is a drill" shows its banner and
// DRILL lozenge on its page and in the list, and offers no public status post; on the Service page the Drills panel
// refuses an unknown time zone beside its field, then saves a schedule and shows the next drill in its zone and UTC.
// Writes docs/screenshots/drill-incident.png and docs/screenshots/service-drills.png.
import { describe, expect, it } from "vitest";
import { accessibilityViolations, screenshot, seen } from "./support/browser.ts";
import { useConsoleWorld } from "./support/console-world.ts";

describe("drills in the console", () => {
  const w = useConsoleWorld();
  const { call, open } = w;

  it("declares a drill, marked DRILL wherever it shows", async () => {
    const { page, errors } = await open("/incidents");
    await page.getByRole("button", { name: "Declare incident" }).click();
    const form = page.getByRole("form", { name: "Declare incident" });
    await form.getByLabel("Title").fill("Game day: checkout failover");
    await form.getByLabel(/This is a drill/).check();
    await form.getByRole("button", { name: "Declare", exact: true }).click();
    const heading = await seen(
      page.getByRole("heading", { level: 1, name: /^INC-\d+: Game day: checkout failover$/ }),
      "the drill's page",
    );
    const key = (await heading.textContent())!.split(":")[0]!;
    expect((await call("GET", `/api/incidents/${key}`)).drill).toBe(true);
    await seen(page.getByRole("note").filter({ hasText: "This is a drill" }), "the drill banner");
    await seen(page.getByText("A drill never posts to the public status page."), "no status posts for a drill");
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.mouse.move(0, 0);
    await screenshot(page, "drill-incident");

    await page.goto(`${w.svc.url}/incidents`);
    const row = await seen(
      page.getByRole("table", { name: "Incidents" }).getByRole("row").filter({ hasText: "Game day" }),
      "the drill in the list",
    );
    expect(await row.getByText("Drill", { exact: true }).isVisible()).toBe(true);
    expect(errors).toEqual([]);
  });

  it("schedules a service's drills and shows the next one in its zone and UTC", async () => {
    const service = await call("POST", "/api/services", { name: "Checkout" });
    const { page, errors } = await open(`/services/${service.id}`);
    const drills = page.getByRole("form", { name: "Drills" });
    await seen(drills.getByText("No drill scheduled."), "no drills yet");
    await drills.getByLabel("Run a drill on a schedule").check();
    await drills.getByLabel("Weekday").selectOption({ label: "Monday" });
    await drills.getByLabel("Time", { exact: true }).fill("09:00");
    await drills.getByLabel(/Every N weeks/).fill("2");
    await drills.getByLabel(/Starts on/).fill("2027-03-24");
    await drills.getByLabel("Time zone").fill("Mars/Olympus");
    await drills.getByRole("button", { name: "Save drills" }).click();
    await seen(drills.getByRole("alert").filter({ hasText: "IANA time zone" }), "the refused zone beside its field");
    expect((await call("GET", `/api/services/${service.id}`)).drillSchedule).toBeNull();

    await drills.getByLabel("Time zone").fill("Europe/London");
    await drills.getByRole("button", { name: "Save drills" }).click();
    await seen(drills.getByRole("status").filter({ hasText: "Saved." }), "the saved schedule");
    // Monday 29 March 2027, the day after the clocks go forward: 09:00 BST is 08:00 UTC.
    await seen(
      drills
        .getByRole("status")
        .filter({ hasText: /Monday,? 29 March 2027,? (at )?09:00/ })
        .filter({ hasText: "08:00 UTC" }),
      "the next drill in London time and UTC",
    );
    expect(await call("GET", `/api/services/${service.id}`)).toMatchObject({
      drillSchedule: { weekday: "mon", time: "09:00", timeZone: "Europe/London", everyWeeks: 2 },
      nextDrillAt: "2027-03-29T08:00:00.000Z",
    });
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.mouse.move(0, 0);
    await screenshot(page, "service-drills", { of: drills });
    expect(errors).toEqual([]);
  });
});
