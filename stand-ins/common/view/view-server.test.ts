// The stand-ins' page router where the demo puts it: mounted under a path (/sandbox/<vendor>) on another server,
// which may or may not strip that path before handing the request on. Every href, form action and redirect must
// carry the mount's path; forms only as same-origin urlencoded POSTs.
import { createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { markup } from "./html.ts";
import { PageClient } from "./page-client.ts";
import { StandInView, ViewPaths } from "./view-server.ts";

let server: Server;
let origin = "";
const posted: string[] = [];
const paths = new ViewPaths(() => `${origin}/sandbox/demo`);
const view = new StandInView({
  chrome: () => ({ paths, vendor: "Demo", theme: "jira", nav: [{ label: "Home", href: paths.href("/") }] }),
  home: () => ({
    title: "Home",
    main: markup`<h1>Home</h1><form method="post" action="${paths.href("/notes")}"><button>Go</button></form>`,
  }),
  routes: [
    {
      method: "POST",
      pattern: /^\/notes$/,
      run: async ({ form }) => {
        posted.push((await form()).get("note") ?? "");
        return { redirect: paths.href("/") };
      },
    },
  ],
});
const pages = new PageClient(() => origin);

beforeAll(async () => {
  // /sandbox/demo/… arrives as is; /stripped/… arrives with the mount's path taken off, as some hosts do.
  server = createServer((req, res) => {
    if (req.url?.startsWith("/stripped/")) req.url = req.url.slice("/stripped".length);
    const url = new URL(req.url ?? "/", "http://host");
    if (view.handles(url.pathname)) return void view.handle(req, res, url);
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

describe("a stand-in's pages mounted under a path", () => {
  it.each(["/sandbox/demo/_view/", "/stripped/_view/"])("serve %s with every href under the mount", async (path) => {
    const res = await fetch(`${origin}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    const html = await res.text();
    expect(html).toContain('<link rel="stylesheet" href="/sandbox/demo/_view/view.css" />');
    expect(html).toContain('action="/sandbox/demo/_view/notes"');
    expect(html).not.toMatch(/(href|action)="\/_view/);
  });

  it("serve the stylesheet, send the bare root to its slash, and answer HEAD", async () => {
    expect((await fetch(`${origin}/sandbox/demo/_view/view.css`)).headers.get("content-type")).toContain("text/css");
    const bare = await fetch(`${origin}/sandbox/demo/_view`, { redirect: "manual" });
    expect([bare.status, bare.headers.get("location")]).toEqual([303, "/sandbox/demo/_view/"]);
    const head = await fetch(`${origin}/sandbox/demo/_view/`, { method: "HEAD" });
    expect([head.status, await head.text()]).toEqual([200, ""]);
  });

  it("take a same-origin form and redirect under the mount; refuse other origins, other bodies and GETs", async () => {
    const res = await pages.post("/sandbox/demo/_view/notes", { note: "hello" });
    expect([res.status, res.headers.get("location")]).toEqual([303, "/sandbox/demo/_view/"]);
    // Opened as http://localhost:<port>: the browser's Origin names the host it asked for, not the base URL's.
    const byName = `localhost:${new URL(origin).port}`;
    const viaLocalhost = await new Promise<number | undefined>((resolve, reject) =>
      request(`${origin}/sandbox/demo/_view/notes`, {
        method: "POST",
        headers: { host: byName, origin: `http://${byName}`, "content-type": "application/x-www-form-urlencoded" },
      })
        .on("response", (res) => resolve(res.statusCode))
        .on("error", reject)
        .end("note=by+name"),
    );
    expect(viaLocalhost).toBe(303);
    expect(
      (await pages.post("/sandbox/demo/_view/notes", { note: "x" }, { origin: "https://evil.example" })).status,
    ).toBe(403);
    const json = await fetch(`${origin}/sandbox/demo/_view/notes`, {
      method: "POST",
      headers: { "content-type": "application/json", origin },
      body: "{}",
    });
    expect(json.status).toBe(415);
    expect((await pages.get("/sandbox/demo/_view/notes")).status).toBe(405);
    expect((await pages.get("/sandbox/demo/_view/nothing")).status).toBe(404);
    expect(posted).toEqual(["hello", "by name"]);
  });
});
