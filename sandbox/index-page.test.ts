// /sandbox/: the stand-ins' names and paths are escaped, only its root is a page, and only to GET and HEAD.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sandboxIndexHandler, sandboxIndexHtml } from "./index-page.ts";
import { SANDBOX_NOTICE } from "./notices.ts";

const PAGES = [
  { name: "Jira", path: "/sandbox/jira/_view/", what: "issues" },
  { name: `<img src=x onerror="alert(1)">`, path: `/x"><script>`, what: "a & b" },
];

describe("the sandbox's index page", () => {
  let server: Server;
  let url: string;
  beforeAll(async () => {
    const handle = sandboxIndexHandler(PAGES);
    // As express hands it over when mounted at /sandbox: the mount path taken off req.url.
    server = createServer((req, res) => {
      req.url = req.url!.replace(/^\/sandbox/, "") || "/";
      void handle(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/sandbox`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it("escapes every name and path it shows", () => {
    const html = sandboxIndexHtml(PAGES);
    expect(html).toContain(SANDBOX_NOTICE);
    expect(html).toContain(`<a href="/sandbox/jira/_view/">Jira</a>`);
    expect(html).not.toMatch(/<img|<script/);
    expect(html).toContain("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;");
    expect(html).toContain("a &amp; b");
  });

  it("answers its root to GET with a strict policy, other paths with 404 and other methods with 405", async () => {
    const page = await fetch(`${url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toMatch(/^default-src 'none'; style-src 'sha256-/);
    expect(await page.text()).toContain("<h1>Firewatch sandbox</h1>");
    expect((await fetch(url)).status).toBe(200);
    const missing = await fetch(`${url}/nothing<b>`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).not.toContain("<b>");
    expect((await fetch(`${url}/`, { method: "POST" })).status).toBe(405);
  });
});
