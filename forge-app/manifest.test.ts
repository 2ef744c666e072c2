// manifest.yml checked the way `forge lint` checks a manifest (@forge/manifest, offline), and wired to what
// the repository builds: the resolver handler src/index.ts re-exports, the UI Kit entry files and the
// console bundle `npm run build` makes for the global page.
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { parse } from "yaml";
import { manifestProblems, SERVICE_URL_VARIABLE } from "../scripts/validate-manifest.ts";
import * as entry from "../src/index.ts";
import { handler } from "./resolvers/index.ts";

const manifest = parse(readFileSync("manifest.yml", "utf8"));
const scratch: string[] = [];

beforeAll(() => {
  process.env[SERVICE_URL_VARIABLE] = "https://firewatch.example.com";
});
afterEach(() => {
  for (const file of scratch.splice(0)) rmSync(file, { force: true });
});

/** A changed copy of the manifest in the app root (resource and handler paths are relative to it). */
function variant(change: (text: string) => string): string {
  const file = `manifest.test-${process.pid}-${scratch.length}.yml`;
  writeFileSync(file, change(readFileSync("manifest.yml", "utf8")));
  scratch.push(file);
  return file;
}

describe("manifest.yml", () => {
  it("passes @forge/manifest's validation (schema, handlers, resources, remotes, scopes, product-trigger scopes)", async () => {
    expect(await manifestProblems()).toEqual([]);
  });

  it("is really checked: a missing handler file, a missing trigger scope and an unset service URL are errors", async () => {
    const noHandler = await manifestProblems(
      variant((t) => t.replace("handler: index.handler", "handler: missing.handler")),
    );
    expect(noHandler.map((p) => p.message)).toContainEqual(
      expect.stringContaining("cannot find associated file with name 'missing"),
    );
    const noScope = await manifestProblems(variant((t) => t.replace("    - read:jira-work\n", "")));
    expect(noScope.filter((p) => p.check === "product-trigger").map((p) => p.message)).toContainEqual(
      "Trigger event: 'avi:jira:created:issue' requires 'read:jira-work' scope",
    );
    delete process.env[SERVICE_URL_VARIABLE];
    try {
      expect((await manifestProblems()).map((p) => p.message)).toContainEqual(
        expect.stringContaining(`could not find environment variable '${SERVICE_URL_VARIABLE}'`),
      );
    } finally {
      process.env[SERVICE_URL_VARIABLE] = "https://firewatch.example.com";
    }
  });

  it("runs on nodejs22.x and reaches the service only as the `firewatch` remote, from FIREWATCH_SERVICE_URL", () => {
    expect(manifest.app.runtime.name).toBe("nodejs22.x");
    expect(manifest.remotes).toEqual([
      expect.objectContaining({
        key: "firewatch",
        baseUrl: "${FIREWATCH_SERVICE_URL}",
        auth: { appSystemToken: { enabled: true } },
      }),
    ]);
    expect(manifest.permissions.external).toEqual({ fetch: { backend: [{ remote: "firewatch" }] } });
    for (const endpoint of manifest.modules.endpoint)
      expect(endpoint).toMatchObject({ remote: "firewatch", auth: { appSystemToken: { enabled: true } } });
  });

  it("asks for the scopes the service and resolvers use, and no more", () => {
    // Jira: issues, properties, comments, links, jql/match, transitions (read/write:jira-work); the app
    // user's and actors' names (read:jira-user). Confluence: postmortem pages, their content properties
    // and labels, the space they go to (granular v2 scopes), the app's own account (read:content-details, for
    // adopting its own page after a crash). Atlassian's personal data reporting (report:personal-data).
    expect([...manifest.permissions.scopes].sort()).toEqual(
      [
        "read:jira-work",
        "write:jira-work",
        "read:jira-user",
        "read:page:confluence",
        "write:page:confluence",
        "read:space:confluence",
        "read:confluence-props",
        "write:confluence-props",
        "write:label:confluence",
        "read:content-details:confluence",
        "report:personal-data",
      ].sort(),
    );
  });

  it("declares the modules: issue panel, global page, admin page, postmortem byline, product events, hourly reconciliation", () => {
    const m = manifest.modules;
    expect(m["jira:issuePanel"]).toMatchObject([
      { resource: "issue-panel", render: "native", resolver: { function: "resolver" } },
    ]);
    expect(m["jira:globalPage"]).toMatchObject([{ resource: "console", resolver: { function: "resolver" } }]);
    expect(m["jira:adminPage"]).toMatchObject([{ resource: "admin-page", render: "native" }]);
    expect(m["confluence:contentBylineItem"]).toMatchObject([{ resource: "postmortem-byline", render: "native" }]);
    const events = m.trigger.flatMap((t: { events: string[] }) => t.events);
    expect(events).toEqual(
      expect.arrayContaining([
        "avi:jira:created:issue",
        "avi:jira:updated:issue",
        "avi:jira:deleted:issue",
        "avi:jira:commented:issue",
      ]),
    );
    expect(m.trigger.every((t: { endpoint?: string }) => t.endpoint === "firewatch-events")).toBe(true);
    expect(m.scheduledTrigger).toMatchObject([{ endpoint: "firewatch-scheduled", interval: "hour" }]);
    expect(
      Object.fromEntries(m.endpoint.map((e: { key: string; route: { path: string } }) => [e.key, e.route.path])),
    ).toEqual({ "firewatch-events": "/forge/events", "firewatch-scheduled": "/forge/scheduled" });
  });

  it("asks Jira to index the issue marker property, so issue.property[firewatch].linkId works in JQL on Forge sites", () => {
    expect(manifest.modules["jira:entityProperty"]).toEqual([
      {
        key: "firewatch-issue-marker",
        entityType: "issue",
        propertyKey: "firewatch",
        values: expect.arrayContaining([
          { path: "linkId", type: "string" },
          { path: "incidentId", type: "string" },
        ]),
      },
    ]);
  });

  it("points its resources at what the repository builds, and its handler at the app's resolvers", () => {
    const resources = Object.fromEntries(manifest.resources.map((r: { key: string; path: string }) => [r.key, r.path]));
    for (const key of ["issue-panel", "admin-page", "postmortem-byline"])
      expect(existsSync(resources[key]), resources[key]).toBe(true);
    // `npm install` (postinstall) and `npm run build` build the console; the global page serves that bundle.
    expect(resources.console).toBe("forge-app/ui/console/dist");
    expect(existsSync(`${resources.console}/index.html`)).toBe(true);
    expect(manifest.modules.function).toEqual([{ key: "resolver", handler: "index.handler" }]);
    expect(Object.keys(entry)).toEqual(["handler"]);
    expect(entry.handler).toBe(handler);
  });
});
