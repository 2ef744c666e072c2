import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { absoluteAssets, consoleRouter } from "./console.ts";

// A build as Vite writes it (relative asset URLs), served with a JSON 404 behind it like app.ts's.
const INDEX = `<!doctype html><html><head><script type="module" src="./assets/index-abc.js"></script>
<link rel="stylesheet" href="./assets/index-abc.css"></head><body><div id="root"></div></body></html>`;

describe("the console's routes", () => {
  let dist: string;
  let url: string;
  let server: ReturnType<express.Express["listen"]>;
  beforeAll(async () => {
    dist = fs.mkdtempSync(path.join(os.tmpdir(), "firewatch-console-"));
    fs.mkdirSync(path.join(dist, "assets"));
    fs.writeFileSync(path.join(dist, "index.html"), INDEX);
    fs.writeFileSync(path.join(dist, "assets", "index-abc.js"), "console.log(1)");
    const app = express()
      .use(consoleRouter(`${dist}/`))
      .use((req, res) => {
        res.status(404).json({ error: { code: "ROUTE.NOT_FOUND", message: `No route ${req.method} ${req.path}` } });
      });
    server = await new Promise((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server?.close();
    fs.rmSync(dist, { recursive: true, force: true });
  });

  const get = (p: string, accept = "text/html,application/xhtml+xml,*/*;q=0.8", method = "GET") =>
    fetch(`${url}${p}`, { method, headers: { Accept: accept }, redirect: "manual" });

  it.each(["/incidents", "/incidents/INC-42", "/oncall", "/schedules/abc", "/escalation-policies", "/settings/tokens"])(
    "answers the page %s with index.html, revalidated, its assets absolute",
    async (p) => {
      const res = await get(p);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      expect(res.headers.get("cache-control")).toBe("no-cache");
      const html = await res.text();
      expect(html).toContain('src="/assets/index-abc.js"');
      expect(html).toContain('href="/assets/index-abc.css"');
      expect(html).not.toContain("./assets/");
    },
  );

  it("answers / with the same page, and HEAD on a page too", async () => {
    expect(await (await get("/")).text()).toContain('src="/assets/index-abc.js"');
    const head = await get("/incidents/INC-1", "*/*", "HEAD");
    expect([head.status, head.headers.get("content-type")]).toEqual([200, "text/html; charset=utf-8"]);
  });

  it("leaves the API, unknown paths, other methods and JSON clients to the JSON 404", async () => {
    for (const [p, accept, method] of [
      ["/api/nothing-here", "text/html", "GET"],
      ["/api/incidents/INC-1", "*/*", "GET"],
      ["/incidentsx", "text/html", "GET"],
      ["/unknown/page", "text/html", "GET"],
      ["/incidents/INC-1", "application/json", "GET"],
      ["/incidents/INC-1", "text/html", "POST"],
    ] as const) {
      const res = await get(p, accept, method);
      expect({ p, accept, method, status: res.status, type: res.headers.get("content-type") }).toEqual({
        p,
        accept,
        method,
        status: 404,
        type: "application/json; charset=utf-8",
      });
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("ROUTE.NOT_FOUND");
    }
  });

  it("serves hashed assets as static files cached for a year, and a missing one as a 404", async () => {
    const js = await get("/assets/index-abc.js", "*/*");
    expect([js.status, js.headers.get("cache-control"), await js.text()]).toEqual([
      200,
      "public, max-age=31536000, immutable",
      "console.log(1)",
    ]);
    expect((await get("/assets/gone.js", "*/*")).status).toBe(404);
  });

  it("rewrites only the build's relative asset URLs", () => {
    expect(absoluteAssets('<a href="./other">x</a><script src="./assets/a.js">')).toBe(
      '<a href="./other">x</a><script src="/assets/a.js">',
    );
  });
});
