// The console and the API answer with headers that keep a browser from running injected scripts, framing
// the console or sniffing a JSON answer as HTML. The browser tests also fail on anything the policy blocks.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS } from "../support/databases.ts";
import { startTestService, type TestService } from "../support/running-service.ts";

describe.each(DATABASE_KINDS)("security headers on $name", (kind) => {
  let svc: TestService;

  beforeAll(async () => {
    svc = await startTestService(kind);
  });
  afterAll(async () => {
    await svc?.stop();
  });

  it("serves the console with a policy that allows only its own scripts and no framing", async () => {
    const res = await fetch(`${svc.url}/`);
    expect(res.status).toBe(200);
    const policy = res.headers.get("content-security-policy") ?? "";
    const directives = new Map(
      policy
        .split(";")
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values.join(" ")]),
    );
    expect(directives.get("script-src")).toBe("'self'");
    expect(directives.get("default-src")).toBe("'self'");
    expect(directives.get("frame-ancestors")).toBe("'none'");
    expect(directives.get("object-src")).toBe("'none'");
    expect(directives.has("upgrade-insecure-requests")).toBe(false);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
  });

  it("answers the API and its errors as JSON that is never sniffed or framed", async () => {
    for (const res of [await svc.api("/api/me"), await svc.api("/api/me", { token: null })]) {
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("referrer-policy")).toBe("no-referrer");
      expect(res.headers.get("x-powered-by")).toBeNull();
      expect(res.headers.get("content-type")).toMatch(/^application\/json/);
    }
  });
});
