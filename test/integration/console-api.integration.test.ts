// What the web console relies on: it is served at `/`, signs in with GET /api/me, issues tokens to
// people with roles, filters incidents by text, reassigns owners, and shows refused fields by name.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { consoleRouter } from "../../sync-service/src/web/console.ts";
import { DATABASE_KINDS } from "../support/databases.ts";
import { startTestService, type TestService } from "../support/running-service.ts";

describe.each(DATABASE_KINDS)("console API on $name", (kind) => {
  let svc: TestService;
  beforeAll(async () => {
    svc = await startTestService(kind);
  });
  afterAll(() => svc?.stop());

  const call = async (method: string, p: string, json?: unknown, token?: string) => {
    const res = await svc.api(p, { method, json, ...(token ? { token } : {}) });
    return { status: res.status, body: (await res.json().catch(() => null)) as any };
  };

  it("serves the built console at / with revalidated HTML and immutable hashed assets", async () => {
    const index = await fetch(`${svc.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get("content-type")).toMatch(/text\/html/);
    expect(index.headers.get("cache-control")).toBe("no-cache");
    const html = await index.text();
    expect(html).toContain('<div id="root"></div>');
    const asset = /src="\/(assets\/[^"]+\.js)"/.exec(html)?.[1];
    expect(asset).toBeDefined();
    const js = await fetch(`${svc.url}/${asset}`);
    expect(js.status).toBe(200);
    expect(js.headers.get("cache-control")).toBe("public, max-age=31536000, immutable");
  });

  it("opens the incident links Firewatch writes elsewhere as the console's page, and keeps JSON 404s for the rest", async () => {
    const incident = (await call("POST", "/api/incidents", { title: "Linked from Slack" })).body;
    expect(incident.url).toMatch(new RegExp(`/incidents/${incident.key}$`));
    const page = await fetch(`${svc.url}/incidents/${incident.key}`, { headers: { Accept: "text/html" } });
    expect([page.status, page.headers.get("cache-control")]).toEqual([200, "no-cache"]);
    expect(await page.text()).toContain('<div id="root"></div>');
    for (const p of ["/api/no-such-route", "/no-such-page"]) {
      const res = await svc.api(p, { headers: { Accept: "text/html" } });
      expect([p, res.status, ((await res.json()) as any).error.code]).toEqual([p, 404, "ROUTE.NOT_FOUND"]);
    }
  });

  it("tells who is signed in, and issues tokens whose role the API enforces", async () => {
    expect(await call("GET", "/api/me")).toMatchObject({ status: 200, body: { name: "admin", role: "admin" } });
    const viewer = (
      await call("POST", "/api/users", { name: "Vera Viewer", email: "vera@example.com", role: "viewer" })
    ).body;
    const issued = await call("POST", `/api/users/${viewer.id}/tokens`, { name: "console" });
    expect(issued).toMatchObject({
      status: 201,
      body: { userId: viewer.id, name: "console", token: expect.stringMatching(/^fw_/) },
    });
    const token = issued.body.token as string;
    expect(await call("GET", "/api/me", undefined, token)).toMatchObject({
      status: 200,
      body: { userId: viewer.id, name: "Vera Viewer", role: "viewer" },
    });

    const incident = (await call("POST", "/api/incidents", { title: "Viewer cannot touch this" })).body;
    expect(await call("POST", `/api/incidents/${incident.key}/acknowledge`, undefined, token)).toMatchObject({
      status: 403,
      body: { error: { code: "AUTH.ROLE_REQUIRED", message: expect.stringContaining("responder") } },
    });
    expect(await call("POST", `/api/users/${viewer.id}/tokens`, { name: "self-service" }, token)).toMatchObject({
      status: 403,
    });
    expect(await call("POST", "/api/users/00000000-0000-4000-8000-00000000dead/tokens", { name: "x" })).toMatchObject({
      status: 404,
      body: { error: { code: "USER.NOT_FOUND" } },
    });
    expect(await call("GET", "/api/me", undefined, "fw_not-a-token")).toMatchObject({
      status: 401,
      body: { error: { code: "AUTH.INVALID_TOKEN" } },
    });
  });

  it("finds incidents by title words or by key", async () => {
    const a = (await call("POST", "/api/incidents", { title: "Checkout returns 502 for card payments" })).body;
    await call("POST", "/api/incidents", { title: "Search index lagging" });
    const keys = async (q: string) =>
      (
        await call("GET", `/api/incidents?q=${encodeURIComponent(q)}&status=triggered,acknowledged,resolved`)
      ).body.incidents.map((i: any) => i.key);
    expect(await keys("card CHECKOUT")).toEqual([a.key]);
    expect(await keys(a.key)).toEqual([a.key]);
    expect(await keys(String(a.number))).toContain(a.key);
    expect(await keys("nothing like this")).toEqual([]);
  });

  it("reassigns the owner, on the timeline, and refuses an unknown person without changing anything", async () => {
    const ada = (await call("POST", "/api/users", { name: "Ada Owner", email: "ada.owner@example.com" })).body;
    const incident = (await call("POST", "/api/incidents", { title: "Queue backlog" })).body;
    expect(await call("PATCH", `/api/incidents/${incident.key}`, { ownerId: ada.id })).toMatchObject({
      status: 200,
      body: { ownerId: ada.id, revision: 2 },
    });
    const timeline = (await call("GET", `/api/incidents/${incident.key}/timeline?type=incident.updated`)).body.entries;
    expect(timeline.map((e: any) => e.body)).toEqual([`admin changed the owner to Ada Owner of ${incident.key}`]);

    expect(
      await call("PATCH", `/api/incidents/${incident.key}`, { ownerId: "00000000-0000-4000-8000-00000000beef" }),
    ).toMatchObject({ status: 404, body: { error: { code: "USER.NOT_FOUND" } } });
    expect(await call("PATCH", `/api/incidents/${incident.key}`, { ownerId: null })).toMatchObject({
      status: 200,
      body: { ownerId: null, revision: 3 },
    });
    expect((await call("GET", `/api/incidents/${incident.key}`)).body.revision).toBe(3);
  });

  // As the console's fetch revalidates (`cache: "no-cache"` sends If-None-Match with Cache-Control: max-age=0);
  // fetch's default mode would add Cache-Control: no-cache, which asks for a full answer.
  it("answers an unchanged list with 304 to a conditional GET, and the new list once it changes", async () => {
    const revalidate = (etag: string) =>
      svc.api("/api/incidents?status=triggered", {
        headers: { "If-None-Match": etag },
        cache: "no-cache",
      } as RequestInit);
    const first = await svc.api("/api/incidents?status=triggered");
    const etag = first.headers.get("etag");
    expect(etag).toBeTruthy();
    expect((await revalidate(etag!)).status).toBe(304);
    await call("POST", "/api/incidents", { title: "Something new" });
    const changed = await revalidate(etag!);
    expect(changed.status).toBe(200);
    expect(((await changed.json()) as any).incidents[0].title).toBe("Something new");
  });

  it("names each refused field, so a form can show the message beside it", async () => {
    const res = await call("POST", "/api/incidents", { title: "  ", severity: "SEV9" });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe("REQUEST.INVALID");
    expect(res.body.error.fields).toEqual([
      { path: "title", message: "must not be blank" },
      { path: "severity", message: expect.stringContaining("SEV1") },
    ]);
  });
});

describe("console without a build", () => {
  it("answers / with how to build it instead of a blank page", async () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "firewatch-console-"));
    const app = express().use(consoleRouter(`${empty}/`));
    const server = app.listen(0);
    try {
      const { port } = server.address() as { port: number };
      const res = await fetch(`http://127.0.0.1:${port}/`);
      expect(res.status).toBe(503);
      expect(await res.text()).toContain("npm run build:console");
    } finally {
      server.close();
      fs.rmSync(empty, { recursive: true });
    }
  });
});
