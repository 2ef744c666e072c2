// The console's cookie session: POST /api/session trades an API token for an HttpOnly `fw_session` cookie; reads
// then need only the cookie, writes also `X-Firewatch-Client: console` (a cross-site form cannot send it); DELETE
// /api/session signs the person out everywhere. Bearer tokens work as before, whatever cookie comes with them.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DATABASE_KINDS } from "../support/databases.ts";
import { ADMIN_TOKEN, startTestService, TestClock, type TestService } from "../support/running-service.ts";

const HOUR_MS = 3_600_000;

describe.each(DATABASE_KINDS)("console sessions on $name", (kind) => {
  const clock = new TestClock();
  let svc: TestService;

  /** A browser's request: the cookie (if any), no Authorization unless given. */
  const send = async (
    method: string,
    path: string,
    options: { cookie?: string; console?: boolean; json?: unknown; bearer?: string } = {},
  ) => {
    const headers: Record<string, string> = {};
    if (options.cookie) headers.cookie = options.cookie;
    if (options.console) headers["x-firewatch-client"] = "console";
    if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
    if (options.json !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(`${svc.url}${path}`, {
      method,
      headers,
      body: options.json === undefined ? undefined : JSON.stringify(options.json),
      redirect: "manual",
    });
    const text = await res.text();
    let body: any = text;
    try {
      body = JSON.parse(text);
    } catch {
      // not JSON
    }
    return { status: res.status, body, setCookie: res.headers.get("set-cookie") };
  };
  /** Signs in with an API token; resolves with the `fw_session=…` pair to send back, and the answer. */
  const signIn = async (token = ADMIN_TOKEN) => {
    const res = await send("POST", "/api/session", { json: { token } });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return { cookie: res.setCookie!.split(";")[0]!, res };
  };

  beforeAll(async () => {
    svc = await startTestService(kind, { clock });
  });
  afterAll(() => svc?.stop());

  it("trades an API token for an HttpOnly, SameSite=Lax cookie and answers as GET /api/me", async () => {
    const { cookie, res } = await signIn();
    const me = await svc.api("/api/me");
    expect(res.body).toEqual(await me.json());
    expect(cookie).toMatch(/^fw_session=[A-Za-z0-9_-]{43}$/);
    const attributes = res.setCookie!.split(";").map((a) => a.trim().toLowerCase());
    expect(attributes).toEqual(expect.arrayContaining(["httponly", "samesite=lax", "path=/", "max-age=604800"]));
    // Served over plain http with an http PUBLIC_URL: a Secure cookie would never come back.
    expect(attributes).not.toContain("secure");
    expect((await send("GET", "/api/me", { cookie })).body).toEqual(res.body);
  });

  it("refuses a bad token with 401 and sets no cookie", async () => {
    const bad = await send("POST", "/api/session", { json: { token: "fw_not-a-real-token-at-all" } });
    expect(bad.status).toBe(401);
    expect(bad.body.error.code).toBe("AUTH.INVALID_TOKEN");
    expect(bad.setCookie).toBeNull();
    const empty = await send("POST", "/api/session", { json: {} });
    expect(empty.status).toBe(400);
    expect(empty.setCookie).toBeNull();
  });

  it("needs the console header for a write made with the cookie, and names it", async () => {
    const { cookie } = await signIn();
    const incident = { title: "Made from the console", severity: "SEV3" };
    const refused = await send("POST", "/api/incidents", { cookie, json: incident });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("AUTH.CONSOLE_HEADER_REQUIRED");
    expect(refused.body.error.message).toContain("X-Firewatch-Client: console");
    const made = await send("POST", "/api/incidents", { cookie, console: true, json: incident });
    expect(made.status).toBe(201);
    // Reads need no header; a Bearer token needs none for writes.
    expect((await send("GET", `/api/incidents/${made.body.key}`, { cookie })).status).toBe(200);
    const byToken = await send("POST", `/api/incidents/${made.body.key}/resolve`, { bearer: ADMIN_TOKEN });
    expect(byToken.status).toBe(200);
  });

  it("signs out everywhere: both sessions end, the cookie is cleared, Bearer tokens still work", async () => {
    const laptop = await signIn();
    const phone = await signIn();
    expect(laptop.cookie).not.toBe(phone.cookie);
    expect((await send("DELETE", "/api/session", { cookie: laptop.cookie })).status).toBe(403);
    const out = await send("DELETE", "/api/session", { cookie: laptop.cookie, console: true });
    expect(out.status).toBe(204);
    expect(out.setCookie).toMatch(/^fw_session=;.*Expires=Thu, 01 Jan 1970/);
    for (const { cookie } of [laptop, phone]) {
      const gone = await send("GET", "/api/me", { cookie });
      expect(gone.status).toBe(401);
      expect(gone.body.error.code).toBe("AUTH.SESSION_EXPIRED");
      expect(gone.setCookie).toMatch(/^fw_session=;/);
    }
    // A Bearer token wins over any cookie sent with it, and is unaffected by signing out.
    expect((await send("GET", "/api/me", { cookie: laptop.cookie, bearer: ADMIN_TOKEN })).status).toBe(200);
    // Signing out with a Bearer token ends the sessions too.
    const tablet = await signIn();
    expect((await send("DELETE", "/api/session", { bearer: ADMIN_TOKEN })).status).toBe(204);
    expect((await send("GET", "/api/me", { cookie: tablet.cookie })).status).toBe(401);
  });

  it("signs out this browser only: its session ends, the person's other sessions go on", async () => {
    const laptop = await signIn();
    const phone = await signIn();
    expect((await send("DELETE", "/api/session/current", { cookie: laptop.cookie })).status).toBe(403);
    const out = await send("DELETE", "/api/session/current", { cookie: laptop.cookie, console: true });
    expect(out.status).toBe(204);
    expect(out.setCookie).toMatch(/^fw_session=;/);
    expect((await send("GET", "/api/me", { cookie: laptop.cookie })).body.error.code).toBe("AUTH.SESSION_EXPIRED");
    expect((await send("GET", "/api/me", { cookie: phone.cookie })).status).toBe(200);
  });

  it("ends a session unused for 12 hours, keeps one in use, and ends every session after 7 days", async () => {
    const idle = await signIn();
    const busy = await signIn();
    try {
      clock.advance(6 * HOUR_MS);
      expect((await send("GET", "/api/me", { cookie: busy.cookie })).status).toBe(200);
      clock.advance(7 * HOUR_MS);
      expect((await send("GET", "/api/me", { cookie: idle.cookie })).body.error.code).toBe("AUTH.SESSION_EXPIRED");
      expect((await send("GET", "/api/me", { cookie: busy.cookie })).status).toBe(200);
      for (let hours = 13; hours < 7 * 24 - 6; hours += 6) {
        clock.advance(6 * HOUR_MS);
        expect((await send("GET", "/api/me", { cookie: busy.cookie })).status, `after ${hours + 6} h`).toBe(200);
      }
      clock.advance(7 * HOUR_MS);
      expect((await send("GET", "/api/me", { cookie: busy.cookie })).status).toBe(401);
    } finally {
      clock.reset();
    }
  });

  it("answers a cookie it never issued with 401 and clears it", async () => {
    for (const cookie of [`fw_session=${"x".repeat(43)}`, "fw_session=garbage", "fw_session="]) {
      const res = await send("GET", "/api/me", { cookie });
      expect(res.status, cookie).toBe(401);
      expect(res.body.error.code).toBe("AUTH.SESSION_EXPIRED");
      expect(res.setCookie).toMatch(/^fw_session=;/);
    }
    // Other cookies alone are no session: the usual answer for no credential.
    expect((await send("GET", "/api/me", { cookie: "theme=dark" })).body.error.code).toBe("AUTH.TOKEN_REQUIRED");
  });
});

describe("console session cookie behind HTTPS", () => {
  it("is Secure when PUBLIC_URL is https", async () => {
    const svc = await startTestService(DATABASE_KINDS[0]!, { env: { PUBLIC_URL: "https://firewatch.example.com" } });
    try {
      const res = await fetch(`${svc.url}/api/session`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ token: ADMIN_TOKEN }),
      });
      expect(res.status).toBe(201);
      expect(
        res.headers
          .get("set-cookie")!
          .split(";")
          .map((a) => a.trim()),
      ).toContain("Secure");
    } finally {
      await svc.stop();
    }
  });
});
