// The reports page's on-call health, trends and drills in Chromium, against the real service on PGlite with the
// month of test/support/oncall-month.ts seeded through the API (people in London and New York, a schedule, paged
// incidents, a drill). Checks the tables and warnings read as the API computed them, passes axe-core, and writes
// docs/screenshots/oncall-health.png.
import { afterAll, expect, it, describe } from "vitest";
import { SmtpCapture } from "../../stand-ins/smtp/index.ts";
import { seedOnCallMonth } from "../support/oncall-month.ts";
import { accessibilityViolations, horizontalOverflow, screenshot, seen } from "./support/browser.ts";
import { useConsoleWorld } from "./support/console-world.ts";

describe("on-call health on the reports page", () => {
  const smtp = new SmtpCapture();
  const w = useConsoleWorld(async () => ({ env: { SMTP_URL: await smtp.start() } }));
  afterAll(async () => {
    await smtp.stop();
  });

  it("shows each person's pages and nights, the schedule's fairness, the warnings, trends and drills", async () => {
    await seedOnCallMonth(w.svc);
    const { page, errors } = await w.open("/reports?from=2026-10-19&to=2026-11-15", { width: 1280, height: 1000 });
    const health = page.getByRole("region", { name: "On-call health" });
    await seen(health.getByRole("table", { name: "People, by name" }), "the on-call health table");

    const row = (name: string) =>
      health.getByRole("table", { name: "People, by name" }).getByRole("row").filter({ hasText: name });
    // Person, pages, off-hours, night, hours on call, sleep interruptions / week, median TTA.
    await expect.poll(() => row("Alice Adams").innerText()).toMatch(/Alice Adams\s+Europe\/London\s+3\s+2\s+1\s+167 h/);
    expect(await row("Alice Adams").innerText()).toContain("5 min");
    expect(await row("Bob Brown").innerText()).toMatch(/Bob Brown\s+America\/New_York\s+3\s+2\s+2\s+505 h/);
    await seen(
      health.getByRole("region", { name: "Warnings" }).getByText("Bob Brown carried 75% of Primary's on-call hours"),
      "the hours-share warning",
    );
    const primary = health
      .getByRole("table", { name: /how evenly/ })
      .getByRole("row")
      .filter({ hasText: "Primary" });
    expect(await primary.innerText()).toContain("Bob Brown 75%, Alice Adams 25%");

    const trends = page.getByRole("region", { name: "MTTA and MTTR trends" });
    await seen(trends.getByRole("row").filter({ hasText: "Checkout" }), "the service's trend");
    expect(await trends.getByRole("table", { name: /By responder/ }).innerText()).toContain("Bob Brown");

    const drills = page.getByRole("region", { name: "Drills" });
    await seen(drills.getByRole("row").filter({ hasText: "Drill: checkout down" }), "the drill");
    expect(await drills.getByRole("row").filter({ hasText: "Drill: checkout down" }).innerText()).toContain(
      "Alice Adams",
    );

    await health.scrollIntoViewIfNeeded();
    await screenshot(page, "oncall-health", { of: health });
    expect(await accessibilityViolations(page)).toEqual([]);
    expect((await horizontalOverflow(page)).overflow).toBeLessThanOrEqual(0);
    expect(errors).toEqual([]);
  });

  it("asks for a shorter range past 93 days instead of asking the API", async () => {
    const { page } = await w.open("/reports?from=2026-06-01&to=2026-11-15");
    await seen(page.getByText("On-call health covers at most 93 days"), "the range note");
  });
});
