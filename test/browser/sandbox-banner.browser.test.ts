// The console in a sandbox (`npm run demo`, started in-process here as sandbox/start.ts starts it): every page says
// the products around it are stand-ins and links to their pages; the link to all of them opens the sandbox's index.
import { describe, expect, it } from "vitest";
import { accessibilityViolations, collectPageErrors, screenshot, seen } from "./support/browser.ts";
import { useSandboxBrowser } from "./support/sandbox.ts";

describe("the console's sandbox banner in Chromium", () => {
  const w = useSandboxBrowser({ seed: false, signedIn: false });

  it("says on every page that the integrations are stand-ins, links to them, and passes axe", async () => {
    const { sandbox, context } = w;
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    // Signed in on the sign-in page: the banner comes with the sign-in's answer, without a reload.
    await page.goto(`${sandbox.world.url}/`);
    await (await seen(page.getByLabel("API token"), "the sign-in form")).fill(sandbox.world.adminToken);
    await page.getByRole("button", { name: "Sign in" }).click();
    await seen(page.getByRole("complementary", { name: "Sandbox" }), "the banner after signing in");
    for (const route of ["incidents", "settings"]) {
      await page.goto(`${sandbox.world.url}/${route}`);
      const banner = await seen(page.getByRole("complementary", { name: "Sandbox" }), `the banner on /${route}`);
      expect(await banner.textContent()).toContain("local stand-ins");
      for (const name of ["Jira", "Confluence", "Slack", "Statuspage", "Phone (Twilio)", "Mailbox"])
        expect(await banner.getByRole("link", { name, exact: true }).getAttribute("href")).toMatch(
          /^\/sandbox\/.+\/_view\/$/,
        );
    }
    await seen(page.getByRole("heading", { name: "Settings" }), "the settings page");
    await screenshot(page, "sandbox-banner");
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole("complementary", { name: "Sandbox" }).getByRole("link", { name: "All stand-ins" }).click();
    await seen(page.getByRole("heading", { name: "Firewatch sandbox" }), "the sandbox's index");
    expect(await page.getByRole("link", { name: "Slack" }).getAttribute("href")).toBe("/sandbox/slack/_view/");
    await screenshot(page, "sandbox-index");
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
  });
});
