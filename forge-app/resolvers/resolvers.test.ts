// The app's resolver function with @forge/api replaced at its boundary by the Forge platform emulator:
// `__forge_fetch__` takes asUser() calls to the site's Jira (as that person) and invokeRemote to the
// service (with a Forge Invocation Token). The UI Kit tests (forge-app/ui/kit) drive the panel's
// resolvers through the UI; these cover the console's `api` resolver and the permission checks alone.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS } from "../../test/support/databases.ts";
import { startForgeWorld, type ForgeSiteWorld, type ForgeWorld } from "../../test/support/forge-setup.ts";
import { routesOf } from "../../test/support/app-routes.ts";
import { CONSOLE_API_ROUTES } from "./api-routes.ts";
import { handler } from "./index.ts";

describe.each(DATABASE_KINDS)("the app's resolvers on $name", (kind) => {
  let w: ForgeWorld;
  let site: ForgeSiteWorld;
  const call = (
    accountId: string,
    functionKey: string,
    payload: Record<string, unknown> = {},
    extension: Record<string, unknown> = {},
  ) =>
    site.installation.callResolver(handler, functionKey, { accountId, payload, extension }) as Promise<{
      status: number;
      body: any;
    }>;

  beforeAll(async () => {
    w = await startForgeWorld(kind, ["charlie"]);
    site = w.sites[0]!;
  });
  afterAll(() => w?.stop());

  it("passes the console's API calls through as the Jira user, a Jira admin as an admin", async () => {
    expect(await call(site.person, "api", { method: "GET", path: "/api/me" })).toMatchObject({
      status: 200,
      body: { role: "responder" },
    });
    expect(await call(site.admin, "api", { method: "GET", path: "/api/me" })).toMatchObject({
      status: 200,
      body: { role: "admin" },
    });
    // Services are an admin's: the person is refused by the service, the admin is not.
    expect(
      await call(site.person, "api", { method: "POST", path: "/api/services", body: { name: "payments" } }),
    ).toMatchObject({ status: 403 });
    expect(
      await call(site.admin, "api", { method: "POST", path: "/api/services", body: { name: "payments" } }),
    ).toMatchObject({ status: 201, body: { name: "payments" } });
    // Text answers pass through as text (the postmortem preview in Markdown).
    const declared = await call(site.person, "api", {
      method: "POST",
      path: "/api/incidents",
      body: { title: "Card payments failing", severity: "SEV1" },
    });
    expect(declared.status).toBe(201);
    const preview = await call(site.person, "api", {
      method: "GET",
      path: `/api/incidents/${declared.body.key}/postmortem/preview?format=markdown`,
    });
    expect(preview).toMatchObject({ status: 200, body: expect.stringContaining("Card payments failing") });
  });

  it("refuses what is not a call to the service's /api, without calling it", async () => {
    const before = site.installation.remoteCalls.length;
    for (const payload of [
      { method: "GET", path: "/forge/resolvers/admin-settings" },
      { method: "GET", path: "/api/../forge/events" },
      { method: "TRACE", path: "/api/me" },
      { path: "https://evil.example.com/api/me" },
      // Encoded dot segments and separators: the service would decode them back into a path outside /api.
      { method: "POST", path: "/api/%2e%2e/forge/resolvers/declare-incident" },
      { method: "POST", path: "/api/%2E%2E/forge/scheduled" },
      { method: "POST", path: "/api/incidents/%2e%2e/%2e%2e/forge/events" },
      { method: "GET", path: "/api/incidents/x%2f..%2f..%2fforge" },
      { method: "GET", path: "/api/incidents/%5c..%5cforge" },
      { method: "GET", path: "/api//me" },
      { method: "GET", path: "/api/./me" },
      { method: "GET", path: "/api/%zz" },
      // Routes not on the console's list: minting an API token for a Forge user, an unknown route.
      { method: "POST", path: "/api/users/someone/tokens" },
      { method: "GET", path: "/api/not-a-route" },
      { method: "DELETE", path: "/api/me" },
    ]) {
      expect(await call(site.admin, "api", payload)).toMatchObject({
        status: 400,
        body: { error: { code: "FORGE.INVALID_API_CALL" } },
      });
    }
    expect(site.installation.remoteCalls.slice(before)).toEqual([]);
  });

  it("forwards the console's routes normalised, and has every console route of the service on its list", async () => {
    expect(await call(site.person, "api", { method: "GET", path: "/api/incidents?limit=5#top" })).toMatchObject({
      status: 200,
      body: { incidents: expect.any(Array) },
    });
    expect(site.installation.remoteCalls.at(-1)).toBe("GET /api/incidents?limit=5");
    // Not for Jira's people: API tokens, and console sessions (inside Jira, Forge signs the person in on every call).
    const notForForge = new Set([
      "POST /api/users/:id/tokens",
      "GET /api/users/:id/tokens",
      "DELETE /api/users/:id/tokens/:tokenId",
      "POST /api/session",
      "DELETE /api/session",
      "DELETE /api/session/current",
    ]);
    const served = routesOf(w.svc.app).filter((r) => r.includes(" /api/") && !notForForge.has(r));
    expect([...CONSOLE_API_ROUTES].sort()).toEqual(served.sort());
  });

  it("refuses the admin page's resolvers to anyone who does not administer Jira, before the service", async () => {
    const before = site.installation.remoteCalls.length;
    expect(await call(site.person, "adminSettings")).toMatchObject({
      status: 403,
      body: { error: { code: "FORGE.ADMIN_REQUIRED" } },
    });
    expect(await call(site.person, "saveAdminSettings", { settings: {} })).toMatchObject({ status: 403 });
    expect(site.installation.remoteCalls.slice(before)).toEqual([]);
    expect(await call(site.admin, "adminSettings")).toMatchObject({
      status: 200,
      body: { site: { cloudId: site.installation.cloudId, siteUrl: "https://charlie.atlassian.net" } },
    });
  });

  it("takes the issue from Forge's context, never from the payload", async () => {
    const mine = await site.jira.createIssueAsUser({ project: "CI", summary: "Visible issue" }, site.person);
    const hidden = await site.jira.createIssueAsUser({ project: "OPS", summary: "Hidden issue" }, site.person);
    const outsider = site.addPerson("Outsider");
    site.jira.denyUserPermission(outsider, "BROWSE_PROJECTS");
    // A payload naming another issue changes nothing: the panel's issue is the context's.
    const answer = await call(
      site.person,
      "issuePanel",
      { issue: { id: hidden.id, key: hidden.key } },
      { issue: { id: mine.id, key: mine.key } },
    );
    expect(answer).toMatchObject({ status: 200, body: { issue: { key: mine.key, summary: "Visible issue" } } });
    expect(await call(outsider, "issuePanel", {}, { issue: { id: mine.id, key: mine.key } })).toMatchObject({
      status: 403,
    });
    expect(await call(site.person, "declareIncident", { severity: "SEV2" }, {})).toMatchObject({
      status: 400,
      body: { error: { code: "FORGE.NO_ISSUE" } },
    });
  });

  it("runs overlapping invocations each as its own person (a panel reloading while a form saves)", async () => {
    const issue = await site.jira.createIssueAsUser({ project: "CI", summary: "Shared issue" }, site.person);
    const outsider = site.addPerson("Overlapping Outsider");
    site.jira.denyUserPermission(outsider, "BROWSE_PROJECTS");
    const extension = { issue: { id: issue.id, key: issue.key } };
    const answers = await Promise.all(
      Array.from({ length: 6 }, (_, i) => call(i % 2 ? outsider : site.person, "issuePanel", {}, extension)),
    );
    answers.forEach((answer, i) => {
      if (i % 2)
        expect(answer).toMatchObject({ status: 403, body: { error: { code: "FORGE.ISSUE_PERMISSION_REQUIRED" } } });
      else expect(answer).toMatchObject({ status: 200, body: { issue: { key: issue.key, summary: "Shared issue" } } });
    });
  });
});
