// The Schedules page in Chromium, against the real service on PGlite: two people made over the API, a weekly
// schedule in America/Chicago created in the console's editor (both people, a Mon–Fri 09:00–17:00
// restriction), its live preview naming both, the stored definition read back over the API, then the
// schedule reopened at its own path, its start moved and saved again. Writes docs/screenshots/schedule-editor.png.
import { describe, expect, it } from "vitest";
import { accessibilityViolations, horizontalOverflow, screenshot, seen } from "./support/browser.ts";
import { useConsoleWorld } from "./support/console-world.ts";

describe("the Schedules page", () => {
  const w = useConsoleWorld();
  const { call, open } = w;

  it("creates a restricted weekly schedule with a live preview, stores it as entered, and edits its start", async () => {
    const alice = await call("POST", "/api/users", { name: "Alice Adams", email: "alice@example.com" });
    const bob = await call("POST", "/api/users", { name: "Bob Brown", email: "bob@example.com" });

    const { page, errors } = await open("/schedules");
    await seen(page.getByRole("heading", { level: 1, name: "Schedules" }), "the Schedules page");
    await page.getByRole("link", { name: "New schedule" }).click();
    await seen(page.getByRole("heading", { level: 1, name: "New schedule" }), "the editor");
    expect(page.url()).toBe(`${w.svc.url}/schedules/new`);

    const form = page.getByRole("form", { name: "Schedule" });
    await form.getByLabel("Name").fill("Checkout primary");
    await form.getByLabel("Time zone").selectOption("America/Chicago");
    const layer = form.getByRole("group", { name: "Layer 1" });
    await layer.getByLabel("Rotation type").selectOption("weekly");
    await layer.getByLabel(/^Shift length/).fill("0");
    await seen(layer.getByText(/0 must be a whole number from 1 to 52/), "the shift length's problem beside it");
    await expect.poll(() => layer.getByLabel(/^Shift length/).getAttribute("aria-invalid")).toBe("true");
    await layer.getByLabel(/^Shift length/).fill("1");
    await layer.getByLabel("Rotation start").fill("2026-03-02T09:00");
    for (const who of ["Alice Adams", "Bob Brown"]) {
      await layer.getByLabel("Add person to layer 1").selectOption({ label: who });
      await layer.getByRole("button", { name: "Add to layer 1", exact: true }).click();
    }
    const people = layer.getByRole("list", { name: "People, in hand-off order" });
    await expect
      .poll(() => people.getByRole("listitem").allTextContents())
      .toEqual([expect.stringContaining("Alice Adams"), expect.stringContaining("Bob Brown")]);

    await layer.getByRole("button", { name: "Add restriction to layer 1" }).click();
    const restriction = layer.getByRole("group", { name: "Restriction 1 of layer 1" });
    for (const day of ["Mon", "Tue", "Wed", "Thu", "Fri"]) await restriction.getByLabel(day).check();
    for (const day of ["Sat", "Sun"]) await restriction.getByLabel(day).uncheck();
    await restriction.getByLabel("From").fill("09:00");
    await restriction.getByLabel("To").fill("17:00");

    const preview = page.getByRole("region", { name: "Preview: the next 14 days" });
    const shifts = preview.getByRole("table", { name: "Shifts in the next 14 days" });
    await seen(shifts.getByRole("row").filter({ hasText: "Alice Adams" }).first(), "Alice in the preview");
    await seen(shifts.getByRole("row").filter({ hasText: "Bob Brown" }).first(), "Bob in the preview");
    // Every previewed shift is a working-day window: 8 hours, except where the 14 days' window cuts the first and
    // the last (when the test runs during a Chicago working day).
    const lengths = await shifts.locator("tbody td:last-child").allTextContents();
    expect(new Set(lengths.slice(1, -1))).toEqual(new Set(["8 h"]));
    for (const end of [lengths[0], lengths.at(-1)]) expect(end).toMatch(/^[0-8] h$/);

    // No focus ring in the figure (the test's own tsconfig has no DOM types: the script is text).
    await page.evaluate("document.activeElement?.blur(); window.scrollTo(0, 0)");
    await screenshot(page, "schedule-editor", { fullPage: true });
    expect(await accessibilityViolations(page)).toEqual([]);
    expect((await horizontalOverflow(page)).overflow).toBe(0);

    await form.getByRole("button", { name: "Create schedule" }).click();
    await seen(form.getByRole("status").filter({ hasText: "Schedule saved." }), "the saved schedule");
    await seen(page.getByRole("heading", { level: 1, name: "Checkout primary" }), "the schedule's heading");
    const id = new URL(page.url()).pathname.split("/").pop()!;
    const entered = {
      timeZone: "America/Chicago",
      layers: [
        {
          users: [alice.id, bob.id],
          rotation: { type: "weekly", shiftLength: 1, start: "2026-03-02T09:00" },
          restrictions: [{ days: ["mon", "tue", "wed", "thu", "fri"], from: "09:00", to: "17:00" }],
        },
      ],
      overrides: [],
    };
    expect(await call("GET", `/api/schedules/${id}`)).toEqual({ id, name: "Checkout primary", ...entered });

    // Reopened at its own path, as a link would; the start moves a week.
    const again = await open(`/schedules/${id}`);
    const form2 = again.page.getByRole("form", { name: "Schedule" });
    const start = form2.getByRole("group", { name: "Layer 1" }).getByLabel("Rotation start");
    await seen(start, "the stored rotation start");
    expect(await start.inputValue()).toBe("2026-03-02T09:00");
    await start.fill("2026-03-09T09:00");
    await form2.getByRole("button", { name: "Save schedule" }).click();
    await seen(form2.getByRole("status").filter({ hasText: "Schedule saved." }), "the second save");
    const stored = await call("GET", `/api/schedules/${id}`);
    expect(stored.layers[0].rotation.start).toBe("2026-03-09T09:00");
    expect(stored).toEqual({
      id,
      name: "Checkout primary",
      ...entered,
      layers: [{ ...entered.layers[0]!, rotation: { ...entered.layers[0]!.rotation, start: "2026-03-09T09:00" } }],
    });

    // The list names it with who is on call next.
    await again.page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Schedules" }).click();
    await seen(again.page.getByRole("link", { name: "Checkout primary" }), "the schedule in the list");
    expect(await accessibilityViolations(again.page)).toEqual([]);

    // At phone width the editor is one column with nothing wider than the screen.
    const phone = await open(`/schedules/${id}`, { width: 390, height: 844 });
    await seen(
      phone.page.getByRole("group", { name: "Layer 1" }).getByLabel("Rotation start"),
      "the editor on a phone",
    );
    await seen(phone.page.getByRole("region", { name: "Preview: the next 14 days" }), "the preview on a phone");
    const { overflow, culprits } = await horizontalOverflow(phone.page);
    expect(overflow, culprits.join(", ")).toBe(0);
    expect([...errors, ...again.errors, ...phone.errors]).toEqual([]);
  });
});
