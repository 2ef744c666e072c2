// The web console as the Forge app's global page (jira:globalPage, Custom UI), in Chromium. Jira frames
// the bundle with a bridge (`window.__bridge`); here a double of that bridge hands `invoke` calls to the
// app's real resolver function, run by the Forge platform emulator (stand-ins/forge), which calls
// the service as a Forge Remote. So: the person is Jira's signed-in user, there is no token to type and
// nothing to sign out of, and what they do lands in their site's tenant.
import type { Browser, BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handler } from "../../forge-app/resolvers/index.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { startForgeWorld, type ForgeSiteWorld, type ForgeWorld } from "../support/forge-setup.ts";
import { eventually } from "../support/running-service.ts";
import { collectPageErrors, launchChromium, openContext, screenshot, seen } from "./support/browser.ts";

// addInitScript() functions run in Chromium; the root tsconfig has no DOM types (this module only).
declare const window: any;

const pglite = DATABASE_KINDS.find((k) => k.name === "pglite")!;

describe("the console inside Jira (Forge global page)", () => {
  let w: ForgeWorld;
  let site: ForgeSiteWorld;
  let browser: Browser;
  let context: BrowserContext;
  const bridgeCalls: string[] = [];

  beforeAll(async () => {
    [w, browser] = await Promise.all([startForgeWorld(pglite, ["echo"]), launchChromium()]);
    site = w.sites[0]!;
    context = await openContext(browser);
    // The host page's side of the bridge: Forge runs the resolver as the signed-in Jira user.
    await context.exposeFunction(
      "__forgeHost",
      async (command: string, data: { functionKey?: string; payload?: Record<string, unknown> }) => {
        bridgeCalls.push(
          command === "invoke"
            ? `invoke ${data.functionKey} ${String(data.payload?.method ?? "")} ${String(data.payload?.path ?? "")}`
            : command,
        );
        if (command !== "invoke") return null;
        return site.installation.callResolver(handler, data.functionKey!, {
          accountId: site.admin,
          payload: data.payload ?? {},
        });
      },
    );
    await context.addInitScript(() => {
      window.__bridge = { callBridge: (command: string, data: unknown) => window.__forgeHost(command, data ?? {}) };
    });
  });
  afterAll(async () => {
    await context?.close().catch(() => {});
    await browser?.close();
    await w?.stop();
  });

  it("signs the Jira user in through the app, and declares an incident in the site's tenant", async () => {
    const page = await context.newPage();
    const errors = collectPageErrors(page);
    await page.goto(`${w.svc.url}/#/incidents`);
    await seen(page.getByRole("heading", { name: "Incidents" }).first(), "the incidents page");
    // Who: the Jira administrator, by their Jira name (learnt from the site), as a Firewatch admin.
    await eventually("the Jira name", async () =>
      (await page.locator(".whoami").textContent())?.includes("(admin)") ? true : undefined,
    );
    expect(await page.getByRole("button", { name: "Sign out" }).count()).toBe(0);
    expect(await page.getByLabel("API token").count()).toBe(0);

    await page.getByRole("button", { name: "Declare incident" }).click();
    const form = page.getByRole("form", { name: "Declare incident" });
    await form.getByLabel("Title").fill("Jira login loops for SSO users");
    await form.getByLabel("Severity").selectOption("SEV2");
    await form.getByRole("button", { name: "Declare", exact: true }).click();
    const heading = await seen(
      page.getByRole("heading", { level: 1, name: /^INC-\d+: Jira login loops for SSO users$/ }),
      "the new incident's page",
    );
    await screenshot(page, "forge-global-page");
    const key = (await heading.textContent())!.split(":")[0]!;

    // Every call went through the bridge to the `api` resolver; the incident is the site's.
    expect(bridgeCalls).toContain(`invoke api POST /api/incidents`);
    expect(bridgeCalls.filter((c) => c.startsWith("invoke") && !c.startsWith("invoke api "))).toEqual([]);
    const incident = (await site.api(site.admin, "GET", `/api/incidents/${key}`)).body;
    expect(incident).toMatchObject({ title: "Jira login loops for SSO users", severity: "SEV2" });
    const tenant = await w.svc.database.prisma.tenant.findUniqueOrThrow({
      where: { cloudId: site.installation.cloudId },
    });
    expect((await w.svc.database.prisma.incident.findUniqueOrThrow({ where: { id: incident.id } })).tenantId).toBe(
      tenant.id,
    );
    expect(errors).toEqual([]);
  });
});
